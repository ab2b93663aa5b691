import "server-only";

// 3GPP Tdoc numbers: S2-2410123 (working groups, 7 digits since 2021), SP-240987 / RP-241721 / CP-243210
// (plenaries), R1-2508303, C4-243456, S4-241819.
const TDOC = /\b(?:[SRC][1-6P])-\d{6,7}\b/g;
// ITU-T LS numbers as the ITU-T liaison pages and the cover sheets write them: SG15-LS123, COM15-LS123
// ("COM 15 – LS 123 – E" in document headers, "T25-SG15-LS-0123!!PDF-E.pdf" as file names), TSAG-LS12.
const ITU_LS = /\b(SG\s?\d{1,2}|COM\s?\d{1,2}|TSAG)\s?[-–]\s?LS\s?[-–]?\s?0*(\d{1,4})\b/gi;

/** The peer document numbers written in a piece of text, in order, normalised (SG15-LS123), unique. */
export function documentNumbersIn(text: string): string[] {
  const found: { at: number; value: string }[] = [];
  for (const match of text.matchAll(TDOC)) found.push({ at: match.index, value: match[0].toUpperCase() });
  for (const match of text.matchAll(ITU_LS))
    found.push({ at: match.index, value: `${(match[1] ?? "").replace(/\s/g, "").toUpperCase()}-LS${match[2]}` });
  found.sort((a, b) => a.at - b.at);
  return [...new Set(found.map((f) => f.value))];
}

/** A header line without the documents it revises ("S2-2410123 (revision of S2-2409876)"). */
export function withoutRevisionOf(line: string): string {
  return line.replace(/\(?\s*(?:revision|rev\.?|replaces?)\s+of\s+[^)]*\)?/gi, " ");
}
