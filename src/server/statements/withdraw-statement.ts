import "server-only";
import { loadGroupIndex } from "@/server/authz/load";
import { can } from "@/server/authz/policy";
import type { Actor, GroupIndex } from "@/server/authz/types";
import { inTransaction, type Tx } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import { findStatement, toRef } from "./repository";
import { changeState, loadForTransition } from "./state-change";

export interface WithdrawInput {
  actor: Actor;
  id: number;
  reason: string;
  /** the statement that replaces this one ("Replaced by", issue 16): one the actor may see, not withdrawn */
  replacedBy?: number;
  now?: Date;
}

/**
 * Any non-posted statement by those who may edit it; a posted one by the Secretariat only. Never deleted.
 * A named replacement is recorded as a related_to relation (so both pages list it) and in the event's data
 * (so the banner links that one, not a guess: visible-relations.ts replacementOf).
 */
export async function withdrawStatement({ actor, id, reason, replacedBy, now = new Date() }: WithdrawInput) {
  const text = reason.trim();
  if (!text) throw new AppError("VALIDATION", "Give a reason.", { reason: "Enter the reason for withdrawing it." });
  const groups = await loadGroupIndex();
  await inTransaction(async (tx) => {
    const row = await loadForTransition(tx, actor, groups, id, "withdraw");
    if (replacedBy !== undefined) await checkReplacement(tx, actor, groups, id, replacedBy);
    await changeState(tx, row, "withdraw", {
      withdrawnAt: now,
      withdrawnReason: text,
      ...(row.actionStatus === "needed" ? { actionStatus: "none" } : {}),
    });
    if (replacedBy !== undefined) {
      const existing = await tx.statementRelation.findFirst({
        where: {
          relationship: "related_to",
          OR: [
            { sourceId: id, targetId: replacedBy },
            { sourceId: replacedBy, targetId: id },
          ],
        },
      });
      if (!existing)
        await tx.statementRelation.create({ data: { sourceId: id, targetId: replacedBy, relationship: "related_to" } });
    }
    await tx.statementEvent.create({
      data: {
        statementId: id,
        type: "withdrawn",
        actorId: actor.personId,
        text: `Withdrawn: ${text}`,
        ...(replacedBy !== undefined ? { data: { replacedBy } } : {}),
      },
    });
  });
}

/** Issue 16: the replacement is a statement the actor may see, not this one, and not withdrawn itself. */
async function checkReplacement(tx: Tx, actor: Actor, groups: GroupIndex, id: number, replacedBy: number) {
  const refuse = (message: string) => new AppError("VALIDATION", message, { replacedBy: message });
  if (replacedBy === id) throw refuse("A statement cannot replace itself: choose the statement that replaces it.");
  const target = await findStatement(tx, replacedBy);
  if (!target || !can(actor, "view", toRef(target), groups)) {
    throw refuse(`Statement ${replacedBy} does not exist or is not visible to you.`);
  }
  if (target.state === "withdrawn") {
    throw refuse(`“${target.title}” is withdrawn itself: choose the statement that replaces this one.`);
  }
}
