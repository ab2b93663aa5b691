import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { kickAttachmentTextWorker } from "@/server/attachment-text/worker";
import { loadGroupIndex } from "@/server/authz/load";
import type { GroupIndex } from "@/server/authz/types";
import { bumpDataVersion } from "@/server/cache";
import { prisma } from "@/server/db";
import { AppError, isUniqueViolation } from "@/server/errors";
import { kickMailWorker } from "@/server/mail/worker";

export type Tx = Prisma.TransactionClient;

/**
 * Runs a statement use-case in one transaction (state change + events + outbox rows together), then wakes
 * the mail worker. A unique violation from a concurrent twin (two approvers at once) is a state conflict.
 */
export async function inTransaction<T>(
  fn: (tx: Tx, groups: GroupIndex) => Promise<T>,
  conflictMessage?: string,
): Promise<T> {
  const [db, groups] = await Promise.all([prisma(), loadGroupIndex()]);
  try {
    const result = await db.$transaction((tx) => fn(tx, groups), { timeout: 60_000, maxWait: 30_000 });
    bumpDataVersion();
    kickMailWorker();
    kickAttachmentTextWorker(); // new attachments were queued by the database (ADR 026)
    return result;
  } catch (error) {
    if (conflictMessage && isUniqueViolation(error)) throw new AppError("INVALID_STATE", conflictMessage);
    throw error;
  }
}
