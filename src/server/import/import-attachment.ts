import "server-only";
import { createHash } from "node:crypto";
import { existsSync, openAsBlob } from "node:fs";
import path from "node:path";
import type { AttachmentStore } from "@/server/attachments/store";
import { AppError } from "@/server/errors";
import {
  contentTypeFor,
  type PreparedAttachment,
  prepareAttachment,
  sanitizeFilename,
  storeAttachments,
} from "@/server/statements/attachments";

/**
 * The bytes of an imported attachment go through the app's own attachment code (prepareAttachment, then
 * storeAttachments in src/server/statements/attachments.ts, as save-statement.ts does): staged and hashed
 * while copied, stored under their SHA-256 (ADR 012) before the row that names them commits, never held
 * whole in memory.
 */

/** The file `uploaded_filename` in the flat `--attachments` folder (read lazily), or null when it is not there. */
export async function readAttachmentFile(dir: string | undefined, uploadedFilename: string): Promise<File | null> {
  if (!dir || !uploadedFilename) return null;
  // The folder is flat: a name with a path in it cannot be one of its files (and must not leave it).
  if (uploadedFilename !== path.basename(uploadedFilename) || uploadedFilename.startsWith(".")) return null;
  const file = path.join(dir, uploadedFilename);
  return existsSync(file) ? new File([await openAsBlob(file)], uploadedFilename) : null;
}

/** Metadata of a stored attachment row (what storeAttachments returns). */
export type ImportedFile = Awaited<ReturnType<typeof storeAttachments>>[number];

/** The bytes of one store batch at most: bounds the staged copies on disk (and a PostgreSQL transaction). */
const BATCH_BYTES = 64 * 1024 * 1024;

/**
 * Prepared the way an upload is. Legacy files the upload form would refuse today (an old extension, an empty
 * file, one over the size limit) are still part of the record: kept with a generic type.
 */
function prepareImportedFile(file: File, filename: string, title: string): PreparedAttachment {
  const named = new File([file], filename);
  try {
    return prepareAttachment(named, title);
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "VALIDATION") throw error;
    const name = sanitizeFilename(filename);
    return {
      title: prepTitle(title) || name,
      filename: name,
      contentType: contentTypeFor(name) ?? "application/octet-stream",
      file: named,
    };
  }
}

/**
 * The files of one page of attachments, stored like uploads (storeAttachments) in a few batches of at most
 * BATCH_BYTES: each batch is staged a few files at a time, then put in the store at once (one transaction on
 * PostgreSQL). Returns each item's metadata, or null where its file is not in `--attachments`.
 */
export async function storeImportedFiles(
  items: { uploadedFilename: string; filename: string; title: string }[],
  attachmentsDir: string | undefined,
  store: AttachmentStore,
): Promise<(ImportedFile | null)[]> {
  const results = new Array<ImportedFile | null>(items.length).fill(null);
  let batch: { index: number; prepared: PreparedAttachment }[] = [];
  let bytes = 0;
  const flush = async () => {
    const rows = await storeAttachments(
      batch.map((b) => b.prepared),
      store,
    );
    for (const [i, { index }] of batch.entries()) results[index] = rows[i]!;
    batch = [];
    bytes = 0;
  };
  for (const [index, item] of items.entries()) {
    const file = await readAttachmentFile(attachmentsDir, item.uploadedFilename);
    if (!file) continue;
    if (batch.length && bytes + file.size > BATCH_BYTES) await flush();
    batch.push({ index, prepared: prepareImportedFile(file, item.filename, item.title) });
    bytes += file.size;
  }
  if (batch.length) await flush();
  return results;
}

/** A record for an attachment whose file was not in `--attachments`: no bytes stored, the original URL instead. */
export function missingFile(filename: string, title: string): ImportedFile {
  const name = sanitizeFilename(filename);
  return {
    title: prepTitle(title) || name,
    filename: name,
    contentType: contentTypeFor(name) ?? "application/octet-stream",
    size: 0,
    sha256: createHash("sha256").update(new Uint8Array()).digest("hex"),
  };
}

const prepTitle = (title: string) =>
  title
    .trim()
    .replace(/[\r\n]+/g, " ")
    .slice(0, 255);
