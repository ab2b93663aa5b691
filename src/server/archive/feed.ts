import "server-only";
import { env } from "@/env";
import type { Prisma } from "@/generated/prisma/client";
import { isoDate } from "@/lib/dates";
import { purposeLabel } from "@/lib/labels";
import { PUBLIC_STATEMENT_WHERE } from "@/server/archive/visibility";
import { cachedPublic } from "@/server/cache";
import { prisma } from "@/server/db";
import type { AtomEntry, AtomFeed } from "./atom";

/** docs/domain.md "Contracts": the feed carries the latest 50 public statements. */
export const FEED_SIZE = 50;

export type FeedSide = "from" | "to";

/** What an acronym in `?from=` / `?to=` names: an organization (all its groups) or one group. */
export interface FeedScope {
  side: FeedSide;
  kind: "organization" | "group";
  acronym: string;
  name: string;
  /** the organization whose directory page shows these statements */
  organizationAcronym: string;
  groupIds: number[];
}

export type FeedResult = { status: "ok"; feed: AtomFeed } | { status: "unknown"; side: FeedSide; acronym: string };

/**
 * An organization's acronym wins over a group's: `ietf` is both, and a reader asking for statements to
 * the IETF wants those to any IETF group. (`bbf`, `w3c`: the organization holds just that group anyway.)
 */
async function resolveScope(side: FeedSide, acronym: string): Promise<FeedScope | null> {
  const db = await prisma();
  const match = { equals: acronym, mode: "insensitive" } as const;
  const organization = await db.organization.findFirst({
    where: { acronym: match },
    include: { groups: { select: { id: true } } },
  });
  if (organization) {
    return {
      side,
      kind: "organization",
      acronym: organization.acronym,
      name: organization.acronym.toUpperCase(),
      organizationAcronym: organization.acronym,
      groupIds: organization.groups.map((g) => g.id),
    };
  }
  const group = await db.group.findFirst({
    where: { acronym: match },
    include: { organization: { select: { acronym: true } } },
  });
  if (!group) return null;
  return {
    side,
    kind: "group",
    acronym: group.acronym,
    name: group.name,
    organizationAcronym: group.organization.acronym,
    groupIds: [group.id],
  };
}

const feedInclude = {
  groups: {
    include: { group: { select: { acronym: true, name: true, organization: { select: { acronym: true } } } } },
    orderBy: { position: "asc" },
  },
  attachments: { where: { removedAt: null }, select: { id: true, title: true }, orderBy: { id: "asc" } },
} satisfies Prisma.StatementInclude;

type FeedRow = Prisma.StatementGetPayload<{ include: typeof feedInclude }>;

function toEntry(row: FeedRow, appUrl: string): AtomEntry {
  const url = `${appUrl}/statements/${row.id}`;
  const groupsOn = (side: FeedSide) => row.groups.filter((g) => g.side === side).map((g) => g.group);
  const from = groupsOn("from");
  const to = groupsOn("to");
  const names = (groups: { name: string }[]) => groups.map((g) => g.name).join(", ");
  const purpose = purposeLabel(row.purpose);
  const deadline = isoDate(row.deadline);
  const isWithdrawn = row.state === "withdrawn";
  const posted = row.postedAt ?? row.createdAt;
  const withdrawnNotice = isWithdrawn
    ? `Withdrawn${row.withdrawnAt ? ` on ${isoDate(row.withdrawnAt)}` : ""}: ${row.withdrawnReason ?? ""}`.trim()
    : null;
  const header = [
    withdrawnNotice,
    `${row.direction === "incoming" ? "Incoming" : "Outgoing"} liaison statement`,
    `From: ${names(from)}`,
    `To: ${names(to)}`,
    `Purpose: ${purpose}`,
    deadline ? `Deadline: ${deadline}` : null,
    row.otherIdentifiers.length ? `Other identifiers: ${row.otherIdentifiers.join(", ")}` : null,
    ...(row.attachments.length
      ? ["Attachments:", ...row.attachments.map((a) => `  ${a.title}: ${url}/attachments/${a.id}`)]
      : []),
    `Statement: ${url}`,
  ].filter((line): line is string => line !== null);
  return {
    id: url,
    title: isWithdrawn ? `${row.title} (withdrawn)` : row.title,
    url,
    published: posted,
    updated: row.withdrawnAt && row.withdrawnAt > posted ? row.withdrawnAt : posted,
    authors: from.map((g) => ({ name: g.name, uri: `${appUrl}/directory/${g.organization.acronym}` })),
    categories: [
      { term: row.purpose ?? "none", scheme: `${appUrl}/feeds/statements.atom#purpose`, label: purpose },
      {
        term: row.direction,
        scheme: `${appUrl}/feeds/statements.atom#direction`,
        label: row.direction === "incoming" ? "Incoming" : "Outgoing",
      },
    ],
    summary: [
      withdrawnNotice,
      `${purpose}${deadline ? ` (deadline ${deadline})` : ""}, from ${names(from)} to ${names(to)}.`,
    ]
      .filter(Boolean)
      .join(" "),
    content: `${header.join("\n")}\n\n${row.body || "(The statement is in its attachments.)"}`,
  };
}

function feedTitle(scopes: FeedScope[]): string {
  if (scopes.length === 0) return "IETF and IAB liaison statements";
  return `Liaison statements ${scopes.map((s) => `${s.side} ${s.name}`).join(" ")}`;
}

/** The public Atom feed: latest posted statements, optionally only those from and/or to a group or organization. */
export function statementFeed(query: { from?: string | null; to?: string | null }): Promise<FeedResult> {
  return cachedPublic(`feed:${query.from ?? ""}:${query.to ?? ""}`, 15_000, () => buildFeed(query));
}

async function buildFeed(query: { from?: string | null; to?: string | null }): Promise<FeedResult> {
  const scopes: FeedScope[] = [];
  for (const side of ["from", "to"] as const) {
    const acronym = query[side]?.trim();
    if (!acronym) continue;
    const scope = await resolveScope(side, acronym);
    if (!scope) return { status: "unknown", side, acronym };
    scopes.push(scope);
  }
  const db = await prisma();
  const rows = await db.statement.findMany({
    where: {
      AND: [
        PUBLIC_STATEMENT_WHERE,
        ...scopes.map((s) => ({ groups: { some: { side: s.side, groupId: { in: s.groupIds } } } })),
      ],
    },
    include: feedInclude,
    orderBy: [{ postedAt: "desc" }, { id: "desc" }],
    take: FEED_SIZE,
  });
  const appUrl = env().appUrl;
  const search = new URLSearchParams(scopes.map((s) => [s.side, s.acronym]));
  const selfUrl = `${appUrl}/feeds/statements.atom${scopes.length ? `?${search}` : ""}`;
  const [only] = scopes;
  return {
    status: "ok",
    feed: {
      id: selfUrl,
      title: feedTitle(scopes),
      subtitle: only
        ? scopes
            .map((s) => `Posted statements ${s.side} ${s.kind === "organization" ? `any group of ${s.name}` : s.name}`)
            .join("; ")
        : "The latest posted liaison statements between the IETF/IAB and other standards bodies.",
      selfUrl,
      alternateUrl:
        scopes.length === 1 && only ? `${appUrl}/directory/${only.organizationAcronym}` : `${appUrl}/statements`,
      author: { name: "IETF Liaison Statements", uri: appUrl },
      generator: "IETF liaison statement tracker",
      entries: rows.map((row) => toEntry(row, appUrl)),
    },
  };
}
