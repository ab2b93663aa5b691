import "server-only";
import type { GroupType, Prisma } from "@/generated/prisma/client";
import { formatMailbox, parseMailbox } from "@/lib/mailbox";
import {
  type DtGroup,
  emailSchema,
  groupSchema,
  personSchema,
  RESOURCES,
  roleSchema,
  statementSchema,
  uriKey,
} from "./datatracker-schema";
import { groupState, groupType, mapRole } from "./map";
import { type ImportReport, skip, summaryOf } from "./report";
import { pageFiles, type ReadOptions, readResource } from "./source";

type Tx = Prisma.TransactionClient;

/** The Datatracker's "(System)" person (legacy and synthesized events, DATATRACKER.md §1.4) is this system actor. */
export const SYSTEM_NAME = "(System)";

export interface DirectoryIds {
  /** Datatracker group id → ours */
  groups: Map<number, { id: number; type: GroupType }>;
  /** Datatracker person id → ours */
  people: Map<number, number>;
  systemPersonId: number;
}

/** The system actor: submitter of statements whose submitter is unknown, author of "(System)" events. */
export async function systemPerson(tx: Tx): Promise<number> {
  const found = await tx.person.findFirst({ where: { name: SYSTEM_NAME, canSignIn: false }, orderBy: { id: "asc" } });
  if (found) return found.id;
  return (await tx.person.create({ data: { name: SYSTEM_NAME, canSignIn: false } })).id;
}

async function organizationFor(tx: Tx, group: DtGroup, all: Map<number, DtGroup>, type: GroupType): Promise<number> {
  if (type !== "sdo") {
    const ietf = await tx.organization.findUnique({ where: { acronym: "ietf" } });
    if (ietf) return ietf.id;
    return (
      await tx.organization.create({ data: { acronym: "ietf", name: "Internet Engineering Task Force", side: "ietf" } })
    ).id;
  }
  // The body an SDO group belongs to is its topmost SDO ancestor (ITU-T for ITU-T SG15).
  let root = group;
  const seen = new Set<number>();
  for (;;) {
    seen.add(root.id);
    const parentId = root.parent ? Number(uriKey(root.parent, "group/group")) : null;
    const parent = parentId ? all.get(parentId) : undefined;
    if (!parent || seen.has(parent.id) || uriKey(parent.type ?? "", "name/grouptypename") !== "sdo") break;
    root = parent;
  }
  const acronym = root.acronym.toLowerCase().slice(0, 64);
  const existing = await tx.organization.findUnique({ where: { acronym } });
  if (existing) return existing.id;
  return (await tx.organization.create({ data: { acronym, name: root.name || root.acronym, side: "external" } })).id;
}

/**
 * The groups statements name (from/to). A group of a type without liaison meaning (team, program, nomcom, …)
 * is imported only when a statement needs it; roles on such groups have no meaning here anyway (mapRole).
 * Read without reporting: the statement step reports its own bad objects.
 */
export async function referencedGroups(dir: string): Promise<Set<number>> {
  const quiet: ReadOptions = { strict: false, onProblem: () => {} };
  const ids = new Set<number>();
  for await (const page of readResource(dir, RESOURCES.statement, statementSchema, quiet)) {
    for (const s of page.objects) {
      for (const uri of [...s.from_groups, ...s.to_groups]) ids.add(Number(uriKey(uri, "group/group")));
    }
  }
  return ids;
}

