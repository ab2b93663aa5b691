/**
 * Issue 16: "a withdrawn banner links the replacement statement". Withdraw names the statement that replaces
 * the withdrawn one ("Replaced by", optional); it is recorded as a related_to relation and in the withdrawal's
 * history event, and the banner (replacementOf) shows that one, never a guess. The replacement must be a
 * statement the person may see, not the statement itself, not withdrawn; a refusal changes nothing.
 */
import { describe, expect, it } from "vitest";
import { replacementOf, visibleRelations } from "@/server/archive/visible-relations";
import { loadGroupIndex } from "@/server/authz/load";
import type { Actor } from "@/server/authz/types";
import { AppError } from "@/server/errors";
import { statementPage } from "@/server/statements/queries";
import { findStatement } from "@/server/statements/repository";
import { saveStatement } from "@/server/statements/save-statement";
import { statementFormSchema } from "@/server/statements/schema";
import { withdrawStatement } from "@/server/statements/withdraw-statement";
import { actorFor, groupId, setupDemoWorld } from "../support/demo-world";
import { testEngine } from "../support/test-database";

const world = setupDemoWorld();

async function draft(actor: Actor, title: string, from = "quic") {
  const db = world();
  const input = statementFormSchema.parse({
    direction: "outgoing",
    from: String(await groupId(db, from)),
    to: String(await groupId(db, "3gpp-tsgsa-sa2")),
    title,
    intent: "save",
  });
  return saveStatement({ actor, input });
}

/** Posted statements of the demo without any relation, oldest first (so a test can pick distinct ones). */
async function unrelatedPosted(count: number) {
  const rows = await world().prisma.statement.findMany({
    where: { state: "posted", relationsFrom: { none: {} }, relationsTo: { none: {} } },
    orderBy: { postedAt: "asc" },
    take: count,
    select: { id: true, title: true, postedAt: true },
  });
  expect(rows).toHaveLength(count);
  return rows;
}

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** What a signed-out reader's statement page shows as the replacement. */
async function bannerFor(actor: Actor | null, id: number) {
  const groups = await loadGroupIndex();
  const page = await statementPage(actor, groups, id);
  expect(page).not.toBeNull();
  const related = await visibleRelations(actor, groups, page!.row);
  return { replacement: replacementOf(page!.row, related, page!.replacedBy), page: page! };
}

