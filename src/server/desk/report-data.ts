import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { parseIsoDate } from "@/lib/dates";
import { PUBLIC_STATEMENT_WHERE } from "@/server/archive/visibility";
import { isStaff } from "@/server/authz/policy";
import type { Actor, GroupIndex } from "@/server/authz/types";
import { prisma } from "@/server/db";
import type { Db } from "@/server/statements/repository";
import { statementUrl } from "@/server/statements/repository";
import {
  ALL_RELATIONSHIPS,
  assertDeskUser,
  chooseRelationship,
  loadRelationshipDirectory,
  type Relationship,
  relationshipsFor,
} from "./relationships";
import { buildStatusReport, type ReportStatement, type StatusReport } from "./report";
import { completeReportQuery, type ReportQuery, type ReportQueryInput } from "./report-query";

const DAY_MS = 86_400_000;

const reportInclude = {
  groups: { include: { group: { select: { acronym: true } } }, orderBy: { position: "asc" } },
  assignee: { select: { name: true } },
  relationsFrom: {
    where: { relationship: "responds_to", target: PUBLIC_STATEMENT_WHERE },
    include: { target: { select: { id: true, title: true } } },
    orderBy: { id: "asc" },
  },
  relationsTo: {
    where: { relationship: "responds_to", source: { state: "posted", direction: "incoming" } },
    select: { id: true },
  },
} satisfies Prisma.StatementInclude;

type ReportRow = Prisma.StatementGetPayload<{ include: typeof reportInclude }>;

function toReportStatement(row: ReportRow): ReportStatement {
  const side = (s: "from" | "to") => row.groups.filter((g) => g.side === s).map((g) => g.group.acronym);
  return {
    id: row.id,
    url: statementUrl(row.id),
    direction: row.direction,
    state: row.state === "withdrawn" ? "withdrawn" : "posted",
    title: row.title,
    purpose: row.purpose,
    postedAt: row.postedAt!,
    deadline: row.deadline,
    from: side("from"),
    to: side("to"),
    otherIdentifiers: row.otherIdentifiers,
    actionStatus: row.actionStatus,
    actionTakenAt: row.actionTakenAt,
    assignee: row.assignee?.name ?? null,
    answers: row.relationsFrom.map((r) => ({ id: r.target.id, title: r.target.title })),
    isAnswered: row.relationsTo.length > 0,
  };
}

/**
 * The public statements a report over `query.period` needs: those exchanged with the groups in the
 * period, and the For-action ones posted by its end (open actions, replies awaited).
 */
async function reportStatements(db: Db, groupIds: number[], query: ReportQuery): Promise<ReportStatement[]> {
  const start = parseIsoDate(query.period.from)!;
  const end = new Date(parseIsoDate(query.period.to)!.getTime() + DAY_MS);
  const rows = await db.statement.findMany({
    where: {
      AND: [
        PUBLIC_STATEMENT_WHERE,
        { postedAt: { lt: end } },
        {
          OR: [
            { direction: "incoming", groups: { some: { side: "from", groupId: { in: groupIds } } } },
            { direction: "outgoing", groups: { some: { side: "to", groupId: { in: groupIds } } } },
          ],
        },
        { OR: [{ postedAt: { gte: start } }, { state: "posted", purpose: "action" }] },
      ],
    },
    include: reportInclude,
    orderBy: [{ postedAt: "asc" }, { id: "asc" }],
  });
  return rows.map(toReportStatement);
}

export interface ReportSentEvent {
  id: number;
  at: Date;
  by: string | null;
  summary: string;
}

/** Where a report is recorded: as an event of the organization, of the group, or of all relationships. */
export function reportEntity(relationship: Relationship | null): { entityType: string; entityId: number | null } {
  if (!relationship) return { entityType: "relationship", entityId: null };
  return { entityType: relationship.kind, entityId: relationship.id };
}

async function reportEvents(db: Db, relationship: Relationship | null): Promise<ReportSentEvent[]> {
  const rows = await db.auditLog.findMany({
    where: { action: "report_sent", ...reportEntity(relationship) },
    include: { actor: { select: { name: true } } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 50,
  });
  return rows.map((r) => ({ id: r.id, at: r.createdAt, by: r.actor?.name ?? null, summary: r.summary }));
}

export interface LoadedReport {
  query: ReportQuery;
  /** null: all relationships */
  relationship: Relationship | null;
  /** what the person may report on (the period form's choices) */
  relationships: Relationship[];
  mayReportOnAll: boolean;
  report: StatusReport;
  events: ReportSentEvent[];
}

/**
 * Issue 9, the status report of one relationship (or, for staff, all) over a period. A liaison manager
 * may report only on the relationships they manage (FORBIDDEN otherwise).
 */
export async function loadStatusReport(
  actor: Actor | null,
  groups: GroupIndex,
  input: ReportQueryInput,
  now = new Date(),
): Promise<LoadedReport> {
  assertDeskUser(actor);
  const db = await prisma();
  const relationships = relationshipsFor(actor, groups, await loadRelationshipDirectory(db));
  const mayReportOnAll = isStaff(actor);
  const defaultOrg = mayReportOnAll ? ALL_RELATIONSHIPS : (relationships[0]?.acronym ?? ALL_RELATIONSHIPS);
  const query = completeReportQuery(input, defaultOrg, now);
  const relationship = chooseRelationship(actor, relationships, query.org);
  const groupIds = relationship
    ? relationship.groupIds
    : [...groups.values()].filter((g) => g.isExternal).map((g) => g.id);
  const statements = await reportStatements(db, groupIds, query);
  const report = buildStatusReport({
    scope: relationship ? { acronym: relationship.acronym, name: relationship.name } : null,
    period: query.period,
    now,
    statements,
  });
  return {
    query: { ...query, org: relationship?.acronym ?? ALL_RELATIONSHIPS },
    relationship,
    relationships,
    mayReportOnAll,
    report,
    events: await reportEvents(db, relationship),
  };
}
