import "server-only";
import { checkUploadBudget } from "@/server/attachments/budget";
import { loadGroupIndex } from "@/server/authz/load";
import { can, enteringRole, mayEnterAny, roleKey } from "@/server/authz/policy";
import type { Actor, GroupIndex } from "@/server/authz/types";
import { inTransaction, type Tx } from "@/server/db/transaction";
import { AppError, forbiddenError } from "@/server/errors";
import { reopenApprovals } from "./approvals";
import { insertAttachmentRows, prepareAttachment, storeAttachments } from "./attachments";
import { missingForSubmission } from "./completeness";
import { findStatement, fromGroups, toGroups, toRef } from "./repository";
import type { StatementFormInput } from "./schema";

const DIFFED = [
  "title",
  "purpose",
  "deadline",
  "body",
  "fromContact",
  "fromLiaisonContact",
  "toContact",
  "toLiaisonContact",
  "otherIdentifiers",
  "consensus",
  "receivedOn",
] as const;

// Line endings do not count: a browser sends a textarea's line breaks back as CRLF, and saving the edit form
// without touching the body must not record "Changed body" (issue 16).
const comparable = (v: unknown) =>
  v instanceof Date
    ? v.toISOString().slice(0, 10)
    : Array.isArray(v)
      ? v.join(", ")
      : typeof v === "string"
        ? v.replace(/\r\n?/g, "\n")
        : (v ?? null);

/**
 * Creates a draft (a Title and a From group are enough, issue 15 §2), or saves changes to a statement the actor may edit (draft/pending: submitter,
 * approvers, staff; posted: staff — recorded with a field diff). Checks every group and relation on the
 * server: the form's choices are a convenience, not a permission.
 */
export async function saveStatement(input: SaveInput): Promise<number> {
  const groups = await loadGroupIndex();
  return inTransaction((tx) => saveInTransaction(tx, groups, input));
}

export interface SaveInput {
  actor: Actor;
  /** the statement form, parsed (its `intent` is the caller's: this saves only) */
  input: StatementFormInput;
}

