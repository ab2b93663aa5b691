import "server-only";
import { isDbId } from "@/lib/ids";
import { type FieldNotes, parseFieldNotes } from "@/lib/inbound-fields";
import { maySeeNonPublic } from "@/server/authz/policy";
import type { Actor, GroupIndex } from "@/server/authz/types";
import { attachmentStore, prisma } from "@/server/db";
import { toRef } from "@/server/statements/repository";

/**
 * Issue 18, ADR 025: the original e-mail a statement was made from is staff-only — its liaison managers, the
 * coordinators, the Secretariat (whoever may see what is not public about it), never the public, even once
 * the statement is posted. Null when there is none or the requester may not have it.
 */
export async function originalMessageForDownload(actor: Actor | null, groups: GroupIndex, statementId: number) {
  if (!actor || !isDbId(statementId)) return null;
  const db = await prisma();
  const row = await db.inboundMail.findUnique({
    where: { statementId },
    include: { statement: { include: { groups: true } } },
  });
  if (!row || !maySeeNonPublic(actor, groups, toRef(row.statement))) return null;
  const content = await (await attachmentStore()).open(row.rawSha256);
  return content ? { content, size: row.rawSize, filename: `statement-${statementId}-original.eml` } : null;
}

export interface ReceivedByMail {
  sender: string | null;
  subject: string;
  sentAt: Date | null;
  channel: string;
  receivedAt: Date;
  notes: FieldNotes;
  warnings: string[];
}

/** "Received by e-mail": how the statement arrived and what was read from where, for those who may see it. */
export async function receivedByMail(
  actor: Actor | null,
  groups: GroupIndex,
  statementId: number,
): Promise<ReceivedByMail | null> {
  if (!actor || !isDbId(statementId)) return null;
  const db = await prisma();
  const row = await db.inboundMail.findUnique({
    where: { statementId },
    include: { statement: { include: { groups: true } } },
  });
  if (!row || !maySeeNonPublic(actor, groups, toRef(row.statement))) return null;
  return {
    sender: row.sender,
    subject: row.subject,
    sentAt: row.sentAt,
    channel: row.channel,
    receivedAt: row.createdAt,
    notes: parseFieldNotes(row.sources),
    warnings: row.warnings,
  };
}
