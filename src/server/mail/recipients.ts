import "server-only";
import type { Direction } from "@/generated/prisma/enums";
import { addressOf } from "@/lib/mailbox";

/**
 * Who receives which mail (docs/domain.md "Mail"). Pure: the caller supplies each group's effective liaison
 * managers (own → organization's → coordination address, see directory/liaison-managers.ts).
 */
export interface Recipients {
  to: string[];
  cc: string[];
  replyTo: string | null;
}

export interface DistributionFacts {
  direction: Direction;
  fromContact: readonly string[];
  toContact: readonly string[];
  fromLiaisonContact: string | null;
  toLiaisonContact: string | null;
  /** effective liaison managers of every From group (incoming) */
  fromGroupManagers: readonly string[];
  /** effective liaison managers of every To group (outgoing) */
  toGroupManagers: readonly string[];
}

/** An address appears once, and never in both To and Cc. */
export function dedupe(to: readonly string[], cc: readonly string[]): { to: string[]; cc: string[] } {
  const seen = new Set<string>();
  const keep = (list: readonly string[]) =>
    list.filter((m) => {
      const key = addressOf(m);
      if (!key || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  const first = keep(to);
  return { to: first, cc: keep(cc) };
}

/**
 * The liaison manager is copied, never addressed (issue 15, section 1): `list` without the liaison managers,
 * unless they are all it holds (then they are the only recipient meant, and stay).
 */
export function withoutManagers(list: readonly string[], managers: readonly string[]): string[] {
  const managerKeys = new Set(managers.map(addressOf).filter(Boolean));
  const rest = list.filter((m) => !managerKeys.has(addressOf(m)));
  return rest.length ? rest : [...list];
}

/**
 * The published record: the peer body's contacts as shown, without our liaison managers (who are copied on
 * the mail, not contacts of the peer), and the managers that were taken out.
 */
export function peerContacts(
  list: readonly string[],
  managers: readonly string[],
): { contacts: string[]; managers: string[] } {
  const managerKeys = new Set(managers.map(addressOf).filter(Boolean));
  return {
    contacts: list.filter((m) => !managerKeys.has(addressOf(m))),
    managers: list.filter((m) => managerKeys.has(addressOf(m))),
  };
}

/**
 * Posted outgoing: To = To-Liaison-Contact if set, else To-Contact; Cc = From-Contact, the To groups'
 * liaison managers, the coordination address; Reply-To = From-Liaison-Contact.
 * Posted incoming: To = To-Contact; Cc = the From groups' liaison managers and the coordination address.
 * A liaison manager typed into To is moved to Cc unless they are the only To recipient.
 */
export function distributionRecipients(facts: DistributionFacts, coordinationAddress: string): Recipients {
  if (facts.direction === "outgoing") {
    const to = withoutManagers(
      facts.toLiaisonContact ? [facts.toLiaisonContact] : facts.toContact,
      facts.toGroupManagers,
    );
    return {
      ...dedupe(to, [...facts.fromContact, ...facts.toGroupManagers, coordinationAddress]),
      replyTo: facts.fromLiaisonContact,
    };
  }
  return {
    ...dedupe(withoutManagers(facts.toContact, facts.fromGroupManagers), [
      ...facts.fromGroupManagers,
      coordinationAddress,
    ]),
    replyTo: facts.fromLiaisonContact,
  };
}

/** "Received and recorded" goes back to where the statement came from (the sender, not our liaison managers). */
export function acknowledgementRecipients(
  facts: Pick<DistributionFacts, "fromLiaisonContact" | "fromContact">,
  fromGroupManagers: readonly string[] = [],
): Recipients {
  const to = facts.fromLiaisonContact ? [facts.fromLiaisonContact] : facts.fromContact;
  return { ...dedupe(withoutManagers(to, fromGroupManagers), []), replyTo: null };
}

/**
 * Approval request: To = the approvers; Cc = the liaison managers of the To groups (RFC 4053bis §1: the LM
 * is consulted before a statement is sent) and the coordination address.
 */
export function approvalRequestRecipients(
  approvers: readonly string[],
  coordinationAddress: string,
  toGroupManagers: readonly string[] = [],
): Recipients {
  return {
    ...dedupe(approvers.length ? approvers : [coordinationAddress], [...toGroupManagers, coordinationAddress]),
    replyTo: null,
  };
}

/** Returned to draft: to the submitter. */
export function returnedRecipients(submitter: string, returnedBy: string | null): Recipients {
  return { ...dedupe([submitter], returnedBy ? [returnedBy] : []), replyTo: returnedBy };
}

/**
 * "Mark action taken" with "No reply will be sent" (issue 9): the liaison managers of the peer groups that
 * asked for the action, each once; replies go to the person who closed it.
 */
export function actionClosedRecipients(peerManagers: readonly string[][], closedBy: string | null): Recipients {
  return { to: [...new Set(peerManagers.flat())], cc: [], replyTo: closedBy };
}

/** An assignment: the new assignee, with the previous one in copy (or the previous one alone if the new has no address). */
export function assignmentRecipients(assignee: string | null, previous: string | null, by: string | null): Recipients {
  const to = assignee ? [assignee] : previous ? [previous] : [];
  return { ...dedupe(to, assignee && previous ? [previous] : []), replyTo: by };
}
