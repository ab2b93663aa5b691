import "server-only";
import { MAX_ATTACHMENT_BYTES } from "@/lib/upload-limits";

/**
 * How much one inbound message may make us read (issue 18, ADR 024). Inbound mail is the least trusted input
 * we have: every bound below holds whatever the message claims about itself.
 */
const MB = 1024 * 1024;

/** A whole raw message; larger ones are refused before parsing. */
export const MAX_MESSAGE_BYTES = 50 * MB;
/** One file (MIME attachment or zip member): the statement form's own limit. Larger files are skipped. */
export const MAX_INBOUND_ATTACHMENT_BYTES = MAX_ATTACHMENT_BYTES;
/** All zip members of one message together, expanded (zip bombs): over it, a zip is kept but not expanded. */
export const MAX_ZIP_EXPANDED_BYTES = 100 * MB;
/** Zip members of one message together (directories not counted): over it, a zip is kept but not expanded. */
export const MAX_ZIP_MEMBERS = 200;
/** Files of one message after expansion (MIME attachments and zip members); the rest are skipped. */
export const MAX_INBOUND_FILES = 250;
/** The body text kept (the statement form's own body limit, src/server/statements/schema.ts). */
export const MAX_BODY_CHARS = 1_000_000;
/** Zips are expanded one level deep: a zip inside a zip is kept as a file, not expanded. */
export const MAX_ZIP_DEPTH = 1;
/** Expanded parts of one .docx (inside its own zip) before its text is read. */
export const MAX_DOCX_EXPANDED_BYTES = 50 * MB;
/** extractText gives up after this long (a warning / `ok: false`), per file. */
export const EXTRACT_TIMEOUT_MS = 15_000;
/** extractText keeps at most this many characters (`truncated: true`). */
export const MAX_EXTRACTED_CHARS = 2_000_000;
/** Files tried as the cover sheet (their text is extracted) before giving up on attachments. */
export const MAX_COVER_SHEET_CANDIDATES = 6;
/** Reading a candidate cover sheet: a cover is on the first pages, so less time and text than for search. */
export const COVER_SHEET_EXTRACT_LIMITS: ExtractLimits = { timeoutMs: 5_000, maxChars: 200_000 };
/** All candidates together: after this, the attachments are given up and the mail body is tried. */
export const COVER_SHEET_SEARCH_MS = 15_000;

export type InboundLimits = {
  maxMessageBytes: number;
  maxAttachmentBytes: number;
  maxZipExpandedBytes: number;
  maxZipMembers: number;
  maxFiles: number;
};

export const DEFAULT_INBOUND_LIMITS: InboundLimits = {
  maxMessageBytes: MAX_MESSAGE_BYTES,
  maxAttachmentBytes: MAX_INBOUND_ATTACHMENT_BYTES,
  maxZipExpandedBytes: MAX_ZIP_EXPANDED_BYTES,
  maxZipMembers: MAX_ZIP_MEMBERS,
  maxFiles: MAX_INBOUND_FILES,
};

export type ExtractLimits = { timeoutMs: number; maxChars: number };

export const DEFAULT_EXTRACT_LIMITS: ExtractLimits = { timeoutMs: EXTRACT_TIMEOUT_MS, maxChars: MAX_EXTRACTED_CHARS };

/** "25 MB", "1.5 MB", "812 KB" — for warnings and errors. */
export function formatBytes(bytes: number): string {
  if (bytes >= MB) return `${Number((bytes / MB).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