describe(`withdraw with a replacement (${testEngine})`, () => {
  it("records the named replacement as a relation and in the history; the banner links it, not a newer related one", async () => {
    const db = world();
    const secretariat = await actorFor(db, "secretariat@example.org");
    const [withdrawn, replacement, newer] = await unrelatedPosted(3);
    // A newer related statement, as the heuristic for imported data would pick: the named one must win.
    await db.prisma.statementRelation.create({
      data: { sourceId: newer!.id, targetId: withdrawn!.id, relationship: "related_to" },
    });
    await db.prisma.statement.update({ where: { id: newer!.id }, data: { postedAt: new Date(Date.now() + 60_000) } });

    await withdrawStatement({
      actor: secretariat,
      id: withdrawn!.id,
      reason: "Sent with the wrong attachment",
      replacedBy: replacement!.id,
    });

    const relation = await db.prisma.statementRelation.findFirst({
      where: { sourceId: withdrawn!.id, targetId: replacement!.id, relationship: "related_to" },
    });
    expect(relation).not.toBeNull();
    const { replacement: shown, page } = await bannerFor(null, withdrawn!.id);
    expect(page.replacedBy).toBe(replacement!.id);
    expect(shown?.id).toBe(replacement!.id);
    expect(shown?.title).toBe(replacement!.title);
    const event = page.events.find((e) => e.type === "withdrawn");
    expect(event?.text).toBe("Withdrawn: Sent with the wrong attachment");
    expect(event?.data).toEqual({ replacedBy: replacement!.id });
  });

  it("keeps a relation that already exists (either direction) instead of failing on a duplicate", async () => {
    const db = world();
    const secretariat = await actorFor(db, "secretariat@example.org");
    const rows = await unrelatedPosted(2);
    const [withdrawn, replacement] = rows;
    await db.prisma.statementRelation.create({
      data: { sourceId: replacement!.id, targetId: withdrawn!.id, relationship: "related_to" },
    });
    await withdrawStatement({
      actor: secretariat,
      id: withdrawn!.id,
      reason: "Superseded",
      replacedBy: replacement!.id,
    });
    const relations = await db.prisma.statementRelation.count({
      where: {
        OR: [
          { sourceId: withdrawn!.id, targetId: replacement!.id },
          { sourceId: replacement!.id, targetId: withdrawn!.id },
        ],
      },
    });
    expect(relations).toBe(1);
    expect((await bannerFor(null, withdrawn!.id)).replacement?.id).toBe(replacement!.id);
  });

  it("refuses the statement itself, a withdrawn one, one the person may not see and one that does not exist; nothing changes", async () => {
    const db = world();
    const chair = await actorFor(db, "chair@example.org");
    const otherChairDraft = await draft(
      await actorFor(db, "secretariat@example.org"),
      "A draft of another group",
      "tls",
    );
    const mine = await draft(chair, "Draft to withdraw with a replacement");
    const alreadyWithdrawn = await draft(chair, "Already withdrawn");
    await withdrawStatement({ actor: chair, id: alreadyWithdrawn, reason: "Not needed" });

    const cases: [number, RegExp][] = [
      [mine, /cannot replace itself/],
      [alreadyWithdrawn, /withdrawn itself/],
      [otherChairDraft, /does not exist or is not visible to you/],
      [2_000_000_000, /does not exist or is not visible to you/],
    ];
    for (const [replacedBy, message] of cases) {
      const error = await refusal(withdrawStatement({ actor: chair, id: mine, reason: "Superseded", replacedBy }));
      expect(error.code).toBe("VALIDATION");
      expect(error.fieldErrors?.replacedBy).toMatch(message);
    }
    const row = await findStatement(db.prisma, mine);
    expect(row?.state).toBe("draft");
    expect(row?.relationsFrom).toHaveLength(0);
  });

  it("a withdrawn draft may name another draft the person may see", async () => {
    const db = world();
    const chair = await actorFor(db, "chair@example.org");
    const old = await draft(chair, "First attempt at the QUIC LS");
    const next = await draft(chair, "Second attempt at the QUIC LS");
    await withdrawStatement({ actor: chair, id: old, reason: "Rewritten", replacedBy: next });
    expect((await bannerFor(chair, old)).replacement?.id).toBe(next);
  });

  it("a public withdrawn statement replaced by a draft: the banner links it only for those who may see the draft", async () => {
    const db = world();
    const secretariat = await actorFor(db, "secretariat@example.org");
    const [withdrawn] = await unrelatedPosted(1);
    const replacement = await draft(secretariat, "Corrected LS, still a draft");
    await withdrawStatement({
      actor: secretariat,
      id: withdrawn!.id,
      reason: "Being corrected",
      replacedBy: replacement,
    });
    expect((await bannerFor(secretariat, withdrawn!.id)).replacement?.id).toBe(replacement);
    const anonymous = await bannerFor(null, withdrawn!.id);
    expect(anonymous.replacement).toBeNull();
    expect(anonymous.page.events.find((e) => e.type === "withdrawn")?.text).not.toContain("Corrected LS");
  });

  it("without a replacement, the banner falls back to the newest related statement posted since (imported data)", async () => {
    const db = world();
    const secretariat = await actorFor(db, "secretariat@example.org");
    const [withdrawn, later] = await unrelatedPosted(2);
    await db.prisma.statementRelation.create({
      data: { sourceId: later!.id, targetId: withdrawn!.id, relationship: "related_to" },
    });
    await db.prisma.statement.update({ where: { id: later!.id }, data: { postedAt: new Date(Date.now() + 60_000) } });
    await withdrawStatement({ actor: secretariat, id: withdrawn!.id, reason: "Corrected" });
    const { replacement, page } = await bannerFor(null, withdrawn!.id);
    expect(page.replacedBy).toBeNull();
    expect(replacement?.id).toBe(later!.id);
  });
});
