import "server-only";
import type { Direction, RoleName } from "@/generated/prisma/enums";
import { isPublicState } from "@/server/statements/lifecycle";
import { allGroups, areaOf, isWithin } from "./groups";
import type { Actor, ActorRole, GroupIndex, GroupRef, StatementRef } from "./types";

/**
 * Who may do what (docs/domain.md "Who may do what", RFC 4053bis §4.1). Pure functions of the actor's role
 * assignments and the groups involved; nothing else in the app decides permissions.
 */

export const STAFF_ROLES: readonly RoleName[] = ["secretariat", "iab_liaison_coordinator"];

export function hasRole(actor: Actor | null, role: RoleName): boolean {
  return !!actor?.roles.some((r) => r.role === role);
}

/** Secretariat and IAB liaison coordinators: see everything, act on behalf. */
export function isStaff(actor: Actor | null): boolean {
  return !!actor?.roles.some((r) => STAFF_ROLES.includes(r.role));
}

export function isSecretariat(actor: Actor | null): boolean {
  return hasRole(actor, "secretariat");
}

// --- Entering statements ------------------------------------------------------------------------------

/** The From and To groups one role allows, for one direction. */
interface Grant {
  from: GroupRef[];
  to: GroupRef[];
  role?: ActorRole;
}

/** External groups a liaison manager looks after: a whole organization, or a group and its sub-groups. */
export function managedGroups(index: GroupIndex, role: ActorRole): GroupRef[] {
  if (role.role !== "liaison_manager") return [];
  return allGroups(index).filter(
    (g) =>
      g.isExternal &&
      ((role.organizationId !== null && g.organizationId === role.organizationId) ||
        (role.groupId !== null && isWithin(index, g.id, role.groupId))),
  );
}

function grantsFor(actor: Actor | null, index: GroupIndex, direction: Direction): Grant[] {
  if (!actor) return [];
  const groups = allGroups(index);
  // RFC 4053bis §1: research groups do not originate liaison statements (they may receive them).
  const internal = groups.filter((g) => !g.isExternal && (direction === "incoming" || g.type !== "rg"));
  const external = groups.filter((g) => g.isExternal);
  const byType = (...types: GroupRef["type"][]) => internal.filter((g) => types.includes(g.type));
  const grants: Grant[] = [];
  for (const role of actor.roles) {
    if (STAFF_ROLES.includes(role.role)) {
      grants.push(
        direction === "outgoing" ? { from: internal, to: external, role } : { from: external, to: internal, role },
      );
      continue;
    }
    if (role.role === "liaison_manager") {
      const managed = managedGroups(index, role);
      grants.push(
        direction === "outgoing" ? { from: internal, to: managed, role } : { from: managed, to: internal, role },
      );
      continue;
    }
    if (direction === "incoming") continue; // only liaison managers and staff record incoming statements
    switch (role.role) {
      case "ietf_chair":
        grants.push({ from: byType("ietf", "iesg"), to: external, role });
        break;
      case "iab_chair":
        grants.push({ from: byType("iab"), to: external, role });
        break;
      case "ad":
        if (role.groupId !== null) {
          const area = role.groupId;
          grants.push({
            from: [...internal.filter((g) => isWithin(index, g.id, area)), ...byType("ietf", "iesg")],
            to: external,
            role,
          });
        }
        break;
      case "wg_chair":
      case "wg_secretary":
        if (role.groupId !== null)
          grants.push({ from: internal.filter((g) => g.id === role.groupId), to: external, role });
        break;
    }
  }
  return grants;
}

const unique = (groups: GroupRef[]) =>
  [...new Map(groups.map((g) => [g.id, g])).values()].sort((a, b) => a.acronym.localeCompare(b.acronym));

/** The groups the form offers as From and To for a new statement (active groups only). */
export function entryChoices(actor: Actor | null, index: GroupIndex, direction: Direction): Grant {
  const grants = grantsFor(actor, index, direction);
  return {
    from: unique(grants.flatMap((g) => g.from)).filter((g) => g.isActive),
    to: unique(grants.flatMap((g) => g.to)).filter((g) => g.isActive),
  };
}

