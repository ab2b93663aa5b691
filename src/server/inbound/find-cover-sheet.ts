import "server-only";
import { coverSheetScore, parseCoverSheet } from "./cover-sheet";
import { extractText } from "./extract-text";
import { extensionOf } from "./file-names";
import { documentNumbersIn } from "./identifiers";
import {
  COVER_SHEET_EXTRACT_LIMITS,
  COVER_SHEET_SEARCH_MS,
  type ExtractLimits,
  MAX_COVER_SHEET_CANDIDATES,
} from "./limits";
import type { CoverSheet, InboundFile } from "./types";

const SHEET_TYPES = ["docx", "pdf", "doc"];
const GOOD_ENOUGH = 7;

/** "S2-2410123.zip › S2-2410123.docx" for a zip member, else the file name. */
export const displayName = (file: InboundFile) => (file.fromZip ? `${file.fromZip} › ${file.fileName}` : file.fileName);

const stem = (name: string) => name.replace(/\.[a-z0-9]+$/i, "").toLowerCase();

/** Likelier cover sheets first: named like the zip or the subject's document number, "LS"/"cover" in the name, .docx. */
function rank(file: InboundFile, subjectNumbers: string[]): number {
  let score = 0;
  if (file.fromZip && stem(file.fileName).startsWith(stem(file.fromZip))) score += 8; // S2-2410123 LS on X.docx
  if (documentNumbersIn(file.fileName).some((n) => subjectNumbers.includes(n))) score += 4;
  if (/cover|\bls\b|[-_ ]ls[-_ \d]|liaison/i.test(file.fileName)) score += 2;
  const type = extensionOf(file.fileName);
  score += type === "docx" ? 2 : type === "pdf" ? 1 : 0;
  return score;
}

export type CoverSheetContext = {
  subject: string;
  bodyText: string;
  date?: Date;
  extractLimits?: Partial<ExtractLimits>;
};

/**
 * The LS cover sheet of a message: the .docx/.doc/PDF attachment or zip member that reads most like one
 * (at most MAX_COVER_SHEET_CANDIDATES are opened), else the mail body as a plain-text LS.
 */
export async function findCoverSheet(files: InboundFile[], context: CoverSheetContext) {
  const warnings: string[] = [];
  const subjectNumbers = documentNumbersIn(context.subject);
  const candidates = files
    .filter((f) => SHEET_TYPES.includes(extensionOf(f.fileName)) || /pdf|wordprocessingml|msword/.test(f.contentType))
    .map((file, order) => ({ file, order, rank: rank(file, subjectNumbers) }))
    .sort((a, b) => b.rank - a.rank || a.order - b.order)
    .slice(0, MAX_COVER_SHEET_CANDIDATES);
  let best: { file: InboundFile; text: string; kind: "3gpp" | "itu-t"; score: number } | undefined;
  const giveUpAt = Date.now() + COVER_SHEET_SEARCH_MS;
  for (const { file } of candidates) {
    if (Date.now() > giveUpAt) {
      warnings.push(
        `The search for the cover sheet stopped after ${COVER_SHEET_SEARCH_MS / 1000} s; ${displayName(file)} and later files were not read.`,
      );
      break;
    }
    const extracted = await extractText(file, { ...COVER_SHEET_EXTRACT_LIMITS, ...context.extractLimits });
    if (!extracted.ok) {
      warnings.push(`${displayName(file)} could not be read: ${extracted.reason}.`);
      continue;
    }
    const score = coverSheetScore(extracted.text);
    if (score && (!best || score.score > best.score)) best = { file, text: extracted.text, ...score };
    if (best && best.score >= GOOD_ENOUGH) break;
  }
  let coverSheet: CoverSheet | undefined;
  if (best) {
    coverSheet = parseCoverSheet(best.text, {
      from: displayName(best.file),
      kind: best.kind,
      fileNames: [best.file.fileName, ...(best.file.fromZip ? [best.file.fromZip] : [])],
      subject: context.subject,
      date: context.date,
    });
  } else if (coverSheetScore(context.bodyText)) {
    coverSheet = parseCoverSheet(context.bodyText, {
      from: "mail body",
      kind: "plain",
      subject: context.subject,
      date: context.date,
    });
  } else {
    warnings.push("No LS cover sheet was recognised in the attachments or the mail body; the fields are left for you.");
  }
  return { coverSheet, warnings };
}
