import "server-only";
import { daysBetween } from "@/lib/dates";

/**
 * The deadline-reminder schedule (docs/domain.md "Mail" → Deadline reminders). Pure: no clock, no I/O.
 *
 * Milestones, on UTC calendar days relative to the deadline (a `@db.Date`, UTC midnight):
 *   `d-14`, `d-7`, `d-3`, `d-1`, `d-0` — 14, 7, 3, 1 and 0 days before;
 *   `overdue-1w` … `overdue-4w` — 7, 14, 21 and 28 days after; then none (issue 15: reminders end). The
 *   4th is the last and says so (`isLast`).
 *
 * Rule: on any day, the milestone due is the LATEST one whose day has come (today included). The caller
 * sends it unless that key was sent before, so each milestone goes out at most once, and a worker that was
 * down for a while sends only the most recent missed milestone, once, never a burst of stale ones
 * (down from d-8 to d-2 → on d-2 it sends `d-3`, then `d-1` the next day as usual).
 * Milestones whose day precedes the day the statement was posted are never due: the distribution mail
 * just told everyone (posted 10 days before → first reminder `d-7`; posted 10 days late → `overdue-2w`).
 * A milestone more than STALE_AFTER_DAYS old is never sent late (issue 15): a worker that was down longer,
 * or a server started on an archive full of long-past deadlines, sends nothing for them — so a deadline
 * more than OLDEST_DEADLINE_DAYS (28 + 7) days past can never cause mail, and the scan skips it.
 */
export interface Milestone {
  /** stable, used in the mail's dedupe key: `d-7`, `d-0`, `overdue-2w` */
  key: string;
  /** the milestone's day relative to the deadline: negative before, positive after */
  offsetDays: number;
  /** the 4th overdue reminder: no more come after it */
  isLast: boolean;
}

/** Days before the deadline that get a reminder, latest last. */
export const DAYS_BEFORE_DEADLINE = [14, 7, 3, 1, 0] as const;
/** While overdue, a reminder every this many days after the deadline… */
export const OVERDUE_EVERY_DAYS = 7;
/** …at most this many times. */
export const OVERDUE_REMINDERS = 4;
/** A milestone whose day is this many days past is no longer sent (late catch-up window). */
export const STALE_AFTER_DAYS = 7;
/** Deadlines further back than this can never have a milestone due: the reminder scan ignores them. */
export const OLDEST_DEADLINE_DAYS = OVERDUE_REMINDERS * OVERDUE_EVERY_DAYS + STALE_AFTER_DAYS;

/** The latest milestone on or before `offsetDays` (days after the deadline; negative = before). */
export function latestMilestone(offsetDays: number): Milestone | null {
  if (offsetDays >= OVERDUE_EVERY_DAYS) {
    const weeks = Math.min(OVERDUE_REMINDERS, Math.floor(offsetDays / OVERDUE_EVERY_DAYS));
    return { key: `overdue-${weeks}w`, offsetDays: weeks * OVERDUE_EVERY_DAYS, isLast: weeks === OVERDUE_REMINDERS };
  }
  let latest: Milestone | null = null;
  for (const before of DAYS_BEFORE_DEADLINE) {
    if (-before <= offsetDays) latest = { key: `d-${before}`, offsetDays: -before, isLast: false };
  }
  return latest;
}

export interface ScheduleFacts {
  deadline: Date;
  now: Date;
  /** when the statement was posted; milestones before that day are skipped */
  postedAt?: Date | null;
}

/** The milestone to remind of on `now`'s day, or null when none is due (see the rule above). */
export function dueMilestone({ deadline, now, postedAt }: ScheduleFacts): Milestone | null {
  const offsetDays = daysBetween(deadline, now);
  const milestone = latestMilestone(offsetDays);
  if (!milestone) return null;
  if (offsetDays - milestone.offsetDays >= STALE_AFTER_DAYS) return null;
  if (postedAt && daysBetween(postedAt, deadline) + milestone.offsetDays < 0) return null;
  return milestone;
}

/** Every milestone in order: d-14 … d-0, overdue-1w … overdue-4w. */
export function allMilestones(): Milestone[] {
  const before = DAYS_BEFORE_DEADLINE.map((d) => ({ key: `d-${d}`, offsetDays: -d, isLast: false }));
  const overdue = Array.from({ length: OVERDUE_REMINDERS }, (_, i) => ({
    key: `overdue-${i + 1}w`,
    offsetDays: (i + 1) * OVERDUE_EVERY_DAYS,
    isLast: i + 1 === OVERDUE_REMINDERS,
  }));
  return [...before, ...overdue];
}

/**
 * The day of the next reminder for a statement still awaiting action (shown on its page): the first
 * milestone after today, on or after the posting day; null when none is left (the 4th overdue one went).
 */
export function nextReminderDay({ deadline, now, postedAt }: ScheduleFacts): Date | null {
  const today = daysBetween(deadline, now);
  const posted = postedAt ? daysBetween(deadline, postedAt) : Number.NEGATIVE_INFINITY;
  const next = allMilestones().find((m) => m.offsetDays > today && m.offsetDays >= posted);
  return next
    ? new Date(Date.UTC(deadline.getUTCFullYear(), deadline.getUTCMonth(), deadline.getUTCDate() + next.offsetDays))
    : null;
}

/**
 * Whether a statement is still waiting for action, so deadline reminders concern it — the same rule as
 * send-reminders.ts's AWAITING_ACTION query (its SQL twin), for a statement already loaded (the statement page's
 * "Deadline reminders" line). Posted For-action statements with a deadline: incoming ones whose action is needed;
 * outgoing ones not answered (no posted statement responds to them) whose action is neither taken nor unknown
 * (imported). Imported statements never get reminders.
 */
export function awaitsAction(statement: {
  state: string;
  purpose: string | null;
  deadline: Date | null;
  direction: "incoming" | "outgoing";
  actionStatus: string;
  isImported?: boolean;
  relationsTo: { relationship: string; source: { state: string } }[];
}): boolean {
  if (statement.state !== "posted" || statement.purpose !== "action" || !statement.deadline) return false;
  if (statement.direction === "incoming") return statement.actionStatus === "needed";
  const answered = statement.relationsTo.some((r) => r.relationship === "responds_to" && r.source.state === "posted");
  return !answered && statement.actionStatus !== "taken" && statement.actionStatus !== "unknown_imported";
}
