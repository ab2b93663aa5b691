import "server-only";
import { createHash } from "node:crypto";
import { env } from "@/env";
import type { Prisma } from "@/generated/prisma/client";
import { checkUploadBudget } from "@/server/attachments/budget";
import { stageStream } from "@/server/attachments/staging";
import { loadGroupIndex } from "@/server/authz/load";
import { enteringRoles, mayEnterAny } from "@/server/authz/policy";
import type { Actor } from "@/server/authz/types";
import { attachmentStore, prisma } from "@/server/db";
import { inTransaction } from "@/server/db/transaction";
import { AppError, forbiddenError, isUniqueViolation } from "@/server/errors";
import { queueMail } from "@/server/mail/outbox";
import { storeAttachments } from "@/server/statements/attachments";
import { prepareInboundFiles } from "./inbound-files";
import { findAnswered, findDuplicate } from "./lookups";
import { inboundNoticeMail } from "./notice-mail";
import { planDraft } from "./plan-draft";
import { readInboundMessage } from "./read-message";
import { loadDirectory, receiversOf } from "./receivers";

export type InboundChannel = "command" | "smtp" | "upload";

export interface IngestResult {
  statementId: number;
  /** the draft's page */
  url: string;
  /** null: a new draft; else why the existing statement was returned */
  duplicate: null | "message-id" | "same message" | "document number";
}

// A header field name, then a colon, on the first line (an mbox "From " line may come first).
const LOOKS_LIKE_MAIL = /^(From [^\n]*\n)?[\x21-\x39\x3b-\x7e]{1,76}:/;

/**
 * What can be said of a message without a database: empty, too large, or not mail at all (no header on its first
 * line). ingestMessage checks it first; `npm run ingest` too, before it opens (or, on a new data directory, creates)
 * a database or hands the message to the app. Throws a VALIDATION AppError naming the problem.
 */
export function checkRawMessage(raw: Buffer): void {
  if (raw.length === 0) throw new AppError("VALIDATION", "The message is empty.", { eml: "The file is empty." });
  const { maxMessageBytes } = env().inbound;
  if (raw.length > maxMessageBytes) {
    const mb = maxMessageBytes / 1024 / 1024;
    throw new AppError("VALIDATION", `The message is larger than ${mb} MB.`, {
      eml: `The message is larger than ${mb} MB; nothing was saved.`,
    });
  }
  if (!LOOKS_LIKE_MAIL.test(raw.subarray(0, 2048).toString("latin1").replace(/\r\n/g, "\n"))) {
    throw new AppError("VALIDATION", "This is not an e-mail message: it does not start with mail headers.", {
      eml: "This is not an e-mail message (.eml): it does not start with mail headers (From:, Subject:, …).",
    });
  }
}

/**
 * Issue 18: one received e-mail → one draft incoming statement marked "Received by e-mail", never posted by
 * itself; its liaison managers (else the coordinators) are told. The same message (Message-ID, or the same
 * bytes) or the same peer document number again returns the existing statement (ADR 025). `actor`: the
 * person who uploaded the .eml ("Record from an e-mail"); absent for mail that arrived on its own.
 */
