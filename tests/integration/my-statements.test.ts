/**
 * Issue 15 §2: "My statements", the navigation's waiting counts and the signed-in dashboard, against the
 * demo data plus statements made here by the QUIC chairs.
 */
import { describe, expect, it } from "vitest";
import { isoDate } from "@/lib/dates";
import { loadGroupIndex } from "@/server/authz/load";
import type { Actor } from "@/server/authz/types";
import { dashboardFor } from "@/server/my-work/dashboard";
import { myStatements } from "@/server/my-work/my-statements";
import { countWaiting } from "@/server/my-work/waiting-counts";
import { postStatement } from "@/server/statements/post-statement";
import { actionNeeded, approvalQueue } from "@/server/statements/queries";
import { returnStatement } from "@/server/statements/return-statement";
import { saveStatement } from "@/server/statements/save-statement";
import { statementFormSchema } from "@/server/statements/schema";
import { submitStatement } from "@/server/statements/submit-statement";
import { actorFor, groupId, setupDemoWorld } from "../support/demo-world";
import { seenVersion } from "../support/seen-version";
import { testEngine } from "../support/test-database";

const world = setupDemoWorld();

const save = (actor: Actor, input: Record<string, unknown>) =>
  saveStatement({ actor, input: statementFormSchema.parse(input) });

async function complete(title: string, extra: Record<string, unknown> = {}) {
  const db = world();
  return {
    direction: "outgoing",
    from: String(await groupId(db, "quic")),
    to: String(await groupId(db, "3gpp-tsgsa-sa2")),
    fromContact: "Quentin Hale <chair@example.org>",
    toContact: "3GPP SA2 Chair <sa2-chair@example.net>",
    title,
    purpose: "information",
    body: "Text.\n",
    ...extra,
  };
}

const daysFromNow = (days: number) => isoDate(new Date(Date.now() + days * 86_400_000));

