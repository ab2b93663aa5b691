/** Plain text exactly as entered (no reflow, no HTML), with http(s) URLs made into links. */
export function LinkifiedText({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]])/g);
  return (
    <pre className="whitespace-pre-wrap break-words font-mono text-sm leading-relaxed">
      {parts.map((part, i) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: static split of immutable text
        /^https?:\/\//.test(part) ? <a key={i} href={part} rel="nofollow noopener">{part}</a> : <span key={i}>{part}</span>,
      )}
    </pre>
  );
}