export async function ingestMessage(
  raw: Buffer,
  options: { channel: InboundChannel; actor?: Actor | null; now?: Date },
): Promise<IngestResult> {
  const config = env();
  const { actor = null, channel, now = new Date() } = options;
  const db = await prisma();
  if (channel === "upload") {
    if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in first.");
    if (!mayEnterAny(actor, await loadGroupIndex(), "incoming")) throw forbiddenError("record incoming statements");
  }
  checkRawMessage(raw);
  const sha256 = createHash("sha256").update(raw).digest("hex");
  const message = await readInboundMessage(raw);
  const existing = await findDuplicate(db, { messageId: message.messageId, sha256 });
  if (existing) return { statementId: existing.id, url: statementPage(existing.id), duplicate: existing.reason };

  const directory = await loadDirectory(db);
  const plan = planDraft(message, directory, now);
  const byNumber = await findDuplicate(db, { documentNumbers: plan.otherIdentifiers });
  if (byNumber) return { statementId: byNumber.id, url: statementPage(byNumber.id), duplicate: byNumber.reason };

  const warnings = [...message.warnings];
  const groups = await loadGroupIndex();
  if (actor) {
    // The uploader records it: only From groups they may record from (the rest is left for them to choose).
    const kept = plan.from.filter((id) => enteringRoles(actor, groups, "incoming", [id], []).length > 0);
    if (kept.length < plan.from.length) {
      const dropped = plan.from.filter((id) => !kept.includes(id)).map((id) => groups.get(id)?.name ?? String(id));
      plan.notes.from = {
        kind: "left",
        text: `Read as ${dropped.join(", ")}, which you do not record statements for: choose the sending group.`,
      };
      plan.from = kept;
    }
  }
  const answered = await findAnswered(db, plan.responseTo);
  if (answered.note) plan.notes.respondsTo = answered.note;

  const prepared = prepareInboundFiles(message.files, warnings);

  const receivers = await receiversOf(db, groups, plan.from);
  const submitter = actor
    ? { personId: actor.personId, role: enteringRoles(actor, groups, "incoming", plan.from, plan.to)[0] ?? null }
    : receivers[0]
      ? { personId: receivers[0].personId, role: receivers[0].role }
      : null;
  if (!submitter) {
    throw new AppError(
      "INVALID_STATE",
      "Nobody can receive it: the directory has no liaison manager, coordinator or Secretariat.",
    );
  }

  // The bytes are durable before the rows that name them (ADR 012): the original, then the attachments.
  const store = await attachmentStore();
  const staged = await stageStream(store.stagingDir, [raw]);
  await store.put(staged);
  const stored = await storeAttachments(prepared, store);

  try {
    const id = await inTransaction(async (tx) => {
      // An upload counts against the uploader's daily budget like any attachment (issue 13); mail that
      // arrived on its own is nobody's upload.
      if (actor)
        await checkUploadBudget(
          tx,
          actor.personId,
          stored.reduce((sum, a) => sum + a.size, 0),
        ).catch((error: unknown) => {
          // Said next to the form's one field.
          if (error instanceof AppError && error.fieldErrors?.attachments)
            throw new AppError(error.code, error.message, { eml: error.fieldErrors.attachments });
          throw error;
        });
      const statement = await tx.statement.create({
        data: {
          direction: "incoming",
          state: "draft",
          title: plan.title,
          purpose: plan.purpose,
          deadline: plan.deadline ? new Date(`${plan.deadline}T00:00:00Z`) : null,
          body: plan.body,
          fromContact: plan.fromContact,
          fromLiaisonContact: plan.fromLiaisonContact?.slice(0, 512) ?? null,
          toContact: plan.toContact,
          otherIdentifiers: plan.otherIdentifiers,
          receivedOn: new Date(`${plan.receivedOn}T00:00:00Z`),
          sendAcknowledgement: true,
          submitterId: submitter.personId,
          submitterRole: submitter.role?.role ?? null,
          submitterRoleGroupId: submitter.role?.groupId ?? null,
          submitterRoleOrganizationId: submitter.role?.organizationId ?? null,
        },
        select: { id: true },
      });
      const sid = statement.id;
      await tx.statementGroup.createMany({
        data: [
          ...plan.from.map((groupId, position) => ({ statementId: sid, groupId, side: "from" as const, position })),
          ...plan.to.map((groupId, position) => ({ statementId: sid, groupId, side: "to" as const, position })),
        ],
      });
      for (const targetId of answered.ids)
        await tx.statementRelation.create({ data: { sourceId: sid, targetId, relationship: "responds_to" } });
      for (const a of stored)
        await tx.attachment.create({
          data: { ...a, statementId: sid, uploadedById: actor?.personId ?? null },
          select: { id: true },
        });
      await tx.statementEvent.create({
        data: {
          statementId: sid,
          type: "created",
          actorId: actor?.personId ?? null,
          text: `Received by e-mail${message.from ? ` from ${message.from.slice(0, 300)}` : ""}; created as draft`,
          isPublic: false,
        },
      });
      await tx.inboundMail.create({
        data: {
          statementId: sid,
          messageId: message.messageId?.slice(0, 998) ?? null,
          sender: message.from?.slice(0, 998) ?? null,
          subject: message.subject,
          sentAt: message.date && !Number.isNaN(message.date.getTime()) ? message.date : null,
          channel,
          rawSha256: sha256,
          rawSize: raw.length,
          sources: plan.notes as Prisma.InputJsonValue,
          warnings,
        },
      });
      if (!actor) {
        const notice = inboundNoticeMail({
          title: plan.title,
          editUrl: `${statementPage(sid)}/edit`,
          sender: message.from ?? null,
          subject: message.subject,
          notes: plan.notes,
          attachments: stored.map((a) => a.filename),
          warnings,
        });
        await queueMail(tx, {
          kind: "inbound_draft",
          statementId: sid,
          to: receivers.length ? receivers.map((r) => r.mailbox) : [config.coordinationAddress],
          ...notice,
        });
      }
      return sid;
    });
    return { statementId: id, url: statementPage(id), duplicate: null };
  } catch (error) {
    // The same message ingested at the same moment by another delivery: that one won.
    if (isUniqueViolation(error) && message.messageId) {
      const twin = await findDuplicate(db, { messageId: message.messageId, sha256 });
      if (twin) return { statementId: twin.id, url: statementPage(twin.id), duplicate: twin.reason };
    }
    throw error;
  }
}

const statementPage = (id: number) => `${env().appUrl}/statements/${id}`;
