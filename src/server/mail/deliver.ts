import "server-only";
import type { Mail } from "@/generated/prisma/client";
import { database, prisma } from "@/server/db";
import { carriesSecretLink, hasLiveSecretLink, withoutSecretLink } from "./secret-links";
import type { MailTransport } from "./transport";

/** Attempts before a mail is parked as `failed` (the Secretariat can retry it from the outbox page). */
export const MAX_ATTEMPTS = 8;
/** A mail left in `sending` longer than this (worker crashed mid-send) is claimed again. */
export const STALE_SENDING_MS = 5 * 60_000;

/** Exponential back-off: 30 s, 1 min, 2 min, ... capped at 1 h. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/** Mails claimed at once, and recorded as delivered together once the claim is sent (see deliverDueMail). */
export const DELIVERY_BATCH = 25;

/**
 * Claims due mail with FOR UPDATE SKIP LOCKED, so with several workers on PostgreSQL each mail is claimed by
 * exactly one of them; the claim (state `sending`) is committed before anything is sent. One UPDATE (its own
 * transaction), then the claimed rows.
 */
async function claim(now: Date, limit: number): Promise<Mail[]> {
  const db = await prisma();
  const stale = new Date(now.getTime() - STALE_SENDING_MS);
  const rows = await db.$queryRaw<{ id: number }[]>`
    UPDATE "Mail" SET state = 'sending', "lockedAt" = ${now}, attempts = attempts + 1
    WHERE id IN (
      SELECT id FROM "Mail"
      WHERE (state = 'queued' AND "nextAttemptAt" <= ${now})
         OR (state = 'sending' AND "lockedAt" < ${stale})
      ORDER BY id
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING id`;
  if (rows.length === 0) return [];
  return db.mail.findMany({ where: { id: { in: rows.map((r) => r.id) } }, orderBy: { id: "asc" } });
}

export interface DeliveryReport {
  delivered: number;
  retried: number;
  failed: number;
}

/**
 * Delivers every due mail once. Safe to run concurrently from several processes (on PostgreSQL).
 *
 * A burst (the first reminder run on a large archive queues hundreds, issue 19) costs a few statements per
 * claim of DELIVERY_BATCH, not one per mail: the mails of a claim sent are recorded together, in one UPDATE,
 * when the claim is done (or the worker stops). A mail that carries a one-time link is recorded at once, as
 * is a failure. The price: a crash between a send and its record (the claim's mails sent so far, at most
 * DELIVERY_BATCH) sends those again once their claim is released — at-least-once, as before, with a wider
 * window (docs/decisions: the reminder-burst ADR).
 */
export async function deliverDueMail(
  transport: MailTransport,
  options: { now?: () => Date; batchSize?: number; shouldStop?: () => boolean } = {},
): Promise<DeliveryReport> {
  const now = options.now ?? (() => new Date());
  const db = await prisma();
  const report: DeliveryReport = { delivered: 0, retried: 0, failed: 0 };
  const delivered = transport.method === "smtp" ? "sent" : "delivered_to_file";
  for (;;) {
    const batch = await claim(now(), options.batchSize ?? DELIVERY_BATCH);
    if (batch.length === 0) return report;
    const deliveredBefore = report.delivered;
    /** sent, not recorded yet */
    const sent: number[] = [];
    const record = async () => {
      if (sent.length === 0) return;
      await db.mail.updateMany({
        where: { id: { in: sent.splice(0) } },
        data: { state: delivered, sentAt: now(), lockedAt: null, lastError: null },
      });
    };
    for (const [index, mail] of batch.entries()) {
      if (options.shouldStop?.()) {
        // Stopping (graceful shutdown): the mail sent so far is recorded; the rest of the claim goes back.
        await record();
        await releaseClaims(batch.slice(index).map((m) => m.id));
        return report;
      }
      try {
        await transport.send(mail);
        report.delivered++;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const giveUp = mail.attempts >= MAX_ATTEMPTS;
        await db.mail.update({
          where: { id: mail.id },
          data: {
            state: giveUp ? "failed" : "queued",
            lockedAt: null,
            lastError: message.slice(0, 2000),
            nextAttemptAt: new Date(now().getTime() + backoffMs(mail.attempts)),
            // failed for good: nobody will receive this link, so nobody needs it stored (automatic retries
            // before that keep it, so they still deliver it)
            ...(giveUp && carriesSecretLink(mail.kind)
              ? { body: withoutSecretLink(mail.kind, mail.body, "failed") }
              : {}),
          },
        });
        if (giveUp) report.failed++;
        else report.retried++;
        continue;
      }
      if (carriesSecretLink(mail.kind)) {
        // handed over: the one-time link lives on only in the recipient's mailbox (removed from ours at once)
        await db.mail.update({
          where: { id: mail.id },
          data: {
            state: delivered,
            sentAt: now(),
            lockedAt: null,
            lastError: null,
            body: withoutSecretLink(mail.kind, mail.body, "delivered"),
          },
        });
      } else sent.push(mail.id);
    }
    await record();
    // A batch whose every mail failed means the transport is down: stop until the next tick.
    if (report.delivered === deliveredBefore) return report;
  }
}

/** Claimed mails this worker will not send after all (it is stopping): due again at once, attempt not counted. */
async function releaseClaims(ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  const db = await prisma();
  await db.mail.updateMany({
    where: { id: { in: ids }, state: "sending" },
    data: { state: "queued", lockedAt: null, attempts: { decrement: 1 } },
  });
}

/**
 * Called once by a starting worker. On the embedded database only one process can have it open, so a mail
 * still `sending` was claimed by a previous run of this app that died before recording the outcome (a crash
 * while sending): it is due again at once rather than after STALE_SENDING_MS. On PostgreSQL other workers
 * may be alive and sending, so their claims keep the lease. Returns the number of claims released.
 */
export async function releaseOrphanedClaims(): Promise<number> {
  const db = await database();
  if (db.engine !== "pglite") return 0;
  const { count } = await db.prisma.mail.updateMany({
    where: { state: "sending" },
    data: { state: "queued", lockedAt: null, nextAttemptAt: new Date() },
  });
  return count;
}

export type RetryOutcome = "queued" | "not_retryable" | "link_removed";

/**
 * Secretariat "retry": a failed (or waiting) mail goes out at the next worker tick. A sign-in, reset or
 * invitation mail whose link was already removed is not sent again (it would arrive without its link).
 */
export async function retryMail(id: number): Promise<RetryOutcome> {
  const db = await prisma();
  const mail = await db.mail.findUnique({ where: { id }, select: { kind: true, body: true } });
  if (!mail) return "not_retryable";
  const needsLink = carriesSecretLink(mail.kind);
  if (needsLink && !hasLiveSecretLink(mail.kind, mail.body)) return "link_removed";
  const { count } = await db.mail.updateMany({
    // the body condition: the worker may have removed the link since we looked
    where: { id, state: { in: ["failed", "queued"] }, ...(needsLink ? { body: { contains: "token=" } } : {}) },
    data: { state: "queued", nextAttemptAt: new Date() },
  });
  return count === 1 ? "queued" : needsLink ? "link_removed" : "not_retryable";
}
