import "server-only";
import { loadGroupIndex } from "@/server/authz/load";
import type { Actor } from "@/server/authz/types";
import { inTransaction } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import { recordApprovals } from "./approvals";
import { postInTransaction } from "./post-statement";
import { loadForTransition } from "./state-change";
import { plainText } from "./visible-statement";

export interface PostRecordOnlyInput {
  actor: Actor;
  id: number;
  /** why no mail is sent, e.g. "already delivered through the 3GPP portal" */
  reason: string;
  now?: Date;
}

/**
 * Issue 15 §4: "Post without sending mail" (the Datatracker's "Post only"), with a required reason, e.g. "already
 * delivered through the 3GPP portal". Incoming drafts: whoever may record them. Outgoing statements not yet
 * posted: the Secretariat, whose approval on behalf is recorded for every From group still lacking one. The
 * history says so; no distribution mail (nor acknowledgement) is queued.
 */
export async function postRecordOnly({ actor, id, reason, now = new Date() }: PostRecordOnlyInput) {
  const text = plainText(reason);
  if (!text) {
    throw new AppError("VALIDATION", "Give the reason.", {
      reason: "Say why no mail is sent (e.g. already delivered through the 3GPP portal).",
    });
  }
  const groups = await loadGroupIndex();
  await inTransaction(async (tx) => {
    const row = await loadForTransition(tx, actor, groups, id, "postRecordOnly");
    if (row.direction === "outgoing") {
      // An approval on behalf names how it was given (issue 15 §5): here, the Secretariat's record-only post and its reason.
      await recordApprovals(tx, row, actor, groups, {
        onBehalf: true,
        onBehalfNote: `recorded with the post without sending mail: ${text}`,
      });
    }
    await postInTransaction(tx, row, actor.personId, now, { reason: text });
  });
}
