import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { bumpDataVersion } from "@/server/cache";
import { prisma } from "@/server/db";
import { AppError, isUniqueViolation } from "@/server/errors";

export type Tx = Prisma.TransactionClient;

export interface TransactionOptions {
  /**
   * What a unique violation that the use-case's own checks did not catch means to the user: a concurrent
   * twin got there first (two approvers at once: INVALID_STATE; two admins adding one acronym: a field error).
   */
  onUniqueViolation?: AppError;
}

/**
 * The one way a use-case writes: `fn` in one transaction (a state change, its events and its outbox rows
 * together), then, once it committed, the public read cache is dropped and the in-process workers are woken
 * (the mail it queued is delivered now, attachments it stored are read for search: ADR 026).
 */
export async function inTransaction<T>(fn: (tx: Tx) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
  const db = await prisma();
  try {
    const result = await db.$transaction(fn, { timeout: 60_000, maxWait: 30_000 });
    bumpDataVersion();
    for (const wake of committedListeners().values()) wake();
    return result;
  } catch (error) {
    if (options.onUniqueViolation && !(error instanceof AppError) && isUniqueViolation(error)) {
      throw options.onUniqueViolation;
    }
    throw error;
  }
}

// On globalThis: the workers (started from instrumentation.ts or scripts/worker.ts) and the use-cases Next.js
// bundles are the same process but may be different module instances.
const holder = globalThis as unknown as { __liaisonAfterCommit?: Map<string, () => void> };
const committedListeners = () => {
  holder.__liaisonAfterCommit ??= new Map();
  return holder.__liaisonAfterCommit;
};

/**
 * A worker that wants to hear of every committed write (`wake` must not block: it only schedules a tick).
 * The database layer calls up to the workers this way instead of importing them. `undefined` unregisters.
 */
export function afterEveryCommit(name: string, wake: (() => void) | undefined): void {
  if (wake) committedListeners().set(name, wake);
  else committedListeners().delete(name);
}