/** A role's stable name on a form ("ad:12:", "liaison_manager::3"). */
export function roleKey(role: ActorRole): string {
  return `${role.role}:${role.groupId ?? ""}:${role.organizationId ?? ""}`;
}

/** Every role of the actor that covers all these From and To groups, in the actor's order (issue 15, section 5). */
export function enteringRoles(
  actor: Actor | null,
  index: GroupIndex,
  direction: Direction,
  fromIds: readonly number[],
  toIds: readonly number[],
): ActorRole[] {
  const fitting = grantsFor(actor, index, direction)
    .filter(
      (g) =>
        fromIds.every((id) => g.from.some((x) => x.id === id)) && toIds.every((id) => g.to.some((x) => x.id === id)),
    )
    .flatMap((g) => (g.role ? [g.role] : []));
  return [...new Map(fitting.map((r) => [roleKey(r), r])).values()];
}

/**
 * The role in which the actor enters a statement with these From and To groups: one role must cover all.
 * With `chosen` (a roleKey picked on the form), that role, and null when it does not fit; else the first.
 */
export function enteringRole(
  actor: Actor | null,
  index: GroupIndex,
  direction: Direction,
  fromIds: readonly number[],
  toIds: readonly number[],
  chosen?: string,
): ActorRole | null {
  const fitting = enteringRoles(actor, index, direction, fromIds, toIds);
  if (chosen) return fitting.find((r) => roleKey(r) === chosen) ?? null;
  return fitting[0] ?? null;
}

/** May the actor enter a statement with exactly these From and To groups? */
export function mayEnter(
  actor: Actor | null,
  index: GroupIndex,
  direction: Direction,
  fromIds: readonly number[],
  toIds: readonly number[],
): boolean {
  return enteringRole(actor, index, direction, fromIds, toIds) !== null;
}

export function mayEnterAny(actor: Actor | null, index: GroupIndex, direction: Direction): boolean {
  const choices = entryChoices(actor, index, direction);
  return choices.from.length > 0 && choices.to.length > 0;
}

// --- Approval (RFC 4053bis §4.1) ----------------------------------------------------------------------

/** Who must approve a statement from this group. */
export type ApproverRequirement =
  | { role: "ad"; areaId: number }
  | { role: "ietf_chair" }
  | { role: "iab_chair" }
  | { role: "none" };

/**
 * WG → an AD of its area; area → its ADs; IETF or IESG → the IETF Chair; IAB → the IAB Chair.
 * Research groups answer to the IAB Chair (the IRTF is chartered by the IAB; see docs/decisions/003).
 */
export function approverRequirement(index: GroupIndex, groupId: number): ApproverRequirement {
  const group = index.get(groupId);
  if (!group || group.isExternal) return { role: "none" };
  switch (group.type) {
    case "ietf":
    case "iesg":
      return { role: "ietf_chair" };
    case "iab":
    case "rg":
      return { role: "iab_chair" };
    default: {
      const area = areaOf(index, groupId);
      return area ? { role: "ad", areaId: area.id } : { role: "ietf_chair" };
    }
  }
}

/** The roles that approve in their own right (RFC 4053bis §4.1); the Secretariat and coordinators approve on behalf. */
export const APPROVER_ROLES = ["ad", "ietf_chair", "iab_chair"] as const satisfies readonly RoleName[];

/**
 * Whether a role assignment approves, in its own right, for a From group with this requirement. The one test
 * of §4.1: the actor's approval capacity, the approval-request mail, "waiting for" and the liaison pages'
 * approvers all use it (authz/approvers.ts reads the holders from the database).
 */
export function meetsRequirement(role: Pick<ActorRole, "role" | "groupId">, need: ApproverRequirement): boolean {
  switch (need.role) {
    case "ad":
      return role.role === "ad" && role.groupId === need.areaId;
    case "none":
      return false;
    default:
      return role.role === need.role;
  }
}

export interface ApprovalCapacity {
  role: RoleName;
  /** the group of the role acted in (the AD's area, the IAB, ...) */
  roleGroupId: number | null;
  onBehalf: boolean;
}

