import "server-only";
import { type ComposedMail, type StatementMailView, statementBlock } from "./compose";

/**
 * Mail of the daily workflow (issue 15): an action assigned, a comment on a pending statement. Pure. Comment
 * text is plain text, quoted as typed (never HTML: mail bodies are text/plain).
 */

/** "Assigning an action mails the new assignee (and the previous one) with the statement, its deadline and who assigned it." */
export function assignmentMail(
  st: StatementMailView,
  facts: { assignee: string; previous: string | null; by: string },
): ComposedMail {
  const deadline = st.deadline ?? "(no deadline)";
  return {
    subject: `Action assigned to ${facts.assignee}: "${st.title}" (deadline ${deadline})`,
    body: [
      `${facts.by} assigned the action on this liaison statement to ${facts.assignee}${facts.previous ? ` (previously ${facts.previous})` : ""}.`,
      `Deadline: ${deadline}.`,
      "",
      `When it is done, open ${st.url} and use "Mark action taken" with a short note of what was done.`,
      "",
      statementBlock(st),
    ].join("\n"),
  };
}

/** A comment on a pending statement, to its submitter and approvers. */
export function commentMail(
  st: StatementMailView,
  facts: { by: string; text: string; isStaffOnly: boolean },
): ComposedMail {
  const quoted = facts.text.split("\n").map((line) => `> ${line}`);
  return {
    subject: `Comment on "${st.title}" (waiting for approval)`,
    body: [
      `${facts.by} commented on this liaison statement, which is waiting for approval${facts.isStaffOnly ? " (staff-only comment: not shown publicly)" : ""}:`,
      "",
      ...quoted,
      "",
      `Answer or act at ${st.url}.`,
      "",
      statementBlock(st),
    ].join("\n"),
  };
}
