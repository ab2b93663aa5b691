/** Plain text exactly as entered (no reflow, no HTML), with http(s) URLs made into links. */
export function LinkifiedText({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]])/g);
  return (
    <pre className="whitespace-pre-wrap break-words font-mono text-sm leading-relaxed">
      {parts.map((part, i) =>
        /^https?:\/\//.test(part) ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: a static split of immutable text; the index is the identity
          <a key={i} href={part} rel="nofollow noopener">
            {part}
          </a>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: a static split of immutable text; the index is the identity
          <span key={i}>{part}</span>
        ),
      )}
    </pre>
  );
}
