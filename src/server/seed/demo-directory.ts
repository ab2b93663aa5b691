import "server-only";
import type { RoleName } from "@/generated/prisma/enums";
import { DEMO_GROUPS } from "./demo-groups";
import { DEMO_PEOPLE } from "./demo-people";
import type { DemoGroup, DemoPerson } from "./demo-types";

/**
 * Lookups over the demo directory, so statements name people and groups by natural key and the seed
 * derives ids, role groups and approvers. Throws on a dangling key: a typo in demo data fails loudly.
 */
export function demoPerson(email: string, people: readonly DemoPerson[] = DEMO_PEOPLE): DemoPerson {
  const person = people.find((p) => p.email === email);
  if (!person) throw new Error(`Demo data: no person with e-mail ${email}`);
  return person;
}

export function demoGroup(acronym: string, groups: readonly DemoGroup[] = DEMO_GROUPS): DemoGroup {
  const group = groups.find((g) => g.acronym === acronym);
  if (!group) throw new Error(`Demo data: no group ${acronym}`);
  return group;
}

/** The group (acronym) of the person's role `role`; undefined for organization-level and group-less roles. */
export function roleGroupOf(email: string, role: RoleName): string | undefined {
  const assignment = demoPerson(email).roles.find((r) => r.role === role);
  if (!assignment) throw new Error(`Demo data: ${email} has no role ${role}`);
  return assignment.group;
}

export interface DemoApprover {
  email: string;
  role: RoleName;
  /** the group of the approver's role, e.g. the AD's area */
  roleGroup?: string;
}

function holderOf(role: RoleName, group: string): DemoApprover {
  const person = DEMO_PEOPLE.find((p) => p.roles.some((r) => r.role === role && r.group === group));
  if (!person) throw new Error(`Demo data: nobody holds ${role} on ${group}`);
  return { email: person.email, role, roleGroup: group };
}

/**
 * RFC 4053bis §4.1: a WG's statement is approved by an AD of its area, an area's by its AD, the IETF's and
 * the IESG's by the IETF Chair, the IAB's by the IAB Chair. The first listed holder of the role approves.
 */
export function approverFor(fromAcronym: string): DemoApprover {
  const group = demoGroup(fromAcronym);
  switch (group.type) {
    case "wg":
    case "rg": {
      if (!group.parent) throw new Error(`Demo data: ${fromAcronym} has no area to approve it`);
      return holderOf("ad", group.parent);
    }
    case "area":
      return holderOf("ad", group.acronym);
    case "ietf":
    case "iesg":
      return holderOf("ietf_chair", "ietf");
    case "iab":
      return holderOf("iab_chair", "iab");
    case "sdo":
      throw new Error(`Demo data: ${fromAcronym} is external; outgoing statements come from internal groups`);
  }
}

/** How events describe a role, e.g. "AD of area wit". */
export function describeRole(role: RoleName, group?: string): string {
  switch (role) {
    case "ad":
      return `AD of area ${group}`;
    case "ietf_chair":
      return "IETF Chair";
    case "iab_chair":
      return "IAB Chair";
    case "secretariat":
      return "Secretariat";
    case "iab_liaison_coordinator":
      return "IAB liaison coordinator";
    case "wg_chair":
      return `chair of ${group}`;
    case "wg_secretary":
      return `secretary of ${group}`;
    case "liaison_manager":
      return group ? `liaison manager for ${group}` : "liaison manager";
  }
}
