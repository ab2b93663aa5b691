import "server-only";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Prisma } from "@/generated/prisma/client";
import { AppError } from "@/server/errors";
import {
  contentTypeFor,
  type PreparedAttachment,
  prepareAttachment,
  sanitizeFilename,
} from "@/server/statements/attachments";

/**
 * The bytes of an imported attachment go through the app's own attachment code (prepareAttachment in
 * src/server/statements/attachments.ts, then the same `tx.attachment.create({ data: { ...prepared } })`
 * as save-statement.ts), so a change to how attachments are stored carries over to imported ones.
 */

/** The file `uploaded_filename` in the flat `--attachments` folder, or null when it is not there. */
export async function readAttachmentFile(
  dir: string | undefined,
  uploadedFilename: string,
): Promise<Uint8Array | null> {
  if (!dir || !uploadedFilename) return null;
  // The folder is flat: a name with a path in it cannot be one of its files (and must not leave it).
  if (uploadedFilename !== path.basename(uploadedFilename) || uploadedFilename.startsWith(".")) return null;
  const file = path.join(dir, uploadedFilename);
  return existsSync(file) ? new Uint8Array(await readFile(file)) : null;
}

/**
 * Prepared the way an upload is. Legacy files the upload form would refuse today (an old extension, an
 * empty file, one over the size limit) are still part of the record: they are kept with a generic type.
 */
export async function prepareImportedFile(
  bytes: Uint8Array,
  filename: string,
  title: string,
): Promise<PreparedAttachment> {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  try {
    return await prepareAttachment(new File([copy], filename), title);
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "VALIDATION") throw error;
    const name = sanitizeFilename(filename);
    return {
      title:
        title
          .trim()
          .replace(/[\r\n]+/g, " ")
          .slice(0, 255) || name,
      filename: name,
      contentType: contentTypeFor(name) ?? "application/octet-stream",
      size: copy.byteLength,
      sha256: createHash("sha256").update(copy).digest("hex"),
      content: copy,
    };
  }
}

/** A record for an attachment whose file was not in `--attachments`: no bytes, the original URL instead. */
export function missingFile(filename: string, title: string): PreparedAttachment {
  const name = sanitizeFilename(filename);
  return {
    title:
      title
        .trim()
        .replace(/[\r\n]+/g, " ")
        .slice(0, 255) || name,
    filename: name,
    contentType: contentTypeFor(name) ?? "application/octet-stream",
    size: 0,
    sha256: createHash("sha256").update(new Uint8Array()).digest("hex"),
    content: new Uint8Array(),
  };
}

export async function createImportedAttachment(
  tx: Prisma.TransactionClient,
  prepared: PreparedAttachment,
  extra: {
    statementId: number;
    datatrackerId: number;
    isFileMissing: boolean;
    originalUrl: string;
    createdAt?: Date;
    removedAt: Date | null;
  },
) {
  return tx.attachment.create({ data: { ...prepared, ...extra } });
}
