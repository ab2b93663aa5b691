import "server-only";
import { randomUUID } from "node:crypto";
import { env } from "@/env";
import type { Prisma, PrismaClient } from "@/generated/prisma/client";
import type { MailKind } from "@/generated/prisma/enums";
import { dedupe } from "./recipients";

export interface OutgoingMail {
  kind: MailKind;
  statementId?: number | null;
  to: readonly string[];
  cc?: readonly string[];
  replyTo?: string | null;
  subject: string;
  body: string;
  /** a mail with the same key is queued at most once (e.g. one reminder per milestone) */
  dedupeKey?: string;
}

type Db = PrismaClient | Prisma.TransactionClient;

function messageIdDomain(): string {
  try {
    return new URL(env().appUrl).hostname || "liaison.invalid";
  } catch {
    return "liaison.invalid";
  }
}

/** The outbox row of a mail: recipients deduplicated, a fresh Message-ID, a one-line subject. */
function mailRow(mail: OutgoingMail) {
  const { to, cc } = dedupe(mail.to, mail.cc ?? []);
  if (to.length === 0) throw new Error(`Mail "${mail.subject}" has no recipient`);
  return {
    kind: mail.kind,
    statementId: mail.statementId ?? null,
    messageId: `<${mail.kind}.${randomUUID()}@${messageIdDomain()}>`,
    dedupeKey: mail.dedupeKey ?? null,
    fromAddress: env().mailFrom,
    replyTo: mail.replyTo ?? null,
    to,
    cc,
    // Header values are single lines: a CR/LF in a title must never start a new header.
    subject: mail.subject.replace(/[\r\n]+/g, " ").trim(),
    body: mail.body,
  } satisfies Prisma.MailCreateManyInput;
}

/**
 * Queues a mail in the outbox. Call it with the transaction of the state change it belongs to, so the mail
 * exists exactly when the change does (docs/domain.md "Mail"). Returns null when the dedupe key was used before.
 */
export async function queueMail(db: Db, mail: OutgoingMail) {
  const data = mailRow(mail);
  if (mail.dedupeKey) {
    const existing = await db.mail.findUnique({ where: { dedupeKey: mail.dedupeKey } });
    if (existing) return null;
  }
  return db.mail.create({ data });
}

/**
 * Queues many deduplicated mails (each with a dedupeKey) in one INSERT, in the caller's transaction: those
 * whose key was used before — committed, or by a transaction running now, which this one then waits for —
 * are left out (ON CONFLICT DO NOTHING), never an error. Returns the mails queued, in the order given.
 */
export async function queueDedupedMails(db: Db, mails: readonly (OutgoingMail & { dedupeKey: string })[]) {
  if (mails.length === 0) return [];
  const rows = await db.mail.createManyAndReturn({
    data: mails.map(mailRow),
    skipDuplicates: true,
    select: { id: true, dedupeKey: true, to: true, cc: true },
  });
  const byKey = new Map(rows.map((row) => [row.dedupeKey, row]));
  return mails.flatMap((mail) => {
    const row = byKey.get(mail.dedupeKey);
    return row ? [{ ...row, dedupeKey: mail.dedupeKey }] : [];
  });
}