/** The capacity in which the actor may approve for this From group, preferring their own role over "on behalf". */
export function approvalCapacity(actor: Actor | null, index: GroupIndex, groupId: number): ApprovalCapacity | null {
  if (!actor) return null;
  const need = approverRequirement(index, groupId);
  const direct = actor.roles.find((r) => meetsRequirement(r, need));
  if (direct) return { role: direct.role, roleGroupId: direct.groupId, onBehalf: false };
  const staff = actor.roles.find((r) => STAFF_ROLES.includes(r.role));
  if (staff && need.role !== "none") return { role: staff.role, roleGroupId: staff.groupId, onBehalf: true };
  return null;
}

/** Direct approver (own role, not on behalf) of at least one of the groups. */
export function isDirectApproverOfAny(actor: Actor | null, index: GroupIndex, groupIds: readonly number[]): boolean {
  return groupIds.some((id) => approvalCapacity(actor, index, id)?.onBehalf === false);
}

/** Holds any role that approves statements (used for the approvals queue). */
export function isApprover(actor: Actor | null): boolean {
  return !!actor?.roles.some((r) => [...APPROVER_ROLES, ...STAFF_ROLES].includes(r.role));
}

// --- Statement actions --------------------------------------------------------------------------------

/** Public (posted, or withdrawn after posting) is the lifecycle's rule; this is only its shape for a ref. */
const isPublic = (st: StatementRef): boolean => isPublicState(st.state, st.postedAt);

function managesAnyOf(actor: Actor, index: GroupIndex, groupIds: readonly number[]): boolean {
  return actor.roles.some((r) => managedGroups(index, r).some((g) => groupIds.includes(g.id)));
}

/** Chairs/secretaries of a To group, and whoever would approve for it (its AD, IETF/IAB Chair). */
function leadsAnyOf(actor: Actor, index: GroupIndex, groupIds: readonly number[]): boolean {
  return groupIds.some(
    (id) =>
      actor.roles.some((r) => (r.role === "wg_chair" || r.role === "wg_secretary") && r.groupId === id) ||
      approvalCapacity(actor, index, id)?.onBehalf === false,
  );
}

/**
 * Issue 15 §2: the chairs and secretaries of a statement's From groups write it together with its
 * submitter (co-chairs share drafts). A chair of any other group is not one of them.
 */
export function isCoAuthor(actor: Actor | null, st: Pick<StatementRef, "fromGroupIds">): boolean {
  return !!actor?.roles.some(
    (r) =>
      (r.role === "wg_chair" || r.role === "wg_secretary") && r.groupId !== null && st.fromGroupIds.includes(r.groupId),
  );
}

/** docs/domain.md: only posted (and posted-then-withdrawn) statements are public. */
export function mayView(actor: Actor | null, index: GroupIndex, st: StatementRef): boolean {
  if (isPublic(st)) return true;
  if (!actor) return false;
  if (isStaff(actor) || st.submitterId === actor.personId || isCoAuthor(actor, st)) return true;
  if (isDirectApproverOfAny(actor, index, st.fromGroupIds)) return true;
  return managesAnyOf(actor, index, [...st.fromGroupIds, ...st.toGroupIds]);
}

/** draft/pending: submitter and the From groups' chairs/secretaries, approvers, coordinators, Secretariat (incoming drafts: also the From groups' liaison managers); posted: coordinators, Secretariat. */
export function mayEdit(actor: Actor | null, index: GroupIndex, st: StatementRef): boolean {
  if (!actor) return false;
  switch (st.state) {
    case "draft":
    case "pending":
    case "approved":
      return (
        isStaff(actor) ||
        st.submitterId === actor.personId ||
        isCoAuthor(actor, st) ||
        isDirectApproverOfAny(actor, index, st.fromGroupIds) ||
        // Issue 18: an incoming draft (one received by e-mail is made for all of them) is shared by the
        // liaison managers of its sending body, as a WG's drafts are by its chairs.
        (st.direction === "incoming" && st.state === "draft" && managesAnyOf(actor, index, st.fromGroupIds))
      );
    case "posted":
      return isStaff(actor);
    case "withdrawn":
      return false;
  }
}

export type StatementAction =
  | "view"
  | "edit"
  | "submit"
  | "approve"
  | "return"
  | "post"
  | "withdraw"
  | "markActionTaken"
  | "assign"
  | "closeAwaitedReply"
  | "postRecordOnly"
  | "resend"
  | "comment"
  | "commentStaffOnly";

