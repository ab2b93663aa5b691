import "server-only";
import type { HighlightSegment } from "@/lib/highlight";

/**
 * Highlighted text travels as plain strings with two control characters around each match (PostgreSQL's
 * ts_headline inserts them; search.ts strips them from the source text first, so only ours are present).
 * Splitting on them yields plain segments that React renders as text inside <mark>: user text is never
 * parsed as HTML.
 */
export const MATCH_START = "\u0002";
export const MATCH_STOP = "\u0003";

// The segment shape and hasMatch live in src/lib so the result table (a component) can use them.
export { type HighlightSegment, hasMatch } from "@/lib/highlight";

/** Splits marked text into segments; adjacent matches (e.g. "S2" and "-2405678") merge into one. */
export function splitHighlight(marked: string): HighlightSegment[] {
  const segments: HighlightSegment[] = [];
  const push = (text: string, isMatch: boolean) => {
    if (!text) return;
    const last = segments.at(-1);
    if (last && last.isMatch === isMatch) last.text += text;
    else segments.push({ text, isMatch });
  };
  let isMatch = false;
  let current = "";
  for (const ch of marked) {
    if (ch === MATCH_START || ch === MATCH_STOP) {
      push(current, isMatch);
      current = "";
      isMatch = ch === MATCH_START;
    } else {
      current += ch;
    }
  }
  push(current, isMatch);
  return segments;
}

/** The words of a websearch query that can match (not `-excluded`, not `or`), lower-cased, quotes removed. */
function queryWords(q: string): Set<string> {
  return new Set(
    q
      .replace(/"/g, " ")
      .split(/\s+/)
      .filter((w) => w && !w.startsWith("-") && w.toLowerCase() !== "or")
      .map((w) => w.toLowerCase()),
  );
}

/**
 * The statement's other identifiers with what the query matched marked: a whole identifier, or the part of
 * one a reader typed alone (240987 of SP-240987, which the search vector holds since
 * 20261206135000_search_links_and_identifier_parts). Empty when nothing matched: the list then shows no
 * identifier line. Done here, not by ts_headline, which cannot mark a part the parser never splits off.
 */
export function highlightIdentifiers(identifiers: readonly string[], q: string): HighlightSegment[] {
  const words = queryWords(q);
  const segments: HighlightSegment[] = [];
  let isAnyMatch = false;
  identifiers.forEach((raw, i) => {
    const identifier = raw.split(MATCH_START).join("").split(MATCH_STOP).join("");
    if (i > 0) segments.push({ text: ", ", isMatch: false });
    if (words.has(identifier.toLowerCase())) {
      segments.push({ text: identifier, isMatch: true });
      isAnyMatch = true;
      return;
    }
    for (const part of identifier.split(/([-_/.:])/)) {
      const isMatch = part !== "" && words.has(part.toLowerCase());
      isAnyMatch ||= isMatch;
      segments.push({ text: part, isMatch });
    }
  });
  if (!isAnyMatch) return [];
  return splitHighlight(segments.map((s) => (s.isMatch ? `${MATCH_START}${s.text}${MATCH_STOP}` : s.text)).join(""));
}
