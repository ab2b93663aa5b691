import "server-only";
import type { Direction } from "@/generated/prisma/enums";
import { dedupe, type Recipients } from "@/server/mail/recipients";

export interface ReminderRecipientFacts {
  direction: Direction;
  /** the assignee's mailbox, if the statement has one */
  assignee: string | null;
  fromContact: readonly string[];
  toContact: readonly string[];
  /** effective liaison managers of the external groups involved (From groups incoming, To groups outgoing) */
  externalGroupManagers: readonly string[];
}

/**
 * DOMAIN.md "Mail" → Deadline reminders. Incoming: To = the assignee and To-Contact (who must act).
 * Outgoing awaiting the peer's reply: To = From-Contact and the assignee, if any (who must chase the reply).
 * Cc = the liaison managers. Nobody to address at all → the coordination address, so it is never lost.
 */
export function reminderRecipients(facts: ReminderRecipientFacts, coordinationAddress: string): Recipients {
  const assignee = facts.assignee ? [facts.assignee] : [];
  const to = facts.direction === "incoming" ? [...assignee, ...facts.toContact] : [...facts.fromContact, ...assignee];
  const recipients = dedupe(to, facts.externalGroupManagers);
  if (recipients.to.length === 0)
    return { ...dedupe([coordinationAddress], facts.externalGroupManagers), replyTo: null };
  return { ...recipients, replyTo: null };
}
