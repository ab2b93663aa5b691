import "server-only";
import { approverFor, demoPerson, roleGroupOf } from "./demo-directory";
import type { DemoStatement } from "./demo-types";
import { planEvents } from "./plan-events";
import type { PlannedApproval, StatementPlan, StatementTimeline } from "./plan-types";

/**
 * Turns a demo statement (final state + a few day offsets) into consistent dates, approvals, action
 * status and history, all relative to the seed's reference time. Pure: the seed only writes the result.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The UTC calendar day of `date`, as Prisma expects for a @db.Date column. */
function calendarDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

/** What the statement went through on its way to its final state. */
function stagesOf(spec: DemoStatement) {
  const reached = spec.state === "withdrawn" ? (spec.withdrawn?.from ?? "draft") : spec.state;
  const order = ["draft", "pending", "approved", "posted"];
  const index = order.indexOf(reached);
  return { isSubmitted: index >= 1, isApproved: index >= 2, isPosted: index >= 3 };
}

export function planTimeline(spec: DemoStatement, now: Date): StatementTimeline {
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY);
  const createdAt = at(spec.createdDaysAgo);
  const { isSubmitted, isApproved, isPosted } = stagesOf(spec);
  const timeline: StatementTimeline = { createdAt };
  if (spec.direction === "outgoing") {
    if (isSubmitted && !spec.returned) timeline.submittedAt = new Date(createdAt.getTime() + 4 * HOUR);
    if (isApproved && timeline.submittedAt) {
      timeline.approvedAt = new Date(timeline.submittedAt.getTime() + (spec.approvalLagDays ?? 2) * DAY);
    }
    // Approval posts at once (docs/domain.md "States" (approve)), a couple of minutes later when the mail is queued.
    if (isPosted && timeline.approvedAt) timeline.postedAt = new Date(timeline.approvedAt.getTime() + 2 * 60_000);
  } else {
    // Incoming statements usually arrive a day before the LM records them.
    timeline.receivedOn = calendarDay(new Date(createdAt.getTime() - DAY));
    if (isSubmitted) timeline.submittedAt = new Date(createdAt.getTime() + 20 * 60_000);
    // Whoever records an incoming statement posts it directly; "approved" is only the rare one a
    // coordinator checked and did not post yet.
    if (spec.state === "approved" && timeline.submittedAt) {
      timeline.approvedAt = new Date(timeline.submittedAt.getTime() + HOUR);
    }
    if (isPosted) timeline.postedAt = timeline.submittedAt;
  }
  if (spec.withdrawn) timeline.withdrawnAt = at(spec.withdrawn.daysAgo);
  if (spec.deadlineInDays !== undefined) timeline.deadline = calendarDay(at(-spec.deadlineInDays));
  return timeline;
}

function planApprovals(spec: DemoStatement, timeline: StatementTimeline): PlannedApproval[] {
  if (spec.direction !== "outgoing" || !timeline.approvedAt) return [];
  const approvedAt = timeline.approvedAt;
  return spec.from.map((group) => {
    if (spec.approvedOnBehalfBy) {
      const role = demoPerson(spec.approvedOnBehalfBy).roles[0]?.role ?? "secretariat";
      const roleGroup = roleGroupOf(spec.approvedOnBehalfBy, role);
      return { group, approver: spec.approvedOnBehalfBy, role, roleGroup, onBehalf: true, at: approvedAt };
    }
    const { email, role, roleGroup } = approverFor(group);
    return { group, approver: email, role, roleGroup, onBehalf: false, at: approvedAt };
  });
}

/** Plans every statement; replies are needed to close the action of the statements they answer. */
export function planStatements(specs: readonly DemoStatement[], now: Date): StatementPlan[] {
  // The seed finds existing statements by direction + title, and relations by key: both must be unique.
  for (const id of [(s: DemoStatement) => s.key, (s: DemoStatement) => `${s.direction} ${s.title}`]) {
    const seen = new Set<string>();
    for (const spec of specs) {
      if (seen.has(id(spec))) throw new Error(`Demo data: duplicate statement ${id(spec)}`);
      seen.add(id(spec));
    }
  }
  const timelines = new Map(specs.map((spec) => [spec.key, planTimeline(spec, now)]));
  const timelineOf = (key: string) => {
    const timeline = timelines.get(key);
    if (!timeline) throw new Error(`Demo data: unknown statement key ${key}`);
    return timeline;
  };
  return specs.map((spec) => {
    const timeline = timelineOf(spec.key);
    for (const key of [...(spec.respondsTo ?? []), ...(spec.relatedTo ?? [])]) timelineOf(key);
    const isOpenForAction = spec.purpose === "action" && spec.state === "posted";
    const closedBy = isOpenForAction
      ? specs.find((other) => other.state === "posted" && other.respondsTo?.includes(spec.key))
      : undefined;
    const actionTakenAt = closedBy
      ? timelineOf(closedBy.key).postedAt
      : isOpenForAction && spec.actionTaken
        ? new Date(now.getTime() - spec.actionTaken.daysAgo * DAY)
        : undefined;
    const plan: StatementPlan = {
      spec,
      ...timeline,
      submitterRoleGroup: roleGroupOf(spec.submitter, spec.submitterRole),
      approvals: planApprovals(spec, timeline),
      actionStatus: !isOpenForAction ? "none" : actionTakenAt ? "taken" : "needed",
      actionTakenAt,
      assignee: isOpenForAction ? (spec.assignee ?? spec.submitter) : undefined,
      closedBy,
      events: [],
    };
    plan.events = planEvents(plan);
    return plan;
  });
}