/** Groups (IETF side and SDO bodies): matched by Datatracker id, else adopted by acronym; parents second. */
export async function importGroups(
  tx: Tx,
  dir: string,
  read: ReadOptions,
  report: ImportReport,
  ids: DirectoryIds,
  referenced: Set<number>,
) {
  const summary = summaryOf(report, RESOURCES.group);
  const all = new Map<number, DtGroup>();
  for await (const page of readResource(dir, RESOURCES.group, groupSchema, read)) {
    for (const g of page.objects) all.set(g.id, g);
  }
  // A needed group brings its ancestors (the area of a WG, the body of an SDO study group).
  const needed = new Set<number>();
  for (const id of referenced) {
    for (let g = all.get(id); g && !needed.has(g.id); g = all.get(Number(uriKey(g.parent ?? "", "group/group")))) {
      needed.add(g.id);
    }
  }
  for (const g of all.values()) {
    summary.read++;
    const { type, isKnown } = groupType(uriKey(g.type ?? "", "name/grouptypename"));
    if (!isKnown && !needed.has(g.id)) {
      skip(summary, "a group type without liaison meaning, named by no statement or role");
      continue;
    }
    if (!isKnown) report.warnings.push(`group ${g.acronym} (${g.type}) imported as a working group`);
    const data = {
      name: (g.name || g.acronym).slice(0, 255),
      type,
      state: groupState(uriKey(g.state ?? "", "name/groupstatename")),
      listAddress: g.list_email && parseMailbox(g.list_email) ? g.list_email.slice(0, 320) : null,
    };
    const existing =
      (await tx.group.findUnique({ where: { datatrackerId: g.id } })) ??
      (await tx.group.findUnique({ where: { acronym: g.acronym.slice(0, 64) } }));
    if (existing && existing.datatrackerId !== null && existing.datatrackerId !== g.id) {
      skip(summary, `acronym taken by another Datatracker group`);
      continue;
    }
    if (!existing) {
      const created = await tx.group.create({
        data: {
          ...data,
          acronym: g.acronym.slice(0, 64),
          datatrackerId: g.id,
          organizationId: await organizationFor(tx, g, all, type),
        },
      });
      ids.groups.set(g.id, { id: created.id, type });
      summary.created++;
      continue;
    }
    ids.groups.set(g.id, { id: existing.id, type: existing.type });
    const isSame =
      existing.datatrackerId === g.id &&
      existing.name === data.name &&
      existing.type === data.type &&
      existing.state === data.state &&
      existing.listAddress === data.listAddress;
    if (isSame) {
      summary.unchanged++;
      continue;
    }
    await tx.group.update({ where: { id: existing.id }, data: { ...data, datatrackerId: g.id } });
    summary.updated++;
  }
  // Parents once every group has an id (a parent may come after its child in the pages).
  for (const g of all.values()) {
    const own = ids.groups.get(g.id);
    const parentDt = g.parent ? Number(uriKey(g.parent, "group/group")) : null;
    const parentId = parentDt ? (ids.groups.get(parentDt)?.id ?? null) : null;
    if (!own) continue;
    const current = await tx.group.findUniqueOrThrow({ where: { id: own.id }, select: { parentId: true } });
    if (current.parentId !== parentId && parentId !== own.id) {
      await tx.group.update({ where: { id: own.id }, data: { parentId } });
    }
  }
}

