import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { ActionStatus, Direction, Purpose, StatementState } from "@/generated/prisma/enums";
import { isoDate } from "@/lib/dates";
import { isDbId } from "@/lib/ids";
import { PUBLIC_STATEMENT_WHERE } from "@/server/archive/visibility";
import { cachedPublic } from "@/server/cache";
import { prisma } from "@/server/db";
import { attachmentUrl, statementUrl } from "@/server/statements/repository";
import type { ArchiveFilters } from "./filters";
import { findPublicStatementIds } from "./query";

/**
 * The JSON API's statement (docs/domain.md "Contracts"; described by openapi.ts). Public data only: statements
 * are loaded through PUBLIC_STATEMENT_WHERE, related statements are listed only when they are public too,
 * and removed attachments are left out.
 */
export interface ApiGroup {
  acronym: string;
  name: string;
  /** the organization's acronym, e.g. "3gpp", "ietf" */
  organization: string;
}

export type ApiRelationship = "responds_to" | "answered_by" | "related_to";

export interface ApiStatement {
  id: number;
  url: string;
  direction: Direction;
  state: StatementState;
  title: string;
  purpose: Purpose | null;
  deadline: string | null;
  from: ApiGroup[];
  fromContact: string[];
  fromLiaisonContact: string | null;
  to: ApiGroup[];
  toContact: string[];
  toLiaisonContact: string | null;
  body: string;
  otherIdentifiers: string[];
  attachments: { title: string; filename: string; contentType: string; size: number; sha256: string; url: string }[];
  related: { id: number; title: string; relationship: ApiRelationship }[];
  submittedAt: string | null;
  postedAt: string | null;
  actionStatus: ActionStatus;
}

export interface ApiStatementList {
  items: ApiStatement[];
  page: number;
  pageSize: number;
  total: number;
}

const relatedSelect = { select: { id: true, title: true } } as const;

export const API_SELECT = {
  id: true,
  direction: true,
  state: true,
  title: true,
  purpose: true,
  deadline: true,
  fromContact: true,
  fromLiaisonContact: true,
  toContact: true,
  toLiaisonContact: true,
  body: true,
  otherIdentifiers: true,
  submittedAt: true,
  postedAt: true,
  actionStatus: true,
  groups: {
    select: {
      side: true,
      group: { select: { acronym: true, name: true, organization: { select: { acronym: true } } } },
    },
    orderBy: { position: "asc" },
  },
  attachments: {
    where: { removedAt: null },
    select: { id: true, title: true, filename: true, contentType: true, size: true, sha256: true },
    orderBy: { id: "asc" },
  },
  relationsFrom: {
    where: { target: PUBLIC_STATEMENT_WHERE },
    select: { relationship: true, target: relatedSelect },
    orderBy: { id: "asc" },
  },
  relationsTo: {
    where: { source: PUBLIC_STATEMENT_WHERE },
    select: { relationship: true, source: relatedSelect },
    orderBy: { id: "asc" },
  },
} satisfies Prisma.StatementSelect;

export type ApiRow = Prisma.StatementGetPayload<{ select: typeof API_SELECT }>;

/** One statement as the API shows it. */
export function serializeStatement(row: ApiRow): ApiStatement {
  const side = (which: "from" | "to") =>
    row.groups
      .filter((g) => g.side === which)
      .map((g) => ({ acronym: g.group.acronym, name: g.group.name, organization: g.group.organization.acronym }));
  return {
    id: row.id,
    url: statementUrl(row.id),
    direction: row.direction,
    state: row.state,
    title: row.title,
    purpose: row.purpose,
    deadline: isoDate(row.deadline),
    from: side("from"),
    fromContact: row.fromContact,
    fromLiaisonContact: row.fromLiaisonContact,
    to: side("to"),
    toContact: row.toContact,
    toLiaisonContact: row.toLiaisonContact,
    body: row.body,
    otherIdentifiers: row.otherIdentifiers,
    attachments: row.attachments.map((a) => ({
      title: a.title,
      filename: a.filename,
      contentType: a.contentType,
      size: a.size,
      sha256: a.sha256,
      url: attachmentUrl(row.id, a.id),
    })),
    related: [
      // this statement answers (or relates to) an earlier one
      ...row.relationsFrom.map((r) => ({ id: r.target.id, title: r.target.title, relationship: r.relationship })),
      // a later statement answers (or relates to) this one
      ...row.relationsTo.map((r) => ({
        id: r.source.id,
        title: r.source.title,
        relationship: r.relationship === "responds_to" ? ("answered_by" as const) : ("related_to" as const),
      })),
    ],
    submittedAt: row.submittedAt?.toISOString() ?? null,
    postedAt: row.postedAt?.toISOString() ?? null,
    actionStatus: row.actionStatus,
  };
}

/** The API's rows of the given statements, in `ids` order, loaded through PUBLIC_STATEMENT_WHERE. */
async function loadPublicRows(ids: readonly number[]): Promise<ApiRow[]> {
  if (ids.length === 0) return [];
  const db = await prisma();
  const rows = await db.statement.findMany({
    where: { AND: [PUBLIC_STATEMENT_WHERE, { id: { in: [...ids] } }] },
    select: API_SELECT,
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** GET /api/v1/statements: one page of public statements matching the filters. */
export function apiListStatements(filters: ArchiveFilters): Promise<ApiStatementList> {
  return cachedPublic(`api-list:${JSON.stringify(filters)}`, 15_000, () => loadApiList(filters));
}

async function loadApiList(filters: ArchiveFilters): Promise<ApiStatementList> {
  const { ids, total, page, pageSize } = await findPublicStatementIds(filters);
  const rows = await loadPublicRows(ids);
  return { items: rows.map(serializeStatement), page, pageSize, total };
}

/** GET /api/v1/statements/<id>: the statement when it exists and is public, else null (404). */
export function apiGetStatement(id: number): Promise<ApiStatement | null> {
  return cachedPublic(`api-statement:${id}`, 15_000, () => loadApiStatement(id));
}

async function loadApiStatement(id: number): Promise<ApiStatement | null> {
  if (!isDbId(id)) return null;
  const [row] = await loadPublicRows([id]);
  return row ? serializeStatement(row) : null;
}