/** Internal to the statement use-cases: saveStatement inside the caller's transaction (the form's save + submit/post). */
export async function saveInTransaction(tx: Tx, groups: GroupIndex, { actor, input }: SaveInput): Promise<number> {
  const unknownSide = (["from", "to"] as const).filter((side) => input[side].some((id) => !groups.has(id)));
  if (unknownSide.length) {
    throw new AppError(
      "VALIDATION",
      "Unknown group.",
      Object.fromEntries(unknownSide.map((side) => [side, "One of the chosen groups does not exist."])),
    );
  }
  if (input.direction === "outgoing" && input.from.some((id) => groups.get(id)?.type === "rg")) {
    throw new AppError("VALIDATION", "Research groups do not send liaison statements.", {
      from: "Research groups do not send liaison statements (RFC 4053bis §1): choose an IETF or IAB group.",
    });
  }
  if (input.actingAs && !actor.roles.some((r) => roleKey(r) === input.actingAs)) {
    throw new AppError("VALIDATION", "Choose the role you act in.", {
      actingAs: "You do not hold the role that was sent: choose one of your roles under “Acting as”.",
    });
  }
  const role = enteringRole(actor, groups, input.direction, input.from, input.to, input.actingAs);
  if (input.actingAs && !role && enteringRole(actor, groups, input.direction, input.from, input.to)) {
    throw new AppError("VALIDATION", "Choose the role you act in.", {
      actingAs: "That role does not allow a statement between these groups: choose another.",
    });
  }
  if (!input.id && !mayEnterAny(actor, groups, input.direction)) {
    throw forbiddenError(input.direction === "incoming" ? "record incoming statements" : "enter outgoing statements");
  }

  const existing = input.id ? await findStatement(tx, input.id) : null;
  if (input.id && (!existing || !can(actor, "view", toRef(existing), groups)))
    throw new AppError("NOT_FOUND", "No such statement.");
  if (existing) {
    if (!can(actor, "edit", toRef(existing), groups)) throw forbiddenError("edit this statement");
    if (existing.direction !== input.direction)
      throw new AppError("VALIDATION", "The direction of a statement cannot change.");
    if (input.version !== undefined && input.version !== existing.version) {
      throw new AppError(
        "INVALID_STATE",
        "Someone else changed this statement while you were editing. Reload it to see their changes.",
      );
    }
  }
  const groupsChanged =
    !existing ||
    fromGroups(existing)
      .map((g) => g.id)
      .sort()
      .join() !== [...input.from].sort().join() ||
    toGroups(existing)
      .map((g) => g.id)
      .sort()
      .join() !== [...input.to].sort().join();
  if (groupsChanged && !role) {
    const names = (ids: number[]) => ids.map((id) => groups.get(id)?.acronym).join(", ");
    throw new AppError("VALIDATION", "You cannot enter a statement between these groups.", {
      from: `Your roles do not allow ${input.direction} statements from ${names(input.from)} to ${names(input.to)}.`,
    });
  }

  for (const targetId of input.respondsTo) {
    const target = await findStatement(tx, targetId);
    if (!target || !can(actor, "view", toRef(target), groups) || targetId === input.id) {
      throw new AppError("VALIDATION", "Unknown related statement.", {
        respondsTo: `Statement ${targetId} does not exist or is not visible to you.`,
      });
    }
  }
  const attachments = input.attachments.map((file, i) => prepareAttachment(file, input.attachmentTitles[i] ?? ""));
  // A draft may be incomplete (issue 15 §2: Submit/Post check the rest, ready-to-send.ts); a statement that
  // has left the draft state stays complete through every edit.
  if (existing && existing.state !== "draft") {
    const missing = missingForSubmission({
      to: input.to,
      fromContact: input.fromContact,
      toContact: input.toContact,
      purpose: input.purpose,
      deadline: input.deadline,
      respondsTo: input.respondsTo,
      hasContent: !!input.body.trim() || existing.attachments.some((a) => !a.removedAt) || attachments.length > 0,
    });
    if (Object.keys(missing).length)
      throw new AppError("VALIDATION", "A submitted statement must stay complete.", missing);
  }

  await checkUploadBudget(
    tx,
    actor.personId,
    attachments.reduce((sum, a) => sum + a.file.size, 0),
  );

  const fields = {
    title: input.title,
    purpose: input.purpose,
    deadline: input.deadline,
    body: input.body,
    fromContact: input.fromContact,
    fromLiaisonContact: input.fromLiaisonContact,
    toContact: input.toContact,
    toLiaisonContact: input.toLiaisonContact,
    otherIdentifiers: input.otherIdentifiers,
    consensus: input.consensus ?? null,
    receivedOn: input.direction === "incoming" ? input.receivedOn : null,
    sendAcknowledgement: input.direction === "incoming" ? input.sendAcknowledgement : false,
  };
  let id: number;
  let reopenAfterSave: string[] | null = null;
  if (existing) {
    id = existing.id;
    const changes = Object.fromEntries(
      DIFFED.filter((k) => JSON.stringify(comparable(existing[k])) !== JSON.stringify(comparable(fields[k]))).map(
        (k) => [k, { from: comparable(existing[k]), to: comparable(fields[k]) }],
      ),
    );
    const { count } = await tx.statement.updateMany({
      where: { id, version: existing.version },
      data: {
        ...fields,
        // The submitter's own edit may change the role they act in (issue 15, section 5).
        ...(role && existing.submitterId === actor.personId
          ? {
              submitterRole: role.role,
              submitterRoleGroupId: role.groupId,
              submitterRoleOrganizationId: role.organizationId,
            }
          : {}),
        version: { increment: 1 },
      },
    });
    if (count !== 1)
      throw new AppError("INVALID_STATE", "Someone else changed this statement at the same time. Reload it.");
    if (groupsChanged) {
      // The history shows which groups changed, old → new, like any other field (statements/history.ts).
      const acronyms = (ids: readonly number[]) => ids.map((gid) => groups.get(gid)?.acronym ?? String(gid)).join(", ");
      for (const [key, before, after] of [
        ["fromGroups", fromGroups(existing).map((g) => g.id), input.from],
        ["toGroups", toGroups(existing).map((g) => g.id), input.to],
      ] as const) {
        if (acronyms(before) !== acronyms(after)) changes[key] = { from: acronyms(before), to: acronyms(after) };
      }
    }
    const changed = [
      ...Object.keys(changes).filter((k) => !k.endsWith("Groups")),
      ...(groupsChanged ? ["groups"] : []),
    ];
    if (changed.length || attachments.length) {
      await tx.statementEvent.create({
        data: {
          statementId: id,
          type: "edited",
          actorId: actor.personId,
          text: changed.length ? `Changed ${changed.join(", ")}` : "Added attachments",
          data: changes,
          // Edits of a posted statement are part of its public record; draft edits are not.
          isPublic: existing.state === "posted",
        },
      });
    }
    const relationsChanged =
      existing.relationsFrom
        .filter((r) => r.relationship === "responds_to")
        .map((r) => r.targetId)
        .sort()
        .join() !== [...input.respondsTo].sort().join();
    // An approval is for the content the approver saw (issue 13, item 2).
    if (existing.state === "pending" && (changed.length || attachments.length || relationsChanged)) {
      reopenAfterSave = [
        ...changed,
        ...(relationsChanged ? ["related statements"] : []),
        ...(attachments.length ? ["attachments"] : []),
      ];
    }
  } else {
    const created = await tx.statement.create({
      data: {
        ...fields,
        direction: input.direction,
        state: "draft",
        submitterId: actor.personId,
        submitterRole: role?.role ?? null,
        submitterRoleGroupId: role?.groupId ?? null,
        submitterRoleOrganizationId: role?.organizationId ?? null,
      },
    });
    id = created.id;
    await tx.statementEvent.create({
      data: { statementId: id, type: "created", actorId: actor.personId, text: "Created as draft", isPublic: false },
    });
  }
  if (groupsChanged) {
    await tx.statementGroup.deleteMany({ where: { statementId: id } });
    await tx.statementGroup.createMany({
      data: [
        ...input.from.map((groupId, position) => ({ statementId: id, groupId, side: "from" as const, position })),
        ...input.to.map((groupId, position) => ({ statementId: id, groupId, side: "to" as const, position })),
      ],
    });
  }
  await tx.statementRelation.deleteMany({
    where: { sourceId: id, relationship: "responds_to", targetId: { notIn: input.respondsTo } },
  });
  for (const targetId of input.respondsTo) {
    await tx.statementRelation.upsert({
      where: { sourceId_targetId_relationship: { sourceId: id, targetId, relationship: "responds_to" } },
      create: { sourceId: id, targetId, relationship: "responds_to" },
      update: {},
    });
  }
  // The bytes are durable before the rows that name them commit; a rollback leaves only unreferenced
  // bytes, which the start-up sweep removes (ADR 012).
  await insertAttachmentRows(tx, await storeAttachments(attachments), {
    statementId: id,
    personId: actor.personId,
    isPublic: existing?.state === "posted",
  });
  // After groups, relations and attachments are saved, so the new approval request shows the new version.
  if (reopenAfterSave) await reopenApprovals(tx, id, actor, groups, reopenAfterSave);
  return id;
}
