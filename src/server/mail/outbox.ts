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

/**
 * Queues a mail in the outbox. Call it with the transaction of the state change it belongs to, so the mail
 * exists exactly when the change does (docs/domain.md "Mail"). Returns null when the dedupe key was used before.
 */
export async function queueMail(db: Db, mail: OutgoingMail) {
  const { to, cc } = dedupe(mail.to, mail.cc ?? []);
  if (to.length === 0) throw new Error(`Mail "${mail.subject}" has no recipient`);
  if (mail.dedupeKey) {
    const existing = await db.mail.findUnique({ where: { dedupeKey: mail.dedupeKey } });
    if (existing) return null;
  }
  return db.mail.create({
    data: {
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
    },
  });
}
