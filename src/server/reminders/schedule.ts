import "server-only";
import { daysBetween } from "@/lib/dates";

/**
 * The deadline-reminder schedule (DOMAIN.md "Mail" → Deadline reminders). Pure: no clock, no I/O.
 *
 * Milestones, on UTC calendar days relative to the deadline (a `@db.Date`, UTC midnight):
 *   `d-14`, `d-7`, `d-3`, `d-1`, `d-0` — 14, 7, 3, 1 and 0 days before;
 *   `overdue-1w`, `overdue-2w`, … — 7, 14, … days after, for as long as the action stays open.
 *
 * Rule: on any day, the milestone due is the LATEST one whose day has come (today included). The caller
 * sends it unless that key was sent before, so each milestone goes out at most once, and a worker that was
 * down for a while sends only the most recent missed milestone, once, never a burst of stale ones
 * (down from d-8 to d-2 → on d-2 it sends `d-3`, then `d-1` the next day as usual).
 * Milestones whose day precedes the day the statement was posted are never due: the distribution mail
 * just told everyone (posted 10 days before → first reminder `d-7`; posted 10 days late → `overdue-2w`).
 */
export interface Milestone {
  /** stable, used in the mail's dedupe key: `d-7`, `d-0`, `overdue-2w` */
  key: string;
  /** the milestone's day relative to the deadline: negative before, positive after */
  offsetDays: number;
}

/** Days before the deadline that get a reminder, latest last. */
export const DAYS_BEFORE_DEADLINE = [14, 7, 3, 1, 0] as const;
/** While overdue, a reminder every this many days after the deadline. */
export const OVERDUE_EVERY_DAYS = 7;

/** The latest milestone on or before `offsetDays` (days after the deadline; negative = before). */
export function latestMilestone(offsetDays: number): Milestone | null {
  if (offsetDays >= OVERDUE_EVERY_DAYS) {
    const weeks = Math.floor(offsetDays / OVERDUE_EVERY_DAYS);
    return { key: `overdue-${weeks}w`, offsetDays: weeks * OVERDUE_EVERY_DAYS };
  }
  let latest: Milestone | null = null;
  for (const before of DAYS_BEFORE_DEADLINE) {
    if (-before <= offsetDays) latest = { key: `d-${before}`, offsetDays: -before };
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
  const milestone = latestMilestone(daysBetween(deadline, now));
  if (!milestone) return null;
  if (postedAt && daysBetween(postedAt, deadline) + milestone.offsetDays < 0) return null;
  return milestone;
}
