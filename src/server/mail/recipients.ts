import "server-only";
import type { Direction } from "@/generated/prisma/enums";
import { addressOf } from "@/lib/mailbox";

/**
 * Who receives which mail (DOMAIN.md "Mail"). Pure: the caller supplies each group's effective liaison
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
 * Posted outgoing: To = To-Liaison-Contact if set, else To-Contact; Cc = From-Contact, the To groups'
 * liaison managers, the coordination address; Reply-To = From-Liaison-Contact.
 * Posted incoming: To = To-Contact; Cc = the From groups' liaison managers and the coordination address.
 */
export function distributionRecipients(facts: DistributionFacts, coordinationAddress: string): Recipients {
  if (facts.direction === "outgoing") {
    const to = facts.toLiaisonContact ? [facts.toLiaisonContact] : facts.toContact;
    return {
      ...dedupe(to, [...facts.fromContact, ...facts.toGroupManagers, coordinationAddress]),
      replyTo: facts.fromLiaisonContact,
    };
  }
  return {
    ...dedupe(facts.toContact, [...facts.fromGroupManagers, coordinationAddress]),
    replyTo: facts.fromLiaisonContact,
  };
}

/** "Received and recorded" goes back to where the statement came from. */
export function acknowledgementRecipients(facts: Pick<DistributionFacts, "fromLiaisonContact" | "fromContact">): Recipients {
  const to = facts.fromLiaisonContact ? [facts.fromLiaisonContact] : facts.fromContact;
  return { ...dedupe(to, []), replyTo: null };
}

/** Approval request: To = the approvers; Cc = the coordination address. */
export function approvalRequestRecipients(approvers: readonly string[], coordinationAddress: string): Recipients {
  return { ...dedupe(approvers.length ? approvers : [coordinationAddress], [coordinationAddress]), replyTo: null };
}

/** Returned to draft: to the submitter. */
export function returnedRecipients(submitter: string, returnedBy: string | null): Recipients {
  return { ...dedupe([submitter], returnedBy ? [returnedBy] : []), replyTo: returnedBy };
}
