import "server-only";
import type { ExtractedText } from "./types";

export type TextSource = { fileName: string; contentType: string; bytes: Buffer };

/**
 * The text of one attachment, for search and cover-sheet reading (issue 18). First version: plain text
 * only. PDF, DOCX and HTML, and the time and size bounds, are built on this signature.
 */
export async function extractText(file: TextSource): Promise<ExtractedText> {
  if (file.contentType.startsWith("text/plain") || /\.txt$/i.test(file.fileName)) {
    return { ok: true, text: file.bytes.toString("utf8"), truncated: false };
  }
  return { ok: false, reason: `no text reader for ${file.contentType}` };
}
