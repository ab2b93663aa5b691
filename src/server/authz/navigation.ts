import "server-only";
import { isApprover, mayAdminister, mayEnterAny, mayUseDesk } from "./policy";
import type { Actor, GroupIndex } from "./types";

export interface NavItem {
  href: string;
  label: string;
  /** work waiting there (issue 15 §2): shown next to the label, read as "Approvals, 3 waiting" */
  count?: number;
}

/** Where work waits, when known (src/server/my-work/waiting-counts.ts). */
export interface NavCounts {
  approvals: number;
  actionNeeded: number;
}

/** The navigation a person is offered: only what their roles allow (docs/domain.md "Who may do what"). */
export function navigationFor(actor: Actor | null, index: GroupIndex, counts?: NavCounts | null): NavItem[] {
  const items: NavItem[] = [{ href: "/statements", label: "Statements" }];
  if (mayEnterAny(actor, index, "outgoing") || mayEnterAny(actor, index, "incoming")) {
    items.push({ href: "/statements/mine", label: "My statements" });
  }
  if (mayEnterAny(actor, index, "outgoing"))
    items.push({ href: "/statements/new?direction=outgoing", label: "Enter outgoing" });
  if (mayEnterAny(actor, index, "incoming"))
    items.push({ href: "/statements/new?direction=incoming", label: "Record incoming" });
  if (isApprover(actor)) items.push({ href: "/approvals", label: "Approvals", count: counts?.approvals });
  if (actor && actor.roles.length > 0)
    items.push({ href: "/action-needed", label: "Action needed", count: counts?.actionNeeded });
  if (mayUseDesk(actor)) items.push({ href: "/desk", label: "Desk" });
  items.push({ href: "/directory", label: "Directory" });
  if (mayAdminister(actor)) {
    items.push({ href: "/admin", label: "Administration" });
    items.push({ href: "/outbox", label: "Outbox" });
  }
  return items;
}
