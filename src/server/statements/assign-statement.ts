import "server-only";
import { loadGroupIndex } from "@/server/authz/load";
import { can } from "@/server/authz/policy";
import type { Actor } from "@/server/authz/types";
import { inTransaction } from "@/server/db/transaction";
import { AppError, forbiddenError } from "@/server/errors";
import { queueMail } from "@/server/mail/outbox";
import { assignmentRecipients } from "@/server/mail/recipients";
import { assignmentMail } from "@/server/mail/workflow-mail";
import { assigneeCandidates } from "./assignee-candidates";
import { actorMailbox, personMailbox } from "./mailboxes";
import { mailView, toRef } from "./repository";
import { loadVisibleStatement } from "./visible-statement";

/**
 * Reassigns the action of a posted statement; the new assignee must be one of the candidates. Issue 15 §3: the
 * new assignee is mailed (the previous one copied) with the statement, its deadline and who assigned it.
 */
export async function assignStatement({ actor, id, assigneeId }: { actor: Actor; id: number; assigneeId: number }) {
  const groups = await loadGroupIndex();
  await inTransaction(async (tx) => {
    const row = await loadVisibleStatement(tx, actor, groups, id);
    if (!can(actor, "assign", toRef(row), groups)) throw forbiddenError("assign this statement");
    const candidates = await assigneeCandidates(tx, row, groups);
    const person = candidates.find((c) => c.id === assigneeId);
    if (!person)
      throw new AppError("VALIDATION", "Choose someone from the list.", {
        assigneeId: "This person cannot be assigned this statement.",
      });
    if (row.assigneeId === assigneeId) return;
    await tx.statement.update({ where: { id }, data: { assigneeId, version: { increment: 1 } } });
    await tx.statementEvent.create({
      data: {
        statementId: id,
        type: "assigned",
        actorId: actor.personId,
        text: `Assigned to ${person.name}${row.assignee ? ` (was ${row.assignee.name})` : ""}`,
      },
    });
    const to = await personMailbox(tx, person.id, person.name);
    const previous = row.assignee ? await personMailbox(tx, row.assignee.id, row.assignee.name) : null;
    if (!to && !previous) return;
    await queueMail(tx, {
      kind: "assignment",
      statementId: id,
      ...assignmentRecipients(to, previous, actorMailbox(actor)),
      ...assignmentMail(mailView(row), { assignee: person.name, previous: row.assignee?.name ?? null, by: actor.name }),
    });
  });
}
