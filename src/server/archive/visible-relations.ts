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
  /** withdrawn itself (a replacement must not be) */
  isWithdrawn: boolean;
  postedAt: Date | null;
}

/**
 * docs/domain.md: relations are shown in both directions, but only statements the viewer may see: a pending
 * reply to a posted statement must not reveal its title to anonymous readers.
 */
export async function visibleRelations(
  actor: Actor | null,
  groups: GroupIndex,
  row: Pick<StatementRow, "relationsFrom" | "relationsTo">,
): Promise<VisibleRelation[]> {
  const candidates: Omit<VisibleRelation, "isWithdrawn" | "postedAt">[] = [
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
  const visible = new Map(related.filter((s) => mayView(actor, groups, toRef(s))).map((s) => [s.id, s]));
  const seen = new Set<string>();
  return candidates.flatMap((c) => {
    const key = `${c.label}:${c.id}`;
    const target = visible.get(c.id);
    if (!target || seen.has(key)) return [];
    seen.add(key);
    return [{ ...c, isWithdrawn: target.state === "withdrawn", postedAt: target.postedAt }];
  });
}

/**
 * The statement that replaces a withdrawn one: the one named when it was withdrawn, if the reader may see it
 * and it is not withdrawn itself; else (statements withdrawn without naming one, imported ones) a related
 * (not answering) statement, itself posted and not withdrawn, posted no earlier than the withdrawn one — the
 * newest such. How the Secretariat records a
 * correction today (the Datatracker's "related" link; the demo's "LS on L4S support … (corrected)").
 */
export function replacementOf(
  row: { state: string; postedAt: Date | null },
  related: readonly VisibleRelation[],
  /** the statement named at the withdrawal ("Replaced by", issue 16): it wins while the reader may see it */
  named: number | null = null,
): VisibleRelation | null {
  if (row.state !== "withdrawn") return null;
  if (named !== null) {
    return related.find((r) => r.id === named && r.label === "Related to" && !r.isWithdrawn) ?? null;
  }
  const since = row.postedAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  const candidates = related.filter(
    (r) => r.label === "Related to" && !r.isWithdrawn && r.postedAt !== null && r.postedAt.getTime() >= since,
  );
  return candidates.sort((a, b) => (b.postedAt?.getTime() ?? 0) - (a.postedAt?.getTime() ?? 0))[0] ?? null;
}
