import "server-only";
import { loadGroupIndex } from "@/server/authz/load";
import { can } from "@/server/authz/policy";
import type { Actor } from "@/server/authz/types";
import { inTransaction } from "@/server/db/transaction";
import { AppError, forbiddenError } from "@/server/errors";
import { toRef } from "./repository";
import { loadVisibleStatement, plainText } from "./visible-statement";

export type ReplyOutcome = "reply_received" | "no_reply_expected";

export interface CloseAwaitedReplyInput {
  actor: Actor;
  id: number;
  outcome: ReplyOutcome;
  /** required for "reply received" (what came back, and how); optional for "no reply expected" */
  note: string;
  link?: string | null;
  now?: Date;
}

/**
 * Issue 15 §3: an outgoing For-action statement ends without an incoming reply — "Mark reply received" (a
 * reply that came by mail or through the peer's portal) or "Close: no reply expected". Its action status
 * becomes taken, so its reminders stop (reminders/send-reminders.ts), with a public history entry.
 */
export async function closeAwaitedReply(input: CloseAwaitedReplyInput): Promise<void> {
  const { actor, id, now = new Date() } = input;
  const note = plainText(input.note);
  if (input.outcome === "reply_received" && !note) {
    throw new AppError("VALIDATION", "Say what reply came.", {
      note: "Enter a short note on the reply (what came, and how).",
    });
  }
  const groups = await loadGroupIndex();
  await inTransaction(async (tx) => {
    const row = await loadVisibleStatement(tx, actor, groups, id);
    if (row.direction !== "outgoing" || row.purpose !== "action" || row.state !== "posted") {
      throw new AppError("INVALID_STATE", "Only a posted outgoing For-action statement awaits a reply.");
    }
    const answered = row.relationsTo.find((r) => r.relationship === "responds_to" && r.source.state === "posted");
    if (answered) throw new AppError("INVALID_STATE", `The reply is already recorded: "${answered.source.title}".`);
    if (row.actionStatus === "taken" || row.actionStatus === "unknown_imported") {
      throw new AppError("INVALID_STATE", "This statement no longer awaits a reply.");
    }
    if (!can(actor, "closeAwaitedReply", toRef(row), groups))
      throw forbiddenError("close the awaited reply of this statement");
    const { count } = await tx.statement.updateMany({
      where: { id, state: "posted", direction: "outgoing", actionStatus: { notIn: ["taken", "unknown_imported"] } },
      data: { actionStatus: "taken", actionTakenAt: now, version: { increment: 1 } },
    });
    if (count !== 1) throw new AppError("INVALID_STATE", "This statement no longer awaits a reply.");
    const link = input.link?.trim() || null;
    const detail = `${note}${link ? ` (${link})` : ""}`;
    const text =
      input.outcome === "reply_received"
        ? `Reply received: ${detail}`
        : `Closed: no reply expected${detail ? ` — ${detail}` : ""}`;
    await tx.statementEvent.create({
      data: {
        statementId: id,
        type: "action_taken",
        actorId: actor.personId,
        text,
        data: { outcome: input.outcome, note, link },
        createdAt: now,
      },
    });
  });
}
