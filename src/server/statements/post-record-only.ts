import "server-only";
import { can } from "@/server/authz/policy";
import type { Actor, GroupIndex } from "@/server/authz/types";
import { AppError, forbiddenError } from "@/server/errors";
import { recordApprovals } from "./approvals";
import { invalidStateMessage } from "./lifecycle";
import { postInTransaction } from "./post-statement";
import { findStatement, toRef } from "./repository";
import type { Tx } from "./transaction";
import { loadVisibleStatement, plainText } from "./visible-statement";

/**
 * Issue 15 §4: "Post without sending mail" (the Datatracker's "Post only"), with a required reason, e.g. "already
 * delivered through the 3GPP portal". Incoming drafts: whoever may record them. Outgoing statements not yet
 * posted: the Secretariat, whose approval on behalf is recorded for every From group still lacking one. The
 * history says so; no distribution mail (nor acknowledgement) is queued.
 */
export async function postRecordOnly(
  tx: Tx,
  actor: Actor | null,
  groups: GroupIndex,
  id: number,
  reason: string,
  now = new Date(),
) {
  const text = plainText(reason);
  if (!text) {
    throw new AppError("VALIDATION", "Give the reason.", {
      reason: "Say why no mail is sent (e.g. already delivered through the 3GPP portal).",
    });
  }
  const row = await loadVisibleStatement(tx, actor, groups, id);
  const startStates = row.direction === "incoming" ? ["draft"] : ["draft", "pending", "approved"];
  if (!startStates.includes(row.state)) throw new AppError("INVALID_STATE", invalidStateMessage("post", row.state));
  if (!can(actor, "postRecordOnly", toRef(row), groups))
    throw forbiddenError("post this statement without sending mail");
  if (row.direction === "outgoing") {
    const { count } = await tx.statement.updateMany({
      where: { id, state: { in: ["draft", "pending", "approved"] } },
      data: { state: "approved", submittedAt: row.submittedAt ?? now, approvedAt: now },
    });
    if (count !== 1) throw new AppError("INVALID_STATE", invalidStateMessage("post", "posted"));
    // An approval on behalf names how it was given (issue 15 §5): here, the Secretariat's record-only post and its reason.
    await recordApprovals(tx, row, actor!, groups, {
      onBehalf: true,
      onBehalfNote: `recorded with the post without sending mail: ${text}`,
    });
  }
  const current = await findStatement(tx, id);
  if (!current) throw new AppError("NOT_FOUND", "No such statement.");
  await postInTransaction(tx, current, actor!.personId, now, { reason: text });
}
