import type { HighlightSegment } from "@/server/archive/highlight";

/** Text with the search's matched words in <mark>; every segment is a React text node (never HTML). */
export function Highlighted({ segments }: { segments: readonly HighlightSegment[] }) {
  return (
    <>
      {segments.map((s, i) =>
        s.isMatch ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: a fixed split of immutable text
          <mark key={i} className="rounded-sm bg-yellow-200 px-0.5 text-inherit">
            {s.text}
          </mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: a fixed split of immutable text
          <span key={i}>{s.text}</span>
        ),
      )}
    </>
  );
}
