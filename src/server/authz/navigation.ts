import "server-only";
import { isApprover, mayAdminister, mayEnterAny, mayUseDesk } from "./policy";
import type { Actor, GroupIndex } from "./types";

export interface NavItem {
  href: string;
  label: string;
}

/** The navigation a person is offered: only what their roles allow (DOMAIN.md "Who may do what"). */
export function navigationFor(actor: Actor | null, index: GroupIndex): NavItem[] {
  const items: NavItem[] = [{ href: "/statements", label: "Statements" }];
  if (mayEnterAny(actor, index, "outgoing")) items.push({ href: "/statements/new?direction=outgoing", label: "Enter outgoing" });
  if (mayEnterAny(actor, index, "incoming")) items.push({ href: "/statements/new?direction=incoming", label: "Record incoming" });
  if (isApprover(actor)) items.push({ href: "/approvals", label: "Approvals" });
  if (actor && actor.roles.length > 0) items.push({ href: "/action-needed", label: "Action needed" });
  if (mayUseDesk(actor)) items.push({ href: "/desk", label: "Desk" });
  items.push({ href: "/directory", label: "Directory" });
  if (mayAdminister(actor)) {
    items.push({ href: "/admin", label: "Administration" });
    items.push({ href: "/outbox", label: "Outbox" });
  }
  return items;
}
