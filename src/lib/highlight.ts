/** A piece of highlighted text (search results): plain, or a match to mark. */
export interface HighlightSegment {
  text: string;
  isMatch: boolean;
}

/** True when any segment is a match. */
export const hasMatch = (segments: readonly HighlightSegment[]) => segments.some((s) => s.isMatch);
