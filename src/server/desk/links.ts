import "server-only";
import type { Relationship } from "./relationships";

/**
 * Where each number on the desk leads: the public list at /statements with its URL filters (the same
 * parameter names as src/server/archive/filters.ts: direction, purpose, from, to, since, until,
 * actionNeeded), or a page of its own where the list cannot express the question.
 */
export function statementsHref(filters: {
  direction?: "incoming" | "outgoing";
  purpose?: "information" | "action" | "response";
  from?: string;
  to?: string;
  since?: string;
  until?: string;
  actionNeeded?: boolean;
}): string {
  const params = new URLSearchParams();
  for (const key of ["direction", "purpose", "from", "to", "since", "until"] as const) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  if (filters.actionNeeded) params.set("actionNeeded", "true");
  const query = params.toString();
  return query ? `/statements?${query}` : "/statements";
}

export interface DeskLinks {
  received: string;
  sent: string;
  actionNeeded: string;
  unassigned: string;
  /** "no reply from the peer yet" is not a list filter: the desk lists them itself */
  awaitingPeer: string;
  /** every outgoing For-action statement to the body, answered or not */
  outgoingForAction: string;
  pendingApproval: string;
  report: string;
}

export function deskLinks(relationship: Relationship, since: string, isApprover: boolean): DeskLinks {
  const acronym = relationship.acronym;
  return {
    received: statementsHref({ direction: "incoming", from: acronym, since }),
    sent: statementsHref({ direction: "outgoing", to: acronym, since }),
    actionNeeded: statementsHref({ direction: "incoming", from: acronym, actionNeeded: true }),
    unassigned: "/action-needed",
    awaitingPeer: `#awaiting-${acronym}`,
    outgoingForAction: statementsHref({ direction: "outgoing", to: acronym, purpose: "action" }),
    // The approvals queue is for approvers; everyone else finds the pending ones listed on the desk.
    pendingApproval: isApprover ? "/approvals" : `#pending-${acronym}`,
    report: `/desk/report?${new URLSearchParams({ org: acronym }).toString()}`,
  };
}
