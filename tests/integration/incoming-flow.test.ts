import { describe, expect, it } from "vitest";
import { loadGroupIndex } from "@/server/authz/load";
import type { Actor } from "@/server/authz/types";
import { AppError } from "@/server/errors";
import { approveStatement } from "@/server/statements/approve-statement";
import { assignStatement } from "@/server/statements/assign-statement";
import { assigneeCandidates } from "@/server/statements/assignee-candidates";
import { markActionTaken } from "@/server/statements/mark-action-taken";
import { postStatement } from "@/server/statements/post-statement";
import { statementPage } from "@/server/statements/queries";
import { removeAttachment } from "@/server/statements/remove-attachment";
import { findStatement } from "@/server/statements/repository";
import { saveStatement } from "@/server/statements/save-statement";
import { statementFormSchema } from "@/server/statements/schema";
import { submitStatement } from "@/server/statements/submit-statement";
import { withdrawStatement } from "@/server/statements/withdraw-statement";
import { storedBytes } from "../support/attachments";
import { actorFor, groupId, setupDemoWorld } from "../support/demo-world";
import { seenVersion } from "../support/seen-version";
import { testEngine } from "../support/test-database";

const world = setupDemoWorld();
const COORD = "liaison-coordination@iab.org";

async function record(actor: Actor, overrides: Record<string, unknown> = {}) {
  const db = world();
  const input = statementFormSchema.parse({
    direction: "incoming",
    intent: "post",
    from: String(await groupId(db, "3gpp-tsg-sa")),
    to: String(await groupId(db, "quic")),
    fromContact: "3GPP TSG SA Chair <sa-chair@example.net>",
    fromLiaisonContact: "3GPP TSG SA Secretary <sa-secretary@example.net>",
    toContact: "Quentin Hale <chair@example.org>\nquic@ietf.org",
    toLiaisonContact: "statements@ietf.org",
    title: `LS on QUIC for 5G ${Math.random().toString(36).slice(2, 8)}`,
    purpose: "action",
    deadline: "2027-02-01",
    body: "Dear IETF QUIC WG,\n\nSA asks for guidance.\n",
    otherIdentifiers: "SP-261015",
    sendAcknowledgement: "on",
    receivedOn: "2026-11-20",
    ...overrides,
  });
  const id = await saveStatement({ actor, input });
  await postStatement({ actor, id });
  return id;
}

async function expectError(promise: Promise<unknown>, code: string, message?: RegExp) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  if (message) expect((error as AppError).message).toMatch(message);
}

