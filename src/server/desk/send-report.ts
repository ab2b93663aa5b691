import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { formatMailbox, parseMailboxList } from "@/lib/mailbox";
import type { Actor, GroupIndex } from "@/server/authz/types";
import { AppError } from "@/server/errors";
import { queueMail } from "@/server/mail/outbox";
import { inTransaction } from "@/server/statements/transaction";
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
  const { report, relationship, query } = loaded;
  const period = describePeriod(query.period);
  const subject = `${reportTitle(report)}, ${period}`;
  return inTransaction(async (tx) => {
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