/** People by Datatracker id, then their addresses; "(System)" becomes the system actor. */
export async function importPeople(tx: Tx, dir: string, read: ReadOptions, report: ImportReport, ids: DirectoryIds) {
  const summary = summaryOf(report, RESOURCES.person);
  for await (const page of readResource(dir, RESOURCES.person, personSchema, read)) {
    for (const p of page.objects) {
      summary.read++;
      const name = (p.name || p.plain || p.ascii || `Person ${p.id}`).slice(0, 255);
      const existing =
        (await tx.person.findUnique({ where: { datatrackerId: p.id } })) ??
        (p.name === SYSTEM_NAME ? await tx.person.findUnique({ where: { id: ids.systemPersonId } }) : null);
      if (!existing) {
        const created = await tx.person.create({ data: { name, datatrackerId: p.id } });
        ids.people.set(p.id, created.id);
        summary.created++;
      } else if (existing.name === name && existing.datatrackerId === p.id) {
        ids.people.set(p.id, existing.id);
        summary.unchanged++;
      } else {
        await tx.person.update({ where: { id: existing.id }, data: { name, datatrackerId: p.id } });
        ids.people.set(p.id, existing.id);
        summary.updated++;
      }
    }
  }
  const emails = summaryOf(report, RESOURCES.email);
  for await (const page of readResource(dir, RESOURCES.email, emailSchema, read)) {
    for (const e of page.objects) {
      emails.read++;
      const address = e.address.trim().toLowerCase();
      const personDt = e.person ? Number(uriKey(e.person, "person/person")) : null;
      const personId = personDt ? ids.people.get(personDt) : undefined;
      if (!personId) {
        skip(emails, "no person (or the person was not imported)");
        continue;
      }
      if (!parseMailbox(address)) {
        skip(emails, "not a valid address");
        continue;
      }
      const existing = await tx.emailAddress.findUnique({ where: { address } });
      if (existing && existing.personId !== personId) {
        skip(emails, "address belongs to another person here");
        continue;
      }
      if (!existing) {
        await tx.emailAddress.create({ data: { address, personId, isPrimary: e.primary, isActive: e.active } });
        emails.created++;
      } else if (existing.isPrimary === e.primary && existing.isActive === e.active) {
        emails.unchanged++;
      } else {
        await tx.emailAddress.update({
          where: { id: existing.id },
          data: { isPrimary: e.primary, isActive: e.active },
        });
        emails.updated++;
      }
    }
  }
}

/**
 * Roles that matter for liaisons (mapRole); liaison_contact / liaison_cc_contact become the group's contacts.
 * A role an earlier import made that this archive no longer lists has ended at the Datatracker: it is removed
 * (roles granted here, which have no Datatracker id, are never touched). Only when the archive has the role
 * resource and every one of its objects could be read: an absent or damaged listing says nothing about roles.
 */
