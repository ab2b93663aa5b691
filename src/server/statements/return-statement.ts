import "server-only";
import { loadGroupIndex } from "@/server/authz/load";
import type { Actor } from "@/server/authz/types";
import { inTransaction } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import { returnedMail } from "@/server/mail/compose";
import { queueMail } from "@/server/mail/outbox";
import { returnedRecipients } from "@/server/mail/recipients";
import { mailView } from "./repository";
import { changeState, loadForTransition } from "./state-change";

export interface ReturnInput {
  actor: Actor;
  id: number;
  /** the version the approver reviewed */
  version: number;
  comment: string;
}

/** pending → draft with a required comment, mailed to the submitter; earlier approvals are void. Bound to `version` like approval. */
export async function returnStatement({ actor, id, version, comment }: ReturnInput) {
  const text = comment.trim();
  if (!text)
    throw new AppError("VALIDATION", "Say why it is returned.", { comment: "Enter a comment for the submitter." });
  const groups = await loadGroupIndex();
  await inTransaction(async (tx) => {
    const row = await loadForTransition(tx, actor, groups, id, "return", version);
    await changeState(tx, row, "return", { submittedAt: null });
    await tx.approval.deleteMany({ where: { statementId: id } });
    await tx.statementEvent.create({
      data: {
        statementId: id,
        type: "returned",
        actorId: actor.personId,
        text: `Returned to the submitter: ${text}`,
        isPublic: false,
      },
    });
    const submitter = row.submitter.emails[0]?.address;
    if (submitter) {
      await queueMail(tx, {
        kind: "returned",
        statementId: id,
        ...returnedRecipients(`${row.submitter.name} <${submitter}>`, `${actor.name} <${actor.email}>`),
        ...returnedMail(mailView(row), actor.name, text),
      });
    }
  });
}
