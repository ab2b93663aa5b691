import "server-only";
import { type ComposedMail, type StatementMailView, statementBlock } from "@/server/mail/compose";

export interface ReminderFacts {
  view: StatementMailView;
  /** whole days from today to the deadline: negative once overdue */
  daysLeft: number;
  /** who the action is assigned to, if anyone */
  assigneeName: string | null;
  /** the 4th overdue reminder: no more will follow (issue 15) */
  isLast?: boolean;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
const groupNames = (groups: StatementMailView["to"]) => groups.map((g) => g.name).join(", ");

/** "3 days left", "due today", "overdue by 9 days" — also the reminder's history entry. */
export function timing(daysLeft: number): string {
  if (daysLeft > 0) return `${plural(daysLeft, "day")} left`;
  if (daysLeft === 0) return "due today";
  return `overdue by ${plural(-daysLeft, "day")}`;
}

/** The deadline reminder: when, what to do and where, then the full statement like every mail. */
export function reminderMail({ view, daysLeft, assigneeName, isLast = false }: ReminderFacts): ComposedMail {
  const deadline = view.deadline ?? "(no deadline)";
  const subject =
    daysLeft >= 0
      ? `Reminder: action needed by ${deadline} on "${view.title}"`
      : `${isLast ? "Last reminder: overdue" : "Overdue"} since ${deadline}: action needed on "${view.title}"`;
  const intro =
    view.direction === "incoming"
      ? [
          `${groupNames(view.from)} asked ${groupNames(view.to)} for action on this liaison statement.`,
          `Deadline: ${deadline} (${timing(daysLeft)}).`,
          `Assigned to: ${assigneeName ?? "nobody yet"}.`,
          "",
          `When the action is done, open ${view.url} and use "Mark action taken" with a short note`,
          `of what was done. Answering with "Reply" there closes it too, once the reply is posted.`,
        ]
      : [
          `This liaison statement asked ${groupNames(view.to)} for action, and no reply has been recorded yet.`,
          `Deadline: ${deadline} (${timing(daysLeft)}).`,
          ...(assigneeName ? [`Assigned to: ${assigneeName}.`] : []),
          "",
          `Please follow up with ${groupNames(view.to)}. When their reply arrives, record it as an`,
          `incoming "In response" statement to ${view.url}; that ends these reminders. A reply that came`,
          `another way (by mail, through the peer's portal): open ${view.url} and use "Mark reply received";`,
          `if none is expected any more, use "Close: no reply expected".`,
        ];
  const schedule = isLast
    ? [
        "This is the last reminder: none will follow. The liaison managers and the IAB liaison coordination",
        "address are copied so that the open action is not forgotten.",
      ]
    : ["Reminders come 14, 7, 3, 1 and 0 days before the deadline, then weekly while overdue, at most 4 times."];
  return {
    subject,
    body: [...intro, "", ...schedule, "", statementBlock(view)].join("\n"),
  };
}