/**
 * The single question every use-case asks: may this actor do this to this statement *now*?
 * State rules live in lifecycle.ts; this adds who may take the step.
 */
export function can(
  actor: Actor | null,
  action: StatementAction,
  st: StatementRef,
  index: GroupIndex,
  approvedGroupIds: readonly number[] = [],
): boolean {
  if (!actor) return action === "view" && isPublic(st);
  switch (action) {
    case "view":
      return mayView(actor, index, st);
    case "edit":
      return mayEdit(actor, index, st);
    case "submit":
      return st.state === "draft" && mayEdit(actor, index, st);
    case "approve":
      return (
        st.state === "pending" &&
        st.fromGroupIds.some((id) => !approvedGroupIds.includes(id) && approvalCapacity(actor, index, id) !== null)
      );
    case "return":
      return st.state === "pending" && st.fromGroupIds.some((id) => approvalCapacity(actor, index, id) !== null);
    case "post":
      if (st.direction === "incoming")
        return st.state === "draft" && mayEnter(actor, index, "incoming", st.fromGroupIds, st.toGroupIds);
      return st.state === "approved" && isStaff(actor);
    case "withdraw":
      if (st.state === "withdrawn") return false;
      return st.state === "posted" ? isSecretariat(actor) : mayEdit(actor, index, st);
    case "markActionTaken":
    case "assign":
      return (
        st.state === "posted" &&
        (isStaff(actor) ||
          st.assigneeId === actor.personId ||
          managesAnyOf(actor, index, [...st.fromGroupIds, ...st.toGroupIds]) ||
          leadsAnyOf(actor, index, st.toGroupIds))
      );
    case "closeAwaitedReply":
      return isAwaitingReply(st) && mayCloseAwaitedReply(actor, index, st);
    case "postRecordOnly":
      // Incoming: whoever may record (and post) it. Outgoing: the Secretariat, for a statement not yet posted.
      if (st.direction === "incoming") return can(actor, "post", st, index);
      return ["draft", "pending", "approved"].includes(st.state) && isSecretariat(actor);
    case "resend":
      return (
        st.state === "posted" && (isStaff(actor) || managesAnyOf(actor, index, [...st.fromGroupIds, ...st.toGroupIds]))
      );
    case "comment":
      return mayView(actor, index, st);
    case "commentStaffOnly":
      return maySeeNonPublic(actor, index, st);
  }
}

/** Issue 15: a posted outgoing For-action statement still waiting for the peer's reply. */
function isAwaitingReply(st: StatementRef): boolean {
  return (
    st.direction === "outgoing" &&
    st.state === "posted" &&
    st.purpose === "action" &&
    st.actionStatus !== "taken" &&
    st.actionStatus !== "unknown_imported"
  );
}

/**
 * Issue 15 §3: "Mark reply received" / "Close: no reply expected" on an outgoing For-action statement: its
 * submitter, the chairs (and secretaries) and approvers (ADs, IETF/IAB Chair) of its From groups, the LMs of
 * its To groups, coordinators and the Secretariat.
 */
function mayCloseAwaitedReply(actor: Actor, index: GroupIndex, st: StatementRef): boolean {
  return (
    isStaff(actor) ||
    st.submitterId === actor.personId ||
    leadsAnyOf(actor, index, st.fromGroupIds) ||
    managesAnyOf(actor, index, st.toGroupIds)
  );
}

/**
 * Who sees what is not public (issue 15 §4: staff-only comments and history): those who could see the
 * statement if it were a draft — Secretariat, coordinators, the submitter, the From groups' approvers and the
 * LMs of the groups involved.
 */
export function maySeeNonPublic(actor: Actor | null, index: GroupIndex, st: StatementRef): boolean {
  if (!actor) return false;
  return mayView(actor, index, { ...st, state: "draft", postedAt: null });
}

/** Administration of organizations, groups, people and roles. */
export function mayAdminister(actor: Actor | null): boolean {
  return isSecretariat(actor);
}

/** The liaison manager's desk and relationship reports (issue 9). */
export function mayUseDesk(actor: Actor | null): boolean {
  return isStaff(actor) || hasRole(actor, "liaison_manager");
}
