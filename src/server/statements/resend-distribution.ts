import "server-only";
import { addressOf, parseMailboxList } from "@/lib/mailbox";
import { MAIL_LIMITS, takeSlot } from "@/server/auth/rate-limit";
import { loadGroupIndex } from "@/server/authz/load";
import { can } from "@/server/authz/policy";
import type { Actor } from "@/server/authz/types";
import { inTransaction } from "@/server/db/transaction";
import { AppError, forbiddenError } from "@/server/errors";
import { queueMail } from "@/server/mail/outbox";
import { dedupe } from "@/server/mail/recipients";
import { buildDistribution } from "./post-statement";
import { toRef } from "./repository";
import { loadVisibleStatement } from "./visible-statement";

export interface ResendInput {
  actor: Actor;
  id: number;
  /** send to the original To/Cc again */
  toOriginal: boolean;
  /** added mailboxes (RFC 5322, one per line or comma separated) */
  added: string;
  now?: Date;
}

const minutes = (seconds: number) => {
  const m = Math.ceil(seconds / 60);
  return `${m} minute${m === 1 ? "" : "s"}`;
};

/** The added-recipients field: every entry must parse (the bad ones are named), at most MAIL_LIMITS.resendAddedRecipients. */
export function parseAddedRecipients(text: string): string[] {
  const parsed = parseMailboxList(text);
  if (!parsed.ok) {
    throw new AppError("VALIDATION", "One field needs attention.", {
      added: `Not a valid e-mail address: ${parsed.invalid.join(", ")}`,
    });
  }
  if (new Set(parsed.mailboxes.map(addressOf)).size > MAIL_LIMITS.resendAddedRecipients) {
    throw new AppError("VALIDATION", "One field needs attention.", {
      added: `Add at most ${MAIL_LIMITS.resendAddedRecipients} addresses; this list has ${parsed.mailboxes.length}.`,
    });
  }
  return parsed.mailboxes;
}

/**
 * Issue 15 §4: resends the distribution mail of a posted statement — to its original recipients (as posting
 * computes them today), to added addresses, or both — by the LMs of its relationship, coordinators and the
 * Secretariat. Rate-limited per person like every mail-sending action (ADR 011); recorded in the history
 * ("Resent to … by …", staff-only: added addresses are not published).
 */
export async function resendDistribution(input: ResendInput) {
  const { actor, id, now = new Date() } = input;
  const added = parseAddedRecipients(input.added);
  if (!input.toOriginal && added.length === 0) {
    throw new AppError("VALIDATION", "One field needs attention.", {
      added: "Add at least one address, or resend to the original recipients.",
    });
  }
  const groups = await loadGroupIndex();
  await inTransaction(async (tx) => {
    const row = await loadVisibleStatement(tx, actor, groups, id);
    if (row.state !== "posted") throw new AppError("INVALID_STATE", "Only a posted statement's mail can be resent.");
    if (!can(actor, "resend", toRef(row), groups)) throw forbiddenError("resend the mail of this statement");
    const wait = await takeSlot(
      tx,
      `mail-resend:person:${actor.personId}`,
      MAIL_LIMITS.resendsPerWindow,
      MAIL_LIMITS.windowMs,
      now,
    );
    if (wait > 0) {
      throw new AppError(
        "RATE_LIMITED",
        `You have resent ${MAIL_LIMITS.resendsPerWindow} mails in the last hour. Try again in ${minutes(wait)}.`,
      );
    }
    const { recipients, mail } = await buildDistribution(tx, row);
    const { to, cc } = input.toOriginal ? dedupe(recipients.to, [...recipients.cc, ...added]) : dedupe(added, []);
    const queued = await queueMail(tx, {
      kind: "distribution",
      statementId: id,
      to,
      cc,
      replyTo: recipients.replyTo,
      ...mail,
    });
    const everyone = [...to, ...cc].map(addressOf);
    const what = input.toOriginal
      ? `the original recipients${added.length ? ` and ${added.map(addressOf).join(", ")}` : ""}`
      : added.map(addressOf).join(", ");
    await tx.statementEvent.create({
      data: {
        statementId: id,
        type: "resent",
        actorId: actor.personId,
        text: `Resent to ${what} by ${actor.name}`,
        isPublic: false,
        data: { mailId: queued?.id ?? null, toOriginal: input.toOriginal, added, recipients: everyone },
        createdAt: now,
      },
    });
  });
}
