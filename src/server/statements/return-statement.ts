import "server-only";
import type { Actor, GroupIndex } from "@/server/authz/types";
import { AppError } from "@/server/errors";
import { returnedMail } from "@/server/mail/compose";
import { queueMail } from "@/server/mail/outbox";
import { returnedRecipients } from "@/server/mail/recipients";
import { mailView } from "./repository";
import { changeState, loadForTransition } from "./state-change";
import type { Tx } from "./transaction";

/** pending → draft with a required comment, mailed to the submitter; earlier approvals are void. Bound to `seenVersion` like approval. */
export async function returnStatement(
  tx: Tx,
  actor: Actor | null,
  groups: GroupIndex,
  id: number,
  seenVersion: number,
  comment: string,
) {
  const text = comment.trim();
  if (!text)
    throw new AppError("VALIDATION", "Say why it is returned.", { comment: "Enter a comment for the submitter." });
  const row = await loadForTransition(tx, actor, groups, id, "return", seenVersion);
  await changeState(tx, row, "return", { submittedAt: null });
  await tx.approval.deleteMany({ where: { statementId: id } });
  await tx.statementEvent.create({
    data: {
      statementId: id,
      type: "returned",
      actorId: actor!.personId,
      text: `Returned to the submitter: ${text}`,
      isPublic: false,
    },
  });
  const submitter = row.submitter.emails[0]?.address;
  if (submitter) {
    await queueMail(tx, {
      kind: "returned",
      statementId: id,
      ...returnedRecipients(`${row.submitter.name} <${submitter}>`, `${actor!.name} <${actor!.email}>`),
      ...returnedMail(mailView(row), actor!.name, text),
    });
  }
}
