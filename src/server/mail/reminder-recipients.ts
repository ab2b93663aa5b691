import "server-only";
import type { Direction } from "@/generated/prisma/enums";
import { addressOf } from "@/lib/mailbox";
import { dedupe, type Recipients } from "@/server/mail/recipients";

export interface ReminderRecipientFacts {
  direction: Direction;
  /** the assignee's mailbox, if the statement has one */
  assignee: string | null;
  /** the submitter's mailbox (outgoing: who must chase the reply) */
  submitter: string | null;
  /** people leading the groups that must act: incoming → the To groups, outgoing → the From groups (role addresses) */
  leaders: readonly string[];
  /** effective liaison managers of the external groups involved (From groups incoming, To groups outgoing) */
  externalGroupManagers: readonly string[];
  /** the mailing-list addresses of the groups: never a reminder's recipient */
  listAddresses: readonly string[];
  /** the 4th and last overdue reminder */
  isLast: boolean;
}

/**
 * docs/domain.md "Mail" → Deadline reminders (issue 15). To = people only: incoming → the assignee and the To
 * groups' chairs/ADs; outgoing awaiting the peer's reply → the submitter, the From groups' chairs/ADs and the
 * assignee, if any. Never a group's mailing list, even when a role's address is one. Cc = the liaison
 * managers, and on the last reminder the coordination address. Nobody to address → the coordination address.
 */
export function reminderRecipients(facts: ReminderRecipientFacts, coordinationAddress: string): Recipients {
  const lists = new Set(facts.listAddresses.map(addressOf));
  const people = (mailboxes: readonly (string | null)[]) =>
    mailboxes.filter((m): m is string => !!m && !lists.has(addressOf(m)));
  const to =
    facts.direction === "incoming"
      ? people([facts.assignee, ...facts.leaders])
      : people([facts.submitter, ...facts.leaders, facts.assignee]);
  const cc = [...people(facts.externalGroupManagers), ...(facts.isLast ? [coordinationAddress] : [])];
  const recipients = dedupe(to, cc);
  if (recipients.to.length === 0) return { ...dedupe([coordinationAddress], cc), replyTo: null };
  return { ...recipients, replyTo: null };
}
