import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { renderAttachment } from "./demo-documents";
import { attachmentInput, statementGroupRows, statementInput } from "./factories";
import type { StatementPlan } from "./plan-types";
import { idOf, type SeededDirectory } from "./seed-directory";

/** The statement row of one plan (its groups, approvals, attachments and events are rows of their own). */
function statementRow(plan: StatementPlan, dir: SeededDirectory): Prisma.StatementCreateManyInput {
  const { spec } = plan;
  return statementInput(idOf(dir.people, spec.submitter), {
    direction: spec.direction,
    state: spec.state,
    title: spec.title,
    purpose: spec.purpose,
    deadline: plan.deadline ?? null,
    body: spec.body,
    fromContact: [...spec.fromContact],
    fromLiaisonContact: spec.fromLiaisonContact ?? null,
    toContact: [...spec.toContact],
    toLiaisonContact: spec.toLiaisonContact ?? null,
    otherIdentifiers: [...(spec.otherIdentifiers ?? [])],
    consensus: spec.consensus ?? null,
    submitterRole: spec.submitterRole,
    submitterRoleGroupId: plan.submitterRoleGroup ? idOf(dir.groups, plan.submitterRoleGroup) : null,
    assigneeId: plan.assignee ? idOf(dir.people, plan.assignee) : null,
    actionStatus: plan.actionStatus,
    actionTakenAt: plan.actionTakenAt ?? null,
    receivedOn: plan.receivedOn ?? null,
    // Imported records were distributed long ago; acknowledging them now would mail strangers.
    sendAcknowledgement: !spec.imported,
    createdAt: plan.createdAt,
    updatedAt: plan.events.at(-1)?.at ?? plan.createdAt,
    submittedAt: plan.submittedAt ?? null,
    approvedAt: plan.approvedAt ?? null,
    postedAt: plan.postedAt ?? null,
    withdrawnAt: plan.withdrawnAt ?? null,
    withdrawnReason: spec.withdrawn?.reason ?? null,
  });
}

/** The rows that hang off a newly created statement. */
function childRows(plan: StatementPlan, statementId: number, dir: SeededDirectory) {
  const { spec } = plan;
  const person = (email: string) => idOf(dir.people, email);
  const group = (acronym: string) => idOf(dir.groups, acronym);
  const groups = statementGroupRows(statementId, spec.from.map(group), spec.to.map(group));
  const approvals: Prisma.ApprovalCreateManyInput[] = plan.approvals.map((a) => ({
    statementId,
    groupId: group(a.group),
    approverId: person(a.approver),
    role: a.role,
    roleGroupId: a.roleGroup ? group(a.roleGroup) : null,
    onBehalf: a.onBehalf,
    createdAt: a.at,
  }));
  const attachments: Prisma.AttachmentCreateManyInput[] = (spec.attachments ?? []).map((attachment, i) => {
    const { content, contentType } = renderAttachment(attachment);
    const row = attachmentInput(content, {
      title: attachment.title,
      filename: attachment.filename,
      contentType,
      uploadedById: person(spec.submitter),
      createdAt: new Date(plan.createdAt.getTime() + (5 + i) * 60_000),
    });
    return { ...row, statementId };
  });
  const events: Prisma.StatementEventCreateManyInput[] = plan.events.map((event) => ({
    statementId,
    type: event.type,
    actorId: event.actor ? person(event.actor) : null,
    text: event.text,
    isPublic: event.isPublic,
    createdAt: event.at,
    ...(event.data ? { data: event.data } : {}),
  }));
  return { groups, approvals, attachments, events };
}

const naturalKey = (s: { direction: string; title: string }) => `${s.direction} ${s.title}`;

/**
 * Creates the planned statements that do not exist yet (matched by direction and title, which are unique
 * within the demo data), oldest first so ids grow with time, then links replies and related statements.
 * Returns how many statements were added.
 */
export async function seedStatements(
  tx: Prisma.TransactionClient,
  dir: SeededDirectory,
  plans: readonly StatementPlan[],
): Promise<number> {
  const ids = new Map<string, number>();
  const titles = plans.map((p) => p.spec.title);
  const existing = await tx.statement.findMany({
    where: { title: { in: titles } },
    select: { id: true, title: true, direction: true },
  });
  for (const row of existing) ids.set(naturalKey(row), row.id);

  const missing = plans
    .filter((plan) => !ids.has(naturalKey(plan.spec)))
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  if (missing.length) {
    const created = await tx.statement.createManyAndReturn({
      data: missing.map((plan) => statementRow(plan, dir)),
      select: { id: true, title: true, direction: true },
    });
    for (const row of created) ids.set(naturalKey(row), row.id);
    const rows = missing.map((plan) => childRows(plan, idOf(ids, naturalKey(plan.spec)), dir));
    await tx.statementGroup.createMany({ data: rows.flatMap((r) => r.groups) });
    await tx.approval.createMany({ data: rows.flatMap((r) => r.approvals) });
    await tx.attachment.createMany({ data: rows.flatMap((r) => r.attachments) });
    await tx.statementEvent.createMany({ data: rows.flatMap((r) => r.events) });
  }

  const relations: Prisma.StatementRelationCreateManyInput[] = plans.flatMap((plan) => {
    const sourceId = idOf(ids, naturalKey(plan.spec));
    const target = (key: string) => {
      const spec = plans.find((p) => p.spec.key === key)?.spec;
      if (!spec) throw new Error(`Demo data: unknown statement key ${key}`);
      return idOf(ids, naturalKey(spec));
    };
    return [
      ...(plan.spec.respondsTo ?? []).map((key) => ({
        sourceId,
        targetId: target(key),
        relationship: "responds_to" as const,
      })),
      ...(plan.spec.relatedTo ?? []).map((key) => ({
        sourceId,
        targetId: target(key),
        relationship: "related_to" as const,
      })),
    ].map((relation) => ({ ...relation, createdAt: plan.createdAt }));
  });
  // A relation someone already made (or an earlier run made) is kept as it is.
  await tx.statementRelation.createMany({ data: relations, skipDuplicates: true });
  return missing.length;
}
