import "server-only";
import { env } from "@/env";
import type { Direction } from "@/generated/prisma/enums";
import { entryChoices } from "@/server/authz/policy";
import { areaOf } from "@/server/authz/groups";
import type { Actor, GroupIndex } from "@/server/authz/types";
import { prisma } from "@/server/db";
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
}

const LEADERS = ["wg_chair", "wg_secretary", "ad", "ietf_chair", "iab_chair"] as const;

/**
 * What the statement form offers the actor, with the contacts each group pre-fills: internal groups bring
 * their chairs, their ADs and list address; external groups their default contacts and liaison managers.
 */
export async function statementFormContext(actor: Actor, groups: GroupIndex, direction: Direction): Promise<StatementFormContext> {
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
        contacts: [...(row?.defaultContacts ?? []), ...lms.filter((m) => m !== coordination)],
        liaisonContact: lms[0] ?? coordination,
      };
    }
    const area = areaOf(groups, id);
    return {
      id,
      acronym: group.acronym,
      name: group.name,
      contacts: [...leadersOf(id), ...(area && area.id !== id ? leadersOf(area.id) : []), ...(row?.listAddress ? [row.listAddress] : [])],
      liaisonContact: null,
    };
  };

  return {
    direction,
    from: choices.from.map((g) => choice(g.id)),
    to: choices.to.map((g) => choice(g.id)),
  };
}