describe(`My statements (${testEngine})`, () => {
  it("lists drafts, returned and pending statements with their next step, newest change first, to the right people", async () => {
    const db = world();
    const chair = await actorFor(db, "chair@example.org");
    const cochair = await actorFor(db, "cochair@example.org");
    const ad = await actorFor(db, "ad@example.org");
    const lm3gpp = await actorFor(db, "lm-3gpp@example.org");
    const lmItu = await actorFor(db, "lm-itu@example.org");
    const groups = await loadGroupIndex();
    const quic = String(await groupId(db, "quic"));

    const sketch = await save(chair, { direction: "outgoing", from: quic, title: "Sketch by Quentin" });
    const sent = await save(chair, await complete("Sent for approval"));
    await submitStatement({ actor: chair, id: sent });
    const back = await save(chair, await complete("Returned one"));
    await submitStatement({ actor: chair, id: back });
    await returnStatement({ actor: ad, id: back, version: await seenVersion(back), comment: "Please cite the draft." });

    // The co-chair sees all three as hers to work on.
    const forElena = await myStatements(cochair, groups);
    const row = (id: number) => forElena.find((s) => s.id === id);
    expect(row(sketch)).toMatchObject({
      reason: "draft",
      next: "Add To, From-Contact, To-Contact, Purpose and Body, then submit it.",
    });
    expect(row(sent)).toMatchObject({
      reason: "pending",
      next: "Waiting for approval by Ada Lindqvist or Tomás Novak (AD of Web and Internet Transport).",
    });
    expect(row(back)).toMatchObject({
      reason: "returned",
      returnComment: "Please cite the draft.",
      next: "Returned by Ada Lindqvist: address the comment, then submit it again.",
    });
    // Newest change first: the return touched "back" last.
    const order = forElena.map((s) => s.id);
    expect(order.indexOf(back)).toBeLessThan(order.indexOf(sent));
    expect(order.indexOf(sent)).toBeLessThan(order.indexOf(sketch));
    const changed = forElena.map((s) => s.changedAt.getTime());
    expect(changed).toEqual([...changed].sort((a, b) => b - a));

    // Editing the sketch moves it to the top.
    const { version } = await db.prisma.statement.findUniqueOrThrow({ where: { id: sketch } });
    await save(cochair, {
      id: String(sketch),
      version: String(version),
      direction: "outgoing",
      from: quic,
      title: "Sketch by Quentin and Elena",
    });
    expect((await myStatements(chair, groups))[0]).toMatchObject({ id: sketch, title: "Sketch by Quentin and Elena" });

    // The 3GPP LM looks after the pending one to SA2 (not the sketch without To groups); the ITU-T LM after none.
    const forMia = await myStatements(lm3gpp, groups);
    expect(forMia.find((s) => s.id === sent)).toMatchObject({ reason: "looked-after" });
    expect(forMia.find((s) => s.id === sent)?.next).toMatch(/^Waiting for approval by Ada Lindqvist or Tomás Novak/);
    expect(forMia.map((s) => s.id)).not.toContain(sketch);
    expect((await myStatements(lmItu, groups)).map((s) => s.id)).not.toContain(sent);
    // Nothing public on an LM's list unless it is theirs.
    expect(forMia.every((s) => s.reason !== "looked-after" || s.state !== "posted")).toBe(true);

    // The AD sees the pending one under Approvals, not as hers.
    const forAda = await myStatements(ad, groups);
    expect(forAda.map((s) => s.id)).not.toContain(sent);

    // A chair of another WG sees none of them.
    const samir = await db.prisma.emailAddress.findUniqueOrThrow({ where: { address: "samir.haddad@example.net" } });
    const tls = await groupId(db, "tls");
    const tlsChair: Actor = {
      personId: samir.personId,
      name: "Samir Haddad",
      email: samir.address,
      roles: [{ role: "wg_chair", groupId: tls, organizationId: null }],
    };
    expect(
      (await myStatements(tlsChair, groups)).map((s) => s.id).filter((id) => [sketch, sent, back].includes(id)),
    ).toEqual([]);

    // The dashboard shows the returned draft with its comment.
    const board = await dashboardFor(chair, groups);
    expect(board.returned.map((s) => [s.id, s.note])).toContainEqual([back, "Please cite the draft."]);
  });

  it("counts what waits exactly as the Approvals and Action needed pages list it", async () => {
    const db = world();
    const chair = await actorFor(db, "chair@example.org");
    const ad = await actorFor(db, "ad@example.org");
    const lm3gpp = await actorFor(db, "lm-3gpp@example.org");
    const secretariat = await actorFor(db, "secretariat@example.org");
    const groups = await loadGroupIndex();
    for (const actor of [chair, ad, lm3gpp, secretariat]) {
      const counts = await countWaiting(actor, groups);
      expect(counts.approvals, actor.email).toBe(actor === chair ? 0 : (await approvalQueue(actor, groups)).length);
      expect(counts.actionNeeded, actor.email).toBe((await actionNeeded(actor, groups)).length);
    }
    const before = await countWaiting(ad, groups);
    const id = await save(chair, await complete("One more for Ada"));
    await submitStatement({ actor: chair, id });
    expect((await countWaiting(ad, groups)).approvals).toBe(before.approvals + 1);
    expect((await countWaiting(chair, groups)).approvals).toBe(0);

    // An incoming For-action statement due in 3 days: the LM's count grows, the chair sees its deadline this week.
    const lmBefore = await countWaiting(lm3gpp, groups);
    // (Group ids first: on PGlite's one connection a query outside the open transaction would wait for it.)
    const sa2 = String(await groupId(db, "3gpp-tsgsa-sa2"));
    const quic = String(await groupId(db, "quic"));
    const input = statementFormSchema.parse({
      direction: "incoming",
      intent: "post",
      from: sa2,
      to: quic,
      fromContact: "3GPP SA2 Chair <sa2-chair@example.net>",
      toContact: "Quentin Hale <chair@example.org>",
      title: "LS due in three days",
      purpose: "action",
      deadline: daysFromNow(3),
      body: "Please act.\n",
      receivedOn: daysFromNow(0),
    });
    const saved = await saveStatement({ actor: lm3gpp, input });
    await postStatement({ actor: lm3gpp, id: saved });
    const incoming = saved;
    expect((await countWaiting(lm3gpp, groups)).actionNeeded).toBe(lmBefore.actionNeeded + 1);
    const board = await dashboardFor(chair, groups);
    expect(board.deadlinesThisWeek.map((s) => s.id)).toContain(incoming);
    expect(board.recent.map((s) => s.id)).toContain(incoming);
    // Assigned to the recorder: the LM's dashboard lists it under "assigned to you".
    expect((await dashboardFor(lm3gpp, groups)).assignedToMe.map((s) => s.id)).toContain(incoming);
    // A group the chair has nothing to do with does not show among "recent statements of my groups".
    const lmItuActor = await actorFor(db, "lm-itu@example.org");
    expect((await dashboardFor(lmItuActor, groups)).recent.map((s) => s.id)).not.toContain(incoming);
  });
  it("the dashboard names external groups as lists do (not by slug) and marks a withdrawn statement", async () => {
    const db = world();
    const groups = await loadGroupIndex();
    const board = await dashboardFor(await actorFor(db, "ad@example.org"), groups);
    const sides = [...board.approvals, ...board.recent].flatMap((s) => [...s.from, ...s.to]);
    expect(sides).toContain("quic");
    expect(sides.some((g) => g.startsWith("3GPP TSG"))).toBe(true);
    expect(sides.filter((g) => g.startsWith("3gpp-"))).toEqual([]);
    const withdrawn = board.recent.find((s) => s.title === "LS on L4S support in the 5G System");
    expect(withdrawn?.isWithdrawn).toBe(true);
    expect(board.recent.find((s) => s.title.endsWith("(corrected)"))?.isWithdrawn).toBe(false);
  });
});
