import "server-only";
import { env } from "@/env";
import type { Direction } from "@/generated/prisma/enums";
import { areaOf } from "@/server/authz/groups";
import { entryChoices, isStaff, roleKey } from "@/server/authz/policy";
import type { Actor, GroupIndex } from "@/server/authz/types";
import { prisma } from "@/server/db";
import { describeActingRole } from "./acting-role";
import { managerMailboxes } from "./repository";

export interface GroupChoice {
  id: number;
  acronym: string;
  name: string;
  /** mailboxes that choosing this group adds to its side's contacts */
  contacts: string[];
  /** suggested liaison contact (outgoing: the To group's liaison manager, else the coordination address) */
  liaisonContact: string | null;
}

export interface StatementFormContext {
  direction: Direction;
  from: GroupChoice[];
  to: GroupChoice[];
  /** the roles the actor may enter this direction in (a roleKey and its label); the form asks when several */
  actingAs: { key: string; label: string }[];
  /** Secretariat and coordinators: Submit may "Approve on behalf now" (issue 15, section 5) */
  mayApproveOnBehalf: boolean;
}

const LEADERS = ["wg_chair", "wg_secretary", "ad", "ietf_chair", "iab_chair"] as const;

/**
 * What the statement form offers the actor, with the contacts each group pre-fills: internal groups bring
 * their chairs, their ADs and list address; external groups their own default contacts (their liaison
 * managers are copied on the mail, not listed as the peer's contacts).
 */
export async function statementFormContext(
  actor: Actor,
  groups: GroupIndex,
  direction: Direction,
): Promise<StatementFormContext> {
  const db = await prisma();
  const choices = entryChoices(actor, groups, direction);
  const ids = [...choices.from, ...choices.to].map((g) => g.id);
  const areaIds = [...choices.from, ...choices.to].flatMap((g) => {
    const area = !g.isExternal ? areaOf(groups, g.id) : undefined;
    return area ? [area.id] : [];
  });
  const [rows, managers] = await Promise.all([
    db.group.findMany({
      where: { id: { in: [...new Set([...ids, ...areaIds])] } },
      include: { roles: { where: { role: { in: [...LEADERS] } }, include: { person: true } } },
    }),
    managerMailboxes(db, ids),
  ]);
  const byId = new Map(rows.map((g) => [g.id, g]));
  const leadersOf = (id: number | undefined) =>
    (id === undefined ? [] : (byId.get(id)?.roles ?? [])).map((r) => `${r.person.name} <${r.email}>`);
  const coordination = env().coordinationAddress;

  const choice = (id: number): GroupChoice => {
    const group = groups.get(id)!;
    const row = byId.get(id);
    if (group.isExternal) {
      const lms = managers.get(id) ?? [];
      return {
        id,
        acronym: group.acronym,
        name: group.name,
        // That body's own contacts only: our liaison managers are IETF people, copied by the server's Cc rule
        // (issue 15, section 1), never pre-filled as the peer's To-/From-Contact.
        contacts: [...(row?.defaultContacts ?? [])],
        liaisonContact: lms[0] ?? coordination,
      };
    }
    const area = areaOf(groups, id);
    return {
      id,
      acronym: group.acronym,
      name: group.name,
      contacts: [
        ...leadersOf(id),
        ...(area && area.id !== id ? leadersOf(area.id) : []),
        ...(row?.listAddress ? [row.listAddress] : []),
      ],
      liaisonContact: null,
    };
  };

  const roles = [...new Map(actor.roles.map((r) => [roleKey(r), r])).values()].filter((r) => {
    const own = entryChoices({ ...actor, roles: [r] }, groups, direction);
    return own.from.length > 0 && own.to.length > 0;
  });
  const actingAs = await Promise.all(
    roles.map(async (r) => ({ key: roleKey(r), label: await describeActingRole(db, groups, r) })),
  );
  return {
    direction,
    actingAs,
    mayApproveOnBehalf: direction === "outgoing" && isStaff(actor),
    from: choices.from.map((g) => choice(g.id)),
    to: choices.to.map((g) => choice(g.id)),
  };
}
