import "server-only";
import { rm } from "node:fs/promises";
import type { PrismaClient } from "@/generated/prisma/client";
import type { AttachmentStore } from "@/server/attachments/store";
import type { ExtractedText } from "@/server/inbound/types";
import { type ExtractFile, extractInReader } from "./reader";
import { cleanText, MAX_TEXT_CHARS, splitParts } from "./text-parts";

/** A claim older than this is taken to be a worker that died mid-way, and the attachment is tried again. */
export const STALE_CLAIM_MS = 5 * 60_000;
/** Attempts that never finished (the process ended while reading) before the attachment is given up on. */
export const MAX_ATTEMPTS = 3;

export type Extractor = (file: ExtractFile) => Promise<ExtractedText>;

export type ExtractOutcome =
  | { attachmentId: number; status: "done"; chars: number; reason: string | null }
  | { attachmentId: number; status: "failed"; reason: string }
  /** re-queued while it was being read (a reindex): the result was dropped, it will be read again */
  | { attachmentId: number; status: "superseded" };

type Claim = { attachmentId: number; attempts: number; startedAt: Date };

async function claimNext(db: PrismaClient): Promise<Claim | null> {
  const stale = new Date(Date.now() - STALE_CLAIM_MS);
  const rows = await db.$queryRaw<Claim[]>`
    UPDATE "AttachmentText" t SET "status" = 'running', "startedAt" = clock_timestamp(), "attempts" = t."attempts" + 1
     WHERE t."attachmentId" = (
       SELECT q."attachmentId" FROM "AttachmentText" q
        WHERE q."status" = 'queued' OR (q."status" = 'running' AND q."startedAt" < ${stale})
        ORDER BY q."queuedAt", q."attachmentId" LIMIT 1 FOR UPDATE SKIP LOCKED)
    RETURNING t."attachmentId", t."attempts", t."startedAt"`;
  const row = rows[0];
  return row
    ? { attachmentId: Number(row.attachmentId), attempts: Number(row.attempts), startedAt: new Date(row.startedAt) }
    : null;
}

async function readBytes(store: AttachmentStore, sha256: string): Promise<Buffer | null> {
  const stream = await store.open(sha256);
  if (!stream) return null;
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** The claim is still ours: not re-queued, not taken over by another worker after going stale. */
const stillOurs = (claim: Claim) =>
  `"attachmentId" = ${claim.attachmentId} AND "status" = 'running' AND "startedAt" = '${claim.startedAt.toISOString()}'`;

async function recordFailure(db: PrismaClient, claim: Claim, reason: string): Promise<ExtractOutcome> {
  const count = await db.$executeRawUnsafe(
    `UPDATE "AttachmentText" SET "status" = 'failed', "reason" = $1, "finishedAt" = clock_timestamp(), "chars" = 0,
       "searchVector" = NULL WHERE ${stillOurs(claim)}`,
    reason.slice(0, 500),
  );
  if (count === 0) return { attachmentId: claim.attachmentId, status: "superseded" };
  await db.$executeRaw`DELETE FROM "AttachmentTextPart" WHERE "attachmentId" = ${claim.attachmentId}`;
  return { attachmentId: claim.attachmentId, status: "failed", reason };
}

/**
 * Issue 18: extracts the text of the oldest queued attachment and makes it searchable, or records why not.
 * Never throws for a bad document: the reader runs in a bounded process of its own (reader.ts) and its failure is
 * the attachment's status. The parts are indexed one query each, so on the embedded database (one
 * connection) requests run between them; the text becomes searchable with the last, short update.
 * Returns null when nothing is queued.
 */
export async function extractNextAttachmentText(
  db: PrismaClient,
  store: AttachmentStore,
  extract: Extractor = extractInReader,
  isStopping: () => boolean = () => false,
): Promise<ExtractOutcome | null> {
  const claim = await claimNext(db);
  if (!claim) return null;
  if (claim.attempts > MAX_ATTEMPTS) {
    return recordFailure(db, claim, `gave up after ${MAX_ATTEMPTS} attempts that did not finish`);
  }
  const attachment = await db.attachment.findUnique({
    where: { id: claim.attachmentId },
    select: { filename: true, contentType: true, sha256: true, isFileMissing: true },
  });
  if (!attachment) return recordFailure(db, claim, "the attachment is gone");
  if (attachment.isFileMissing) return recordFailure(db, claim, "the file was not imported (only its link)");
  // The reader process reads a file itself: the file store's own, or (database store) a temporary copy the
  // upload thread writes (ADR 033); only a store with neither hands its bytes over through this thread.
  const stored = (await store.localFile?.(attachment.sha256)) ?? null;
  const copy = stored ? null : ((await store.temporaryFile?.(attachment.sha256)) ?? null);
  const path = stored ?? copy;
  const bytes = path ? null : await readBytes(store, attachment.sha256);
  if (!path && !bytes) return recordFailure(db, claim, "its bytes are not in the store");
  const { filename: fileName, contentType } = attachment;
  const result = await extract(
    path ? { fileName, contentType, path } : { fileName, contentType, bytes: bytes! },
  ).finally(() => (copy ? rm(copy, { force: true }) : undefined));
  if (isStopping()) {
    // The process is shutting down (the reader was ended under it): not the document's fault.
    await db.$executeRawUnsafe(`UPDATE "AttachmentText" SET "status" = 'queued' WHERE ${stillOurs(claim)}`);
    return { attachmentId: claim.attachmentId, status: "superseded" };
  }
  if (!result.ok) return recordFailure(db, claim, result.reason);

  const { text, isCut } = cleanText(result.text);
  const parts = splitParts(text);
  await db.$executeRaw`DELETE FROM "AttachmentTextPart" WHERE "attachmentId" = ${claim.attachmentId}`;
  for (const [seq, part] of parts.entries()) {
    const inserted = await db.$executeRawUnsafe(
      `INSERT INTO "AttachmentTextPart" ("attachmentId", "seq", "text", "searchVector")
       SELECT $1, $2, $3, setweight(to_tsvector('english', $3), 'D')
        WHERE EXISTS (SELECT 1 FROM "AttachmentText" WHERE ${stillOurs(claim)})`,
      claim.attachmentId,
      seq,
      part,
    );
    if (inserted === 0) return { attachmentId: claim.attachmentId, status: "superseded" };
  }
  const reason =
    text.trim() === ""
      ? "no text found in it (a scanned image?)"
      : isCut
        ? `only its first ${MAX_TEXT_CHARS.toLocaleString("en")} characters are searchable`
        : result.truncated
          ? "the reader stopped at its size limit: only the start of the text is searchable"
          : null;
  const count = await db.$executeRawUnsafe(
    `UPDATE "AttachmentText" SET "status" = 'done', "reason" = $1, "finishedAt" = clock_timestamp(), "chars" = $2,
       "searchVector" = attachment_text_parts_vector("attachmentId") WHERE ${stillOurs(claim)}`,
    reason,
    text.length,
  );
  if (count === 0) return { attachmentId: claim.attachmentId, status: "superseded" };
  return { attachmentId: claim.attachmentId, status: "done", chars: text.length, reason };
}
