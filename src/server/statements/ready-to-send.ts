import "server-only";
import { AppError } from "@/server/errors";
import { missingForSubmission, pastDeadlineProblem } from "./completeness";
import { type StatementRow, toGroups } from "./repository";

/**
 * Issue 15 §2: a draft may be incomplete; it leaves the draft state (Submit, or Post for incoming) only when
 * every RFC 4053bis field is there, and — outgoing — its For-action deadline is not already past (incoming:
 * only once "record it anyway" is confirmed). Throws VALIDATION with the same field messages as the form.
 */
export function assertReadyToSend(
  row: StatementRow,
  options: { confirmPastDeadline?: boolean } = {},
  now = new Date(),
) {
  const missing = missingForSubmission({
    to: toGroups(row).map((g) => g.id),
    fromContact: row.fromContact,
    toContact: row.toContact,
    purpose: row.purpose,
    deadline: row.deadline,
    respondsTo: row.relationsFrom.filter((r) => r.relationship === "responds_to").map((r) => r.targetId),
    hasContent: !!row.body.trim() || row.attachments.some((a) => !a.removedAt),
  });
  const pastDeadline = pastDeadlineProblem(
    row.direction,
    row.purpose,
    row.deadline,
    !!options.confirmPastDeadline,
    now,
  );
  const problems = { ...(pastDeadline ? { deadline: pastDeadline } : {}), ...missing };
  if (Object.keys(problems).length === 0) return;
  const summary =
    missing && Object.keys(missing).length
      ? "Complete the statement before sending it."
      : (pastDeadline ?? "Check the deadline.");
  throw new AppError("VALIDATION", summary, problems);
}
