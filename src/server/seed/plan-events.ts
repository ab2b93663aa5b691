import "server-only";
import { demoPerson, describeRole } from "./demo-directory";
import type { PlannedEvent, StatementPlan } from "./plan-types";

const MINUTE = 60_000;
const later = (date: Date, minutes: number) => new Date(date.getTime() + minutes * MINUTE);
const nameOf = (email: string) => demoPerson(email).name;
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** The history that leads to the plan's final state, in time order. */
export function planEvents(plan: StatementPlan): PlannedEvent[] {
  const { spec } = plan;
  const events: PlannedEvent[] = [];
  const add = (event: Omit<PlannedEvent, "isPublic"> & { isPublic?: boolean }) =>
    events.push({ isPublic: true, ...event });

  add({
    type: "created",
    actor: spec.submitter,
    at: plan.createdAt,
    text: spec.imported
      ? "Imported from the IETF Datatracker"
      : spec.direction === "incoming"
        ? `Recorded by ${nameOf(spec.submitter)} as ${describeRole(spec.submitterRole, plan.submitterRoleGroup)}`
        : "Draft created",
    ...(spec.imported ? { data: { imported: true, source: "datatracker" } } : {}),
  });
  for (const [i, attachment] of (spec.attachments ?? []).entries()) {
    add({
      type: "attachment_added",
      actor: spec.submitter,
      at: later(plan.createdAt, 5 + i),
      text: `Added attachment "${attachment.title}" (${attachment.filename})`,
    });
  }
  if (spec.returned) {
    const { by, comment } = spec.returned;
    add({ type: "submitted", actor: spec.submitter, at: later(plan.createdAt, 240), text: "Submitted for approval" });
    add({
      type: "returned",
      actor: by,
      at: new Date(plan.createdAt.getTime() + (spec.createdDaysAgo - spec.returned.daysAgo) * 86_400_000),
      text: `Returned to the submitter by ${nameOf(by)}: ${comment}`,
      isPublic: false,
    });
  }
  if (plan.submittedAt && plan.submittedAt.getTime() !== plan.postedAt?.getTime()) {
    add({
      type: "submitted",
      actor: spec.submitter,
      at: plan.submittedAt,
      text:
        spec.direction === "outgoing"
          ? "Submitted for approval"
          : "Submitted for review by the IAB liaison coordinator",
    });
  }
  for (const approval of plan.approvals) {
    const as = describeRole(approval.role, approval.roleGroup);
    const behalf = approval.onBehalf ? ` on behalf of the approver of ${approval.group}` : "";
    add({
      type: "approved",
      actor: approval.approver,
      at: approval.at,
      text: `Approved by ${nameOf(approval.approver)} as ${as}${behalf}`,
      data: { group: approval.group },
    });
  }
  if (plan.postedAt) {
    add({
      type: "posted",
      actor: spec.direction === "incoming" ? spec.submitter : undefined,
      at: plan.postedAt,
      text: spec.imported
        ? "Posted (imported record)"
        : spec.direction === "incoming"
          ? "Posted"
          : "Posted; distribution mail queued",
    });
  }
  if (plan.actionStatus !== "none" && plan.postedAt && plan.assignee) {
    add({
      type: "action_needed",
      at: plan.postedAt,
      text: `Action needed by ${plan.deadline ? isoDay(plan.deadline) : "(no deadline)"}; assigned to ${nameOf(spec.submitter)}`,
    });
    if (plan.assignee !== spec.submitter) {
      add({
        type: "assigned",
        actor: spec.submitter,
        at: later(plan.postedAt, 90),
        text: `Assigned to ${nameOf(plan.assignee)}`,
        isPublic: false,
      });
    }
  }
  if (plan.actionTakenAt) {
    add(
      plan.closedBy
        ? { type: "action_taken", at: plan.actionTakenAt, text: `Action taken: reply "${plan.closedBy.title}" posted` }
        : {
            type: "action_taken",
            actor: spec.actionTaken?.by,
            at: plan.actionTakenAt,
            text: `Action taken: ${spec.actionTaken?.note ?? ""}`,
          },
    );
  }
  if (spec.withdrawn && plan.withdrawnAt) {
    add({
      type: "withdrawn",
      actor: spec.withdrawn.by,
      at: plan.withdrawnAt,
      text: `Withdrawn: ${spec.withdrawn.reason}`,
    });
  }
  return events.sort((a, b) => a.at.getTime() - b.at.getTime());
}
