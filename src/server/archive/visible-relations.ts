import "server-only";
import { PUBLIC_STATEMENT_WHERE } from "@/server/archive/visibility";
import { mayView } from "@/server/authz/policy";
import type { Actor, GroupIndex } from "@/server/authz/types";
import { prisma } from "@/server/db";
import { type StatementRow, toRef } from "@/server/statements/repository";

export type RelationLabel = "In response to" | "Answered by" | "Related to";

export interface VisibleRelation {
  id: number;
  title: string;
  label: RelationLabel;
}

/**
 * DOMAIN.md: relations are shown in both directions, but only statements the viewer may see: a pending
 * reply to a posted statement must not reveal its title to anonymous readers.
 */
export async function visibleRelations(
  actor: Actor | null,
  groups: GroupIndex,
  row: Pick<StatementRow, "relationsFrom" | "relationsTo">,
): Promise<VisibleRelation[]> {
  const candidates: VisibleRelation[] = [
    ...row.relationsFrom.map((r) => ({
      id: r.target.id,
      title: r.target.title,
      label: (r.relationship === "responds_to" ? "In response to" : "Related to") as RelationLabel,
    })),
    ...row.relationsTo.map((r) => ({
      id: r.source.id,
      title: r.source.title,
      label: (r.relationship === "responds_to" ? "Answered by" : "Related to") as RelationLabel,
    })),
  ];
  if (candidates.length === 0) return [];
  const db = await prisma();
  const related = await db.statement.findMany({
    where: { id: { in: candidates.map((c) => c.id) }, ...(actor ? {} : PUBLIC_STATEMENT_WHERE) },
    select: {
      id: true,
      direction: true,
      state: true,
      submitterId: true,
      assigneeId: true,
      postedAt: true,
      groups: { select: { side: true, groupId: true } },
    },
  });
  const visible = new Set(related.filter((s) => mayView(actor, groups, toRef(s))).map((s) => s.id));
  const seen = new Set<string>();
  return candidates.filter((c) => {
    const key = `${c.label}:${c.id}`;
    if (!visible.has(c.id) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
