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

/**
 * Prepared and stored the way an upload is. Legacy files the upload form would refuse today (an old
 * extension, an empty file, one over the size limit) are still part of the record: kept with a generic type.
 */
export async function storeImportedFile(
  file: File,
  filename: string,
  title: string,
  store: AttachmentStore,
): Promise<ImportedFile> {
  const named = new File([file], filename);
  let prepared: PreparedAttachment;
  try {
    prepared = prepareAttachment(named, title);
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "VALIDATION") throw error;
    const name = sanitizeFilename(filename);
    prepared = {
      title: prepTitle(title) || name,
      filename: name,
      contentType: contentTypeFor(name) ?? "application/octet-stream",
      file: named,
    };
  }
  const [row] = await storeAttachments([prepared], store);
  if (!row) throw new Error(`storing ${filename} returned nothing`);
  return row;
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

/**
 * Runs `work` on every item with at most `limit` at a time, results in input order. Storing a file waits on
 * the disk (fsync of the staged file, then of its directory): a few at once keep the disk busy instead of
 * the import waiting on each one in turn, while memory stays bounded by `limit` files in flight.
 */
export async function mapLimit<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
