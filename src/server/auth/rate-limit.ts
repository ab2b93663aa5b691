import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { prisma } from "@/server/db";

/** Failed sign-in attempts allowed per window before further attempts are refused. */
export const LIMITS = { perAddress: 5, perClient: 20, windowMs: 15 * 60_000 } as const;

/** First key of the two-key advisory locks that serialise counting per rate-limit key (a space of its own). */
const RATE_LIMIT_LOCK_SPACE = 7_270_001;

export interface RateLimitDecision {
  allowed: boolean;
  retryAfterSeconds: number;
}

/** An admitted attempt: its rows already count as failures until `settleSignInAttempt` says otherwise. */
export interface AdmittedAttempt {
  allowed: true;
  retryAfterSeconds: 0;
  attemptIds: number[];
}

type Db = Awaited<ReturnType<typeof prisma>>;
type Tx = Prisma.TransactionClient;

const emailKey = (email: string) => `email:${email.toLowerCase()}`;
const clientKeyOf = (clientKey: string) => `ip:${clientKey}`;

/** Holds `key` until the transaction ends (hash collisions only serialise two keys needlessly). */
async function lock(tx: Tx, key: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${RATE_LIMIT_LOCK_SPACE}::int4, hashtext(${key}))`;
}

/** Seconds until a key with `max` failures in the window gets one back; 0 when it is under its limit. */
async function waitFor(db: Tx | Db, key: string, max: number, now: Date): Promise<number> {
  const failures = await db.signInAttempt.findMany({
    where: { key, succeeded: false, createdAt: { gt: new Date(now.getTime() - LIMITS.windowMs) } },
    orderBy: { createdAt: "desc" },
    take: max,
    select: { createdAt: true },
  });
  if (failures.length < max) return 0;
  const oldest = failures[failures.length - 1]!.createdAt.getTime();
  return Math.max(1, Math.ceil((oldest + LIMITS.windowMs - now.getTime()) / 1000));
}

/**
 * Sign-in attempts are limited per address and per client across processes (stored in the database): after
 * LIMITS.perAddress failures for one address, or LIMITS.perClient from one client, within the window, further
 * attempts are refused until the oldest failure leaves the window.
 *
 * Counting and recording are one step (issue 13, item 3): under a transaction-scoped advisory lock per key the
 * attempt is counted and, if admitted, recorded at once as a failure, before the password is looked at. A
 * parallel attempt waits for the lock and then sees it, so N parallel attempts get at most the limit checked
 * on PostgreSQL (READ COMMITTED: each statement after the lock sees what the previous holder committed) as on
 * PGlite. `settleSignInAttempt` turns the rows into successes when the password was right.
 */
export async function admitSignInAttempt(
  email: string,
  clientKey: string,
  now = new Date(),
): Promise<AdmittedAttempt | (RateLimitDecision & { allowed: false })> {
  const db = await prisma();
  const keys = [
    { key: emailKey(email), max: LIMITS.perAddress },
    { key: clientKeyOf(clientKey), max: LIMITS.perClient },
  ].sort((a, b) => (a.key < b.key ? -1 : 1)); // one lock order everywhere: no deadlock between two attempts
  return db.$transaction(
    async (tx) => {
      for (const { key } of keys) await lock(tx, key);
      let wait = 0;
      for (const { key, max } of keys) wait = Math.max(wait, await waitFor(tx, key, max, now));
      if (wait > 0) return { allowed: false as const, retryAfterSeconds: wait };
      const rows = await tx.signInAttempt.createManyAndReturn({
        data: keys.map(({ key }) => ({ key, succeeded: false, createdAt: now })),
        select: { id: true },
      });
      return { allowed: true as const, retryAfterSeconds: 0 as const, attemptIds: rows.map((r) => r.id) };
    },
    { timeout: 30_000, maxWait: 30_000 },
  );
}

/** Marks an admitted attempt as succeeded; a success clears the address's failures, so a user who mistyped once is not penalised later. */
export async function settleSignInAttempt(attempt: AdmittedAttempt, email: string, succeeded: boolean) {
  if (!succeeded) return;
  const db = await prisma();
  // Under the address's lock: parallel successes for one address would otherwise deadlock, each deleting
  // the rows the other is updating.
  await db.$transaction(
    async (tx) => {
      await lock(tx, emailKey(email));
      await tx.signInAttempt.updateMany({ where: { id: { in: attempt.attemptIds } }, data: { succeeded: true } });
      await tx.signInAttempt.deleteMany({ where: { key: emailKey(email), succeeded: false } });
    },
    { timeout: 30_000, maxWait: 30_000 },
  );
}

/**
 * Mail to addresses a person typed (issue 13, item 7): the desk's status report goes to at most
 * `reportRecipients` addresses, and one person sends at most `reportsPerWindow` of them per window; one
 * administrator sends at most `invitationsPerWindow` invitations per window.
 */
export const MAIL_LIMITS = {
  reportRecipients: 20,
  reportsPerWindow: 10,
  invitationsPerWindow: 20,
  /** issue 15: "Resend" of a distribution mail, per person, and the addresses one resend may add */
  resendsPerWindow: 10,
  resendAddedRecipients: 20,
  /** issue 15: comments that mail the submitter and approvers of a pending statement, per person */
  commentMailsPerWindow: 30,
  windowMs: 60 * 60_000,
} as const;

/**
 * Takes one of `max` slots per window for `key` inside the caller's transaction, atomically (same lock as
 * sign-in): returns 0 and records the use, or the seconds until a slot frees up and records nothing. The
 * record rolls back with the caller's transaction, so a refused or failed action uses up nothing.
 */
export async function takeSlot(tx: Tx, key: string, max: number, windowMs: number, now = new Date()): Promise<number> {
  await lock(tx, key);
  const recent = await tx.signInAttempt.findMany({
    where: { key, createdAt: { gt: new Date(now.getTime() - windowMs) } },
    orderBy: { createdAt: "desc" },
    take: max,
    select: { createdAt: true },
  });
  if (recent.length >= max) {
    const oldest = recent[recent.length - 1]!.createdAt.getTime();
    return Math.max(1, Math.ceil((oldest + windowMs - now.getTime()) / 1000));
  }
  await tx.signInAttempt.create({ data: { key, succeeded: true, createdAt: now } });
  return 0;
}