describe(`incoming statements and action tracking (${testEngine})`, () => {
  it("the 3GPP LM records and posts: distribution (LM + coordination in Cc), acknowledgement, action needed", async () => {
    const db = world();
    const lm = await actorFor(db, "lm-3gpp@example.org");
    const id = await record(lm);
    const st = await db.prisma.statement.findUniqueOrThrow({ where: { id } });
    expect([st.state, st.actionStatus, st.assigneeId]).toEqual(["posted", "needed", lm.personId]);
    const distribution = await db.prisma.mail.findFirstOrThrow({ where: { statementId: id, kind: "distribution" } });
    expect(distribution.to).toEqual(["Quentin Hale <chair@example.org>", "quic@ietf.org"]);
    expect(distribution.cc).toEqual(["Mia Tanaka <lm-3gpp@example.org>", COORD]);
    const ack = await db.prisma.mail.findFirstOrThrow({ where: { statementId: id, kind: "acknowledgement" } });
    expect(ack.to).toEqual(["3GPP TSG SA Secretary <sa-secretary@example.net>"]);
    expect(ack.body).toContain(`/statements/${id}`);
  });

  it("no acknowledgement when unticked", async () => {
    const db = world();
    const id = await record(await actorFor(db, "lm-3gpp@example.org"), { sendAcknowledgement: undefined });
    expect(await db.prisma.mail.count({ where: { statementId: id, kind: "acknowledgement" } })).toBe(0);
  });

  it("a WG chair cannot record incoming (403, nothing stored); an LM cannot record From a body they do not manage", async () => {
    const db = world();
    const before = await db.prisma.statement.count();
    await expectError(record(await actorFor(db, "chair@example.org")), "FORBIDDEN");
    await expectError(
      record(await actorFor(db, "lm-3gpp@example.org"), { from: String(await groupId(db, "itu-t-sg15")) }),
      "VALIDATION",
      /cannot enter/,
    );
    expect(await db.prisma.statement.count()).toBe(before);
  });

  it("posting the QUIC chair's reply flips the original to taken, with an event naming the reply", async () => {
    const db = world();
    const original = await record(await actorFor(db, "lm-3gpp@example.org"));
    const chair = await actorFor(db, "chair@example.org");
    const ad = await actorFor(db, "ad@example.org");
    const reply = statementFormSchema.parse({
      direction: "outgoing",
      from: String(await groupId(db, "quic")),
      to: String(await groupId(db, "3gpp-tsg-sa")),
      fromContact: "Quentin Hale <chair@example.org>",
      toContact: "3GPP TSG SA Chair <sa-chair@example.net>",
      toLiaisonContact: "3GPP TSG SA Secretary <sa-secretary@example.net>",
      title: "Reply LS on QUIC for 5G",
      purpose: "response",
      respondsTo: String(original),
      body: "Thank you for your LS.",
    });
    const replyId = await saveStatement({ actor: chair, input: reply });
    await submitStatement({ actor: chair, id: replyId });
    expect((await db.prisma.statement.findUniqueOrThrow({ where: { id: original } })).actionStatus).toBe("needed");
    await approveStatement({ actor: ad, id: replyId, version: await seenVersion(replyId) });
    const after = await db.prisma.statement.findUniqueOrThrow({ where: { id: original }, include: { events: true } });
    expect(after.actionStatus).toBe("taken");
    expect(after.events.find((e) => e.type === "action_taken")?.text).toContain(`statement ${replyId}`);
    const mail = await db.prisma.mail.findFirstOrThrow({ where: { statementId: replyId, kind: "distribution" } });
    expect(mail.to).toEqual(["3GPP TSG SA Secretary <sa-secretary@example.net>"]);
  });

  it("mark action taken needs a note, works once; assignment is limited to eligible people", async () => {
    const db = world();
    const lm = await actorFor(db, "lm-3gpp@example.org");
    const chair = await actorFor(db, "chair@example.org");
    const id = await record(lm);
    const row = (await findStatement(db.prisma, id))!;
    const groups = await loadGroupIndex();
    const names = (await assigneeCandidates(db.prisma, row, groups)).map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(["Quentin Hale", "Ada Lindqvist", "Mia Tanaka", "Colin Baker"]));
    expect(names).not.toContain("Luis Ferreira");
    const ad = await actorFor(db, "ad@example.org");
    await assignStatement({ actor: chair, id, assigneeId: ad.personId });
    expect((await db.prisma.statement.findUniqueOrThrow({ where: { id } })).assigneeId).toBe(ad.personId);
    const itu = await actorFor(db, "lm-itu@example.org");
    await expectError(assignStatement({ actor: chair, id, assigneeId: itu.personId }), "VALIDATION");
    await expectError(markActionTaken({ actor: itu, id, note: "done" }), "FORBIDDEN");
    await expectError(markActionTaken({ actor: chair, id, note: "  " }), "VALIDATION");
    await markActionTaken({
      actor: chair,
      id,
      note: "Discussed at IETF 125; no change needed.",
      link: "https://mailarchive.ietf.org/x",
    });
    const st = await db.prisma.statement.findUniqueOrThrow({ where: { id }, include: { events: true } });
    expect(st.actionStatus).toBe("taken");
    expect(st.events.at(-1)?.text).toBe(
      "Action taken: Discussed at IETF 125; no change needed. (https://mailarchive.ietf.org/x)",
    );
    await expectError(markActionTaken({ actor: chair, id, note: "again" }), "INVALID_STATE");
  });

  it("editing a posted statement: refused for the WG chair, recorded with a diff for the coordinator; attachments are marked removed, never deleted", async () => {
    const db = world();
    const lm = await actorFor(db, "lm-3gpp@example.org");
    const id = await record(lm, {
      attachments: [new File([Buffer.from("%PDF-1.4 test")], "ls.pdf", { type: "application/pdf" })],
      attachmentTitles: ["Original LS"],
    });
    const row = (await findStatement(db.prisma, id))!;
    // (Look-ups happen before the transaction: PGlite has one connection, which the transaction holds.)
    const [sa, quic] = [await groupId(db, "3gpp-tsg-sa"), await groupId(db, "quic")];
    const edit = (actor: Actor, title: string) =>
      saveStatement({
        actor,
        input: statementFormSchema.parse({
          id: String(id),
          version: String(row.version),
          direction: "incoming",
          from: String(sa),
          to: String(quic),
          fromContact: row.fromContact.join("\n"),
          fromLiaisonContact: row.fromLiaisonContact ?? "",
          toContact: row.toContact.join("\n"),
          toLiaisonContact: row.toLiaisonContact ?? "",
          title,
          purpose: "action",
          deadline: "2027-02-01",
          body: row.body,
          otherIdentifiers: "SP-261015",
          receivedOn: "2026-11-20",
          sendAcknowledgement: "on",
        }),
      });
    await expectError(edit(await actorFor(db, "chair@example.org"), "Hijacked"), "FORBIDDEN");
    const coordinator = await actorFor(db, "coordinator@example.org");
    await edit(coordinator, "LS on QUIC for 5G (corrected title)");
    const event = await db.prisma.statementEvent.findFirstOrThrow({ where: { statementId: id, type: "edited" } });
    expect(event.isPublic).toBe(true);
    expect(event.data).toEqual({ title: { from: row.title, to: "LS on QUIC for 5G (corrected title)" } });
    const attachment = row.attachments[0]!;
    await removeAttachment({ actor: coordinator, id, attachmentId: attachment.id });
    const kept = await db.prisma.attachment.findUniqueOrThrow({ where: { id: attachment.id } });
    expect(kept.removedAt).not.toBeNull();
    expect((await storedBytes(db, kept.sha256)).byteLength).toBe(kept.size);
  });

  it("only the Secretariat withdraws a posted statement; it keeps its posted date", async () => {
    const db = world();
    const id = await record(await actorFor(db, "lm-3gpp@example.org"));
    // Signed out never reaches the use-case (its actor is typed non-null): authz-matrix's "signed out" row.
    const coordinator = await actorFor(db, "coordinator@example.org");
    await expectError(withdrawStatement({ actor: coordinator, id, reason: "Sent by mistake" }), "FORBIDDEN");
    const secretariat = await actorFor(db, "secretariat@example.org");
    await withdrawStatement({ actor: secretariat, id, reason: "Sent by mistake" });
    const st = await db.prisma.statement.findUniqueOrThrow({ where: { id } });
    expect([st.state, st.withdrawnReason, st.postedAt !== null, st.actionStatus]).toEqual([
      "withdrawn",
      "Sent by mistake",
      true,
      "none",
    ]);
  });
});

describe(`who is offered Reply (${testEngine})`, () => {
  it("only people who may enter the opposite direction, on posted statements", async () => {
    const db = world();
    const lm = await actorFor(db, "lm-3gpp@example.org");
    const chair = await actorFor(db, "chair@example.org");
    const incoming = await record(lm);
    const outgoing = await db.prisma.statement.findFirstOrThrow({ where: { direction: "outgoing", state: "posted" } });
    const groups = await loadGroupIndex();
    const reply = async (actor: Actor | null, id: number) => (await statementPage(actor, groups, id))?.mayReply;
    expect(await reply(chair, incoming)).toBe(true);
    expect(await reply(chair, outgoing.id)).toBe(false); // a WG chair cannot record incoming statements
    expect(await reply(lm, outgoing.id)).toBe(true);
    expect(await reply(null, incoming)).toBe(false);
  });
});
