import "server-only";
import { env } from "@/env";
import type { Prisma } from "@/generated/prisma/client";
import { addressOf, formatMailbox, parseMailboxList } from "@/lib/mailbox";
import { MAIL_LIMITS, takeSlot } from "@/server/auth/rate-limit";
import type { Actor, GroupIndex } from "@/server/authz/types";
import { prisma } from "@/server/db";
import { inTransaction } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import { queueMail } from "@/server/mail/outbox";
import { assertDeskUser } from "./relationships";
import { describePeriod, renderReportText, reportTitle } from "./report";
import { loadStatusReport, reportEntity } from "./report-data";
import type { ReportQueryInput } from "./report-query";

export interface SendReportInput extends ReportQueryInput {
  /** RFC 5322 mailboxes, one per line or comma separated */
  recipients: string;
}

/** The recipients field: at least one mailbox, and every entry must parse (the bad ones are named). */
export function parseRecipients(text: string): string[] {
  const parsed = parseMailboxList(text);
  if (!parsed.ok) {
    const message = `Not a valid e-mail address: ${parsed.invalid.join(", ")}`;
    throw new AppError("VALIDATION", "One field needs attention.", { recipients: message });
  }
  if (parsed.mailboxes.length === 0) {
    throw new AppError("VALIDATION", "One field needs attention.", { recipients: "Enter at least one address." });
  }
  return parsed.mailboxes;
}

const minutes = (seconds: number) => {
  const m = Math.ceil(seconds / 60);
  return `${m} minute${m === 1 ? "" : "s"}`;
};

/**
 * A report goes only to the configured IESG and IAB addresses, people of the directory (their known
 * addresses, or the address of one of their roles) and the sender, and to at most
 * MAIL_LIMITS.reportRecipients of them: the desk is not a way to mail anyone (issue 13, item 7).
 */
export async function assertReportRecipients(actor: Actor, mailboxes: string[]): Promise<void> {
  const addresses = [...new Set(mailboxes.map(addressOf))];
  if (addresses.length > MAIL_LIMITS.reportRecipients) {
    throw new AppError("VALIDATION", "One field needs attention.", {
      recipients: `A report goes to at most ${MAIL_LIMITS.reportRecipients} addresses; this list has ${addresses.length}.`,
    });
  }
  const config = env();
  const allowed = new Set([addressOf(config.iesgAddress), addressOf(config.iabAddress), actor.email?.toLowerCase()]);
  const db = await prisma();
  const [known, roles] = await Promise.all([
    db.emailAddress.findMany({ where: { address: { in: addresses }, isActive: true }, select: { address: true } }),
    db.roleAssignment.findMany({
      where: { OR: addresses.map((a) => ({ email: { equals: a, mode: "insensitive" as const } })) },
      select: { email: true },
    }),
  ]);
  for (const { address } of known) allowed.add(address.toLowerCase());
  for (const { email } of roles) allowed.add(email.toLowerCase());
  const refused = addresses.filter((a) => !allowed.has(a));
  if (refused.length) {
    throw new AppError("VALIDATION", "One field needs attention.", {
      recipients: `Not a recipient for reports: ${refused.join(", ")}. Reports go to the IESG (${addressOf(config.iesgAddress)}), the IAB (${addressOf(config.iabAddress)}), people in the directory, or yourself.`,
    });
  }
}

/**
 * Issue 9, "Send report": mails the plain-text status report through the outbox (kind `report`) and records
 * it as an event of the relationship (an audit row), in one transaction. Same access rule as the report.
 */
export async function sendStatusReport(
  actor: Actor | null,
  groups: GroupIndex,
  input: SendReportInput,
  now = new Date(),
) {
  assertDeskUser(actor);
  // Read first: the transaction below holds the embedded database's only connection.
  const loaded = await loadStatusReport(actor, groups, input, now);
  const recipients = parseRecipients(input.recipients);
  await assertReportRecipients(actor, recipients);
  const { report, relationship, query } = loaded;
  const period = describePeriod(query.period);
  const subject = `${reportTitle(report)}, ${period}`;
  return inTransaction(async (tx) => {
    const wait = await takeSlot(
      tx,
      `mail-report:person:${actor.personId}`,
      MAIL_LIMITS.reportsPerWindow,
      MAIL_LIMITS.windowMs,
      now,
    );
    if (wait > 0) {
      throw new AppError(
        "RATE_LIMITED",
        `You have sent ${MAIL_LIMITS.reportsPerWindow} reports in the last hour. Try again in ${minutes(wait)}.`,
      );
    }
    const mail = await queueMail(tx, {
      kind: "report",
      to: recipients,
      replyTo: actor.email ? formatMailbox({ name: actor.name, address: actor.email }) : null,
      subject,
      body: renderReportText(report),
    });
    const changes = {
      relationship: { from: null, to: query.org },
      period: { from: null, to: `${query.period.from} to ${query.period.to}` },
      recipients: { from: null, to: recipients },
      mail: { from: null, to: mail?.id ?? null },
    };
    await tx.auditLog.create({
      data: {
        actorId: actor.personId,
        ...reportEntity(relationship),
        action: "report_sent",
        summary: `Status report for ${relationship ? relationship.name : "all relationships"}, ${period}, sent to ${recipients.join(", ")}`,
        changes: changes as Prisma.InputJsonValue,
      },
    });
    return { mailId: mail?.id ?? null, recipients, subject };
  });
}
