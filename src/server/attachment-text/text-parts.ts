/**
 * How extracted text is kept for search (ADR 026): cleaned of what PostgreSQL text cannot hold or what the
 * result highlighting uses as markers, cut to MAX_TEXT_CHARS, and split into parts of at most PART_CHARS
 * at a white-space boundary where there is one. Pure.
 */

/** Text kept per attachment: a 25 MB document of prose is well under it; beyond it is not searchable. */
export const MAX_TEXT_CHARS = 2_000_000;
/** One part: indexed by one short query, and the snippet's source when it matches. */
export const PART_CHARS = 20_000;

// NUL cannot be stored in PostgreSQL text; U+0002/U+0003 mark matches in highlighted text (highlight.ts).
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const UNSTORABLE = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/g;

export function cleanText(raw: string): { text: string; isCut: boolean } {
  const cleaned = raw.replace(UNSTORABLE, " ").replace(/[ \t]+\n/g, "\n");
  if (cleaned.length <= MAX_TEXT_CHARS) return { text: cleaned, isCut: false };
  let end = MAX_TEXT_CHARS;
  // never split a surrogate pair
  if (/[\uD800-\uDBFF]/.test(cleaned.charAt(end - 1))) end--;
  return { text: cleaned.slice(0, end), isCut: true };
}

export function splitParts(text: string, size = PART_CHARS): string[] {
  const parts: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + size, text.length);
    if (end < text.length) {
      const space = text.lastIndexOf(" ", end);
      const newline = text.lastIndexOf("\n", end);
      const cut = Math.max(space, newline);
      if (cut > start + size / 2) end = cut + 1;
      else if (/[\uD800-\uDBFF]/.test(text.charAt(end - 1))) end--;
    }
    const part = text.slice(start, end);
    if (part.trim()) parts.push(part);
    start = end;
  }
  return parts;
}
