import "server-only";
import { formatMailbox } from "@/lib/mailbox";
import type { Actor } from "@/server/authz/types";
import { prisma } from "@/server/db";
import { assertAdministrator } from "./common";
import { toRoleRow } from "./queries";

export const PEOPLE_PAGE_SIZE = 50;

/** People whose name or any address contains `q` (case-insensitive), by name, one page at a time. */
export async function searchPeople(actor: Actor | null, options: { q?: string; page?: number }) {
  assertAdministrator(actor);
  const db = await prisma();
  const q = options.q?.trim() ?? "";
  const page = Math.max(1, options.page ?? 1);
  const where = q
    ? {
        OR: [
          { name: { contains: q, mode: "insensitive" as const } },
          { emails: { some: { address: { contains: q.toLowerCase() } } } },
        ],
      }
    : {};
  const [total, rows] = await Promise.all([
    db.person.count({ where }),
    db.person.findMany({
      where,
      orderBy: [{ name: "asc" }, { id: "asc" }],
      skip: (page - 1) * PEOPLE_PAGE_SIZE,
      take: PEOPLE_PAGE_SIZE,
      include: {
        emails: { orderBy: [{ isPrimary: "desc" }, { address: "asc" }] },
        roles: { include: { person: { select: { id: true, name: true } }, group: true, organization: true } },
      },
    }),
  ]);
  const items = rows.map((p) => ({
    id: p.id,
    name: p.name,
    emails: p.emails.map((e) => ({ address: e.address, isPrimary: e.isPrimary, isActive: e.isActive })),
    canSignIn: p.canSignIn,
    hasPassword: p.passwordHash !== null,
    roles: p.roles.map(toRoleRow),
  }));
  return { items, total, page, pageSize: PEOPLE_PAGE_SIZE, q };
}

export async function getPerson(actor: Actor | null, id: number) {
  assertAdministrator(actor);
  const db = await prisma();
  const p = await db.person.findUnique({
    where: { id },
    include: {
      emails: { orderBy: [{ isPrimary: "desc" }, { address: "asc" }] },
      roles: {
        include: { person: { select: { id: true, name: true } }, group: true, organization: true },
        orderBy: [{ role: "asc" }, { id: "asc" }],
      },
    },
  });
  if (!p) return null;
  return {
    id: p.id,
    name: p.name,
    canSignIn: p.canSignIn,
    hasPassword: p.passwordHash !== null,
    emailVerified: p.emailVerified,
    emails: p.emails.map((e) => ({ id: e.id, address: e.address, isPrimary: e.isPrimary, isActive: e.isActive })),
    roles: p.roles.map(toRoleRow),
  };
}

/** Everyone with an active primary address, as "Name <address>", for the person pickers. */
export async function personChoices(actor: Actor | null): Promise<string[]> {
  assertAdministrator(actor);
  const db = await prisma();
  const rows = await db.emailAddress.findMany({
    where: { isPrimary: true, isActive: true },
    include: { person: { select: { name: true } } },
    orderBy: { person: { name: "asc" } },
  });
  return rows.map((e) => formatMailbox({ name: e.person.name, address: e.address }));
}
