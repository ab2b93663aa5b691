import "server-only";
import { type ComposedMail, type StatementMailView, statementBlock } from "@/server/mail/compose";

/**
 * Issue 9: an incoming For-action statement was closed with "No reply will be sent". Its liaison managers
 * hear of it, so they can tell the peer informally. Pure.
 */
export function actionClosedMail(
  st: StatementMailView,
  closed: { by: string; note: string; link: string | null },
): ComposedMail {
  const peer = st.from.map((g) => `${g.name} (${g.acronym})`).join(", ");
  return {
    subject: `No reply will be sent: "${st.title}"`,
    body: [
      `${closed.by} marked the action of this incoming liaison statement as taken.`,
      `No reply will be sent to ${peer}.`,
      "",
      `What was done: ${closed.note}`,
      ...(closed.link ? [`Link: ${closed.link}`] : []),
      "",
      "You receive this as a liaison manager of the sending body, so that you can tell them informally.",
      "",
      statementBlock(st),
    ].join("\n"),
  };
}