export async function importRoles(tx: Tx, dir: string, read: ReadOptions, report: ImportReport, ids: DirectoryIds) {
  const summary = summaryOf(report, RESOURCES.role);
  const contacts = new Map<number, { to: string[]; cc: string[] }>();
  const listed = new Set<number>();
  const problemsBefore = report.problems.length;
  for await (const page of readResource(dir, RESOURCES.role, roleSchema, read)) {
    for (const r of page.objects) {
      summary.read++;
      listed.add(r.id);
      const group = ids.groups.get(Number(uriKey(r.group, "group/group")));
      const personId = ids.people.get(Number(uriKey(r.person, "person/person")));
      const address = (uriKey(r.email, "person/email") ?? "").toLowerCase();
      if (!group || !personId) {
        skip(summary, !group ? "group not imported" : "person not imported");
        continue;
      }
      const groupRow = await tx.group.findUniqueOrThrow({ where: { id: group.id }, select: { acronym: true } });
      const mapping = mapRole(uriKey(r.name, "name/rolename") ?? "", { acronym: groupRow.acronym, type: group.type });
      if (mapping.kind === "skip") {
        skip(summary, mapping.reason);
        continue;
      }
      if (mapping.kind === "contact") {
        const person = await tx.person.findUniqueOrThrow({ where: { id: personId }, select: { name: true } });
        const entry = contacts.get(group.id) ?? { to: [], cc: [] };
        entry[mapping.list].push(parseMailbox(address) ? formatMailbox({ name: person.name, address }) : address);
        contacts.set(group.id, entry);
        continue;
      }
      const data = {
        role: mapping.role,
        personId,
        groupId: mapping.onGroup ? group.id : null,
        email: address.slice(0, 320),
      };
      const existing = await tx.roleAssignment.findUnique({ where: { datatrackerId: r.id } });
      if (!existing) {
        await tx.roleAssignment.create({ data: { ...data, datatrackerId: r.id, fromDatatracker: true } });
        summary.created++;
      } else if (
        existing.role === data.role &&
        existing.personId === data.personId &&
        existing.groupId === data.groupId &&
        existing.email === data.email
      ) {
        summary.unchanged++;
      } else {
        await tx.roleAssignment.update({ where: { id: existing.id }, data });
        summary.updated++;
      }
    }
  }
  const isComplete = pageFiles(dir, RESOURCES.role).length > 0 && report.problems.length === problemsBefore;
  if (isComplete) {
    const ended = await tx.roleAssignment.findMany({
      where: { datatrackerId: { not: null } },
      select: { id: true, datatrackerId: true },
    });
    const gone = ended.filter((r) => !listed.has(r.datatrackerId!)).map((r) => r.id);
    if (gone.length) await tx.roleAssignment.deleteMany({ where: { id: { in: gone } } });
    summary.removed += gone.length;
  } else if (summary.read > 0) {
    report.warnings.push("group/role could not be read in full: no imported role was removed");
  }
  // Contact roles live on as the groups' contact lists: every group that has some now, or had imported ones.
  const hadContacts = await tx.group.findMany({
    where: { OR: [{ importedContacts: { isEmpty: false } }, { importedCcContacts: { isEmpty: false } }] },
    select: { id: true },
  });
  for (const groupId of new Set([...contacts.keys(), ...hadContacts.map((g) => g.id)])) {
    const current = await tx.group.findUniqueOrThrow({ where: { id: groupId } });
    const now = contacts.get(groupId) ?? { to: [], cc: [] };
    const to = followContacts(current.defaultContacts, current.importedContacts, now.to, isComplete);
    const cc = followContacts(current.defaultCcContacts, current.importedCcContacts, now.cc, isComplete);
    summary.created += to.added + cc.added;
    summary.removed += to.removed + cc.removed;
    summary.unchanged += now.to.length + now.cc.length - to.added - cc.added;
    const same = (a: string[], b: string[]) => a.join("\n") === b.join("\n");
    if (
      same(current.defaultContacts, to.list) &&
      same(current.defaultCcContacts, cc.list) &&
      same(current.importedContacts, to.imported) &&
      same(current.importedCcContacts, cc.imported)
    ) {
      continue;
    }
    await tx.group.update({
      where: { id: groupId },
      data: {
        defaultContacts: to.list,
        defaultCcContacts: cc.list,
        importedContacts: to.imported,
        importedCcContacts: cc.imported,
      },
    });
  }
}

const addressOf = (mailbox: string) => (parseMailbox(mailbox)?.address ?? mailbox).toLowerCase();

/**
 * A group's contact list after a re-import: `imported` is what the last import derived from contact roles,
 * `archive` what the roles say now. Untouched here since (the list is still exactly the imported one): the
 * archive's list. Edited here: the people whose contact role ended are taken out (by address, whatever
 * the entry looks like now), the people new in the archive are added at the end, entries added here stay.
 * An incomplete role listing takes nobody out (it cannot tell an ended role from an unread one).
 */
export function followContacts(list: string[], imported: string[], archive: string[], isComplete: boolean) {
  const archived = new Set(archive.map(addressOf));
  const present = new Set(list.map(addressOf));
  const ended = new Set(isComplete ? imported.map(addressOf).filter((a) => !archived.has(a)) : []);
  const isUntouched = list.join("\n") === imported.join("\n");
  const kept = isUntouched && isComplete ? [] : list.filter((m) => !ended.has(addressOf(m)));
  const keptAddresses = new Set(kept.map(addressOf));
  const next =
    isUntouched && isComplete ? archive : [...kept, ...archive.filter((m) => !keptAddresses.has(addressOf(m)))];
  const nextAddresses = new Set(next.map(addressOf));
  return {
    list: next,
    imported: isComplete ? archive : [...new Set([...imported, ...archive])],
    added: [...nextAddresses].filter((a) => !present.has(a)).length,
    removed: [...present].filter((a) => !nextAddresses.has(a)).length,
  };
}
