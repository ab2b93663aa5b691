import "server-only";

/**
 * Highlighted text travels as plain strings with two control characters around each match (PostgreSQL's
 * ts_headline inserts them; search.ts strips them from the source text first, so only ours are present).
 * Splitting on them yields plain segments that React renders as text inside <mark>: user text is never
 * parsed as HTML.
 */
export const MATCH_START = "\u0002";
export const MATCH_STOP = "\u0003";

export interface HighlightSegment {
  text: string;
  isMatch: boolean;
}

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

/** True when any segment is a match. */
export const hasMatch = (segments: readonly HighlightSegment[]) => segments.some((s) => s.isMatch);
