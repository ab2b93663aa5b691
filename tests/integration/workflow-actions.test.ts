/**
 * Issue 15, sections 3 and 4: actions and reminders that end (closing an outgoing For-action statement without
 * an incoming reply, assignment mail, the IAB Chair), posting without sending mail, resending, comments.
 */
import { describe, expect, it } from "vitest";
import { loadGroupIndex } from "@/server/authz/load";
import type { Actor } from "@/server/authz/types";
import { AppError } from "@/server/errors";
import { sendDueReminders } from "@/server/reminders/send-reminders";
import { addComment } from "@/server/statements/add-comment";
import { assignStatement } from "@/server/statements/assign-statement";
import { closeAwaitedReply } from "@/server/statements/close-awaited-reply";
import { markActionTaken } from "@/server/statements/mark-action-taken";
import { postRecordOnly } from "@/server/statements/post-record-only";
import { postStatement } from "@/server/statements/post-statement";
import { statementPage } from "@/server/statements/queries";
import { resendDistribution } from "@/server/statements/resend-distribution";
import { saveStatement } from "@/server/statements/save-statement";
import { statementFormSchema } from "@/server/statements/schema";
import { submitStatement } from "@/server/statements/submit-statement";
import { actorFor, groupId, setupDemoWorld } from "../support/demo-world";
import { testEngine } from "../support/test-database";

const world = setupDemoWorld();
const DAY = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const today = new Date(`${isoDay(new Date())}T00:00:00Z`);
const DEADLINE = isoDay(new Date(today.getTime() + 20 * DAY));
const at = (offset: number) => new Date(today.getTime() + (20 + offset) * DAY + 9 * 3_600_000);
let serial = 0;

const as = (email: string) => actorFor(world(), email);

async function expectError(promise: Promise<unknown>, code: string, message?: RegExp) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  if (message)
    expect((error as AppError).message + JSON.stringify((error as AppError).fieldErrors ?? {})).toMatch(message);
}

async function outgoingFields(overrides: Record<string, unknown> = {}) {
  const db = world();
  return {
    direction: "outgoing",
    from: String(await groupId(db, "quic")),
    to: String(await groupId(db, "3gpp-tsgsa-sa2")),
    fromContact: "Quentin Hale <chair@example.org>\nquic@ietf.org",
    toContact: "3GPP SA2 Chair <sa2-chair@example.net>",
    title: `LS on QUIC multipath ${++serial} (workflow test)`,
    purpose: "action",
    deadline: DEADLINE,
    body: "Please review.",
    ...overrides,
  };
}

/** The AD's own submission for their area's WG is approved and posted at once. */
async function postedOutgoing(overrides: Record<string, unknown> = {}): Promise<number> {
  const ad = await as("ad@example.org");
  const input = statementFormSchema.parse(await outgoingFields(overrides));
  const id = await saveStatement({ actor: ad, input });
  expect(await submitStatement({ actor: ad, id })).toBe("posted");
  return id;
}

async function pendingOutgoing(): Promise<number> {
  const chair = await as("chair@example.org");
  const input = statementFormSchema.parse(await outgoingFields());
  const id = await saveStatement({ actor: chair, input });
  expect(await submitStatement({ actor: chair, id })).toBe("pending");
  return id;
}

async function incomingFields(to = "quic", overrides: Record<string, unknown> = {}) {
  const db = world();
  return {
    direction: "incoming",
    from: String(await groupId(db, "3gpp-tsg-sa")),
    to: String(await groupId(db, to)),
    fromContact: "3GPP TSG SA Chair <sa-chair@example.net>",
    toContact: "Quentin Hale <chair@example.org>\nquic@ietf.org",
    title: `LS on QUIC for 5G ${++serial} (workflow test)`,
    purpose: "action",
    deadline: DEADLINE,
    body: "Please advise.",
    sendAcknowledgement: "on",
    receivedOn: isoDay(today),
    ...overrides,
  };
}

async function incomingDraft(actor: Actor, to = "quic", overrides: Record<string, unknown> = {}) {
  const input = statementFormSchema.parse(await incomingFields(to, overrides));
  return saveStatement({ actor, input });
}

async function incomingPosted(actor: Actor, to = "quic") {
  const id = await incomingDraft(actor, to);
  await postStatement({ actor, id });
  return id;
}

const mails = (statementId: number, kind?: string) =>
  world().prisma.mail.findMany({
    where: { statementId, ...(kind ? { kind: kind as never } : {}) },
    orderBy: { id: "asc" },
  });
const events = (statementId: number) =>
  world().prisma.statementEvent.findMany({ where: { statementId }, orderBy: { id: "asc" } });

describe(`issue 15 §3: outgoing actions end without an incoming reply (${testEngine})`, () => {
  it("Mark reply received (note + link) by the 3GPP LM: status taken, public history, reminders stop", async () => {
    const db = world();
    const id = await postedOutgoing();
    await sendDueReminders(at(-14));
    expect(await mails(id, "reminder")).toHaveLength(1);
    const lm = await as("lm-3gpp@example.org");
    await closeAwaitedReply({
      actor: lm,
      id,
      outcome: "reply_received",
      note: "SA2 answered by mail to the chairs (S2-2601234)",
      link: "https://www.3gpp.org/ftp/tsg_sa/WG2/S2-2601234.zip",
    });
    const st = await db.prisma.statement.findUniqueOrThrow({ where: { id } });
    expect(st.actionStatus).toBe("taken");
    const last = (await events(id)).at(-1)!;
    expect([last.type, last.isPublic, last.actorId]).toEqual(["action_taken", true, lm.personId]);
    expect(last.text).toBe(
      "Reply received: SA2 answered by mail to the chairs (S2-2601234) (https://www.3gpp.org/ftp/tsg_sa/WG2/S2-2601234.zip)",
    );
    for (let offset = -13; offset <= 35; offset++) await sendDueReminders(at(offset));
    expect(await mails(id, "reminder")).toHaveLength(1);
    // twice: a clear state error
    await expectError(
      closeAwaitedReply({ actor: lm, id, outcome: "no_reply_expected", note: "" }),
      "INVALID_STATE",
      /no longer awaits a reply/,
    );
  });

  it("Close: no reply expected (note optional) by the submitter; reply received needs a note", async () => {
    const id = await postedOutgoing();
    const ad = await as("ad@example.org");
    await expectError(
      closeAwaitedReply({ actor: ad, id, outcome: "reply_received", note: "  " }),
      "VALIDATION",
      /short note on the reply/,
    );
    await closeAwaitedReply({ actor: ad, id, outcome: "no_reply_expected", note: "" });
    expect((await events(id)).at(-1)!.text).toBe("Closed: no reply expected");
    for (let offset = -20; offset <= 35; offset += 1) await sendDueReminders(at(offset));
    expect(await mails(id, "reminder")).toHaveLength(0);
  });

  it("refused: the ITU-T LM (not its relationship), a For-information statement, and a statement already answered", async () => {
    const db = world();
    const id = await postedOutgoing();
    const lmItu = await as("lm-itu@example.org");
    await expectError(closeAwaitedReply({ actor: lmItu, id, outcome: "no_reply_expected", note: "" }), "FORBIDDEN");
    const info = await postedOutgoing({ purpose: "information", deadline: undefined });
    const secretariat = await as("secretariat@example.org");
    await expectError(
      closeAwaitedReply({ actor: secretariat, id: info, outcome: "no_reply_expected", note: "" }),
      "INVALID_STATE",
      /awaits a reply/,
    );
    const lm = await as("lm-3gpp@example.org");
    const reply = statementFormSchema.parse({
      ...(await incomingFields("quic", {
        purpose: "response",
        deadline: undefined,
        respondsTo: String(id),
        from: String(await groupId(db, "3gpp-tsgsa-sa2")),
      })),
      intent: "post",
    });
    await postStatement({ actor: lm, id: await saveStatement({ actor: lm, input: reply }) });
    await expectError(
      closeAwaitedReply({ actor: lm, id, outcome: "reply_received", note: "It came." }),
      "INVALID_STATE",
      /reply is already recorded/,
    );
  });

  it("assigning mails the new assignee, copies the previous one, with the deadline and who assigned it", async () => {
    const lm = await as("lm-3gpp@example.org");
    const id = await incomingPosted(lm);
    const coordinator = await as("coordinator@example.org");
    const chair = await as("chair@example.org");
    await assignStatement({ actor: coordinator, id, assigneeId: chair.personId });
    const [mail] = await mails(id, "assignment");
    expect(mail!.to).toEqual(["Quentin Hale <chair@example.org>"]);
    expect(mail!.cc).toEqual(["Mia Tanaka <lm-3gpp@example.org>"]);
    expect(mail!.subject).toContain(`(deadline ${DEADLINE})`);
    expect(mail!.body).toContain(
      "Colin Baker assigned the action on this liaison statement to Quentin Hale (previously Mia Tanaka).",
    );
    expect(mail!.body).toContain(`/statements/${id}`);
  });

  it("the IAB Chair marks action taken on a statement to the IAB", async () => {
    const db = world();
    const lm = await as("lm-3gpp@example.org");
    const id = await incomingPosted(lm, "iab");
    const iabChair = await as("iab-chair@example.org");
    const page = await statementPage(iabChair, await loadGroupIndex(), id);
    expect(page?.permissions.markActionTaken).toBe(true);
    await markActionTaken({ actor: iabChair, id, note: "The IAB answered by its own statement." });
    expect((await db.prisma.statement.findUniqueOrThrow({ where: { id } })).actionStatus).toBe("taken");
  });
});

describe(`issue 15 §4: post without sending, resend, comments (${testEngine})`, () => {
  it("record only, incoming, by the LM who records it: posted, no distribution and no acknowledgement, the history says why", async () => {
    const db = world();
    const lm = await as("lm-3gpp@example.org");
    const id = await incomingDraft(lm);
    await expectError(postRecordOnly({ actor: lm, id, reason: "   " }), "VALIDATION", /Say why no mail is sent/);
    await postRecordOnly({ actor: lm, id, reason: "Already delivered through the 3GPP portal" });
    const st = await db.prisma.statement.findUniqueOrThrow({ where: { id } });
    expect([st.state, st.actionStatus]).toEqual(["posted", "needed"]);
    expect(await mails(id)).toEqual([]);
    const posted = (await events(id)).find((e) => e.type === "posted")!;
    expect(posted.text).toBe(
      "Recorded and posted without sending mail (record only): Already delivered through the 3GPP portal",
    );
    expect(posted.isPublic).toBe(true);
    await expectError(postRecordOnly({ actor: lm, id, reason: "again" }), "INVALID_STATE");
  });

  it("record only, outgoing: the Secretariat from pending (approvals on behalf recorded, no mail); a chair is refused", async () => {
    const db = world();
    const id = await pendingOutgoing();
    const before = (await mails(id)).length; // the approval request
    const [chair, secretariat] = [await as("chair@example.org"), await as("secretariat@example.org")];
    await expectError(postRecordOnly({ actor: chair, id, reason: "Sent by mail already" }), "FORBIDDEN");
    await postRecordOnly({ actor: secretariat, id, reason: "Sent by the chairs by mail on 2026-12-01" });
    const st = await db.prisma.statement.findUniqueOrThrow({ where: { id }, include: { approvals: true } });
    expect(st.state).toBe("posted");
    expect(st.approvals.map((a) => a.onBehalf)).toEqual([true]);
    expect(await mails(id)).toHaveLength(before);
    expect((await mails(id)).some((m) => m.kind === "distribution")).toBe(false);
    expect((await events(id)).at(-1)!.text).toBe(
      "Posted without sending mail (record only): Sent by the chairs by mail on 2026-12-01",
    );
  });

  it("resend: to the original recipients, or only to added ones; bad addresses named; history; refused to a WG chair", async () => {
    const id = await postedOutgoing();
    const [original] = await mails(id, "distribution");
    const coordinator = await as("coordinator@example.org");
    await resendDistribution({
      actor: coordinator,
      id,
      toOriginal: true,
      added: "SA2 Secretary <sa2-sec@example.net>",
    });
    const [, again] = await mails(id, "distribution");
    expect(again!.to).toEqual(original!.to);
    expect(again!.cc).toEqual([...original!.cc, "SA2 Secretary <sa2-sec@example.net>"]);
    expect(again!.subject).toBe(original!.subject);
    expect(again!.messageId).not.toBe(original!.messageId);
    const lm = await as("lm-3gpp@example.org");
    await resendDistribution({ actor: lm, id, toOriginal: false, added: "portal@example.net" });
    const third = (await mails(id, "distribution"))[2]!;
    expect([third.to, third.cc]).toEqual([["portal@example.net"], []]);
    const resent = (await events(id)).filter((e) => e.type === "resent");
    expect(resent.map((e) => [e.text, e.isPublic])).toEqual([
      ["Resent to the original recipients and sa2-sec@example.net by Colin Baker", false],
      ["Resent to portal@example.net by Mia Tanaka", false],
    ]);
    await expectError(
      resendDistribution({ actor: lm, id, toOriginal: false, added: "ok@example.net, not an address" }),
      "VALIDATION",
      /Not a valid e-mail address: not an address/,
    );
    await expectError(
      resendDistribution({ actor: lm, id, toOriginal: false, added: "" }),
      "VALIDATION",
      /Add at least one address/,
    );
    const chair = await as("chair@example.org");
    await expectError(resendDistribution({ actor: chair, id, toOriginal: true, added: "" }), "FORBIDDEN");
    expect(await mails(id, "distribution")).toHaveLength(3);
  });

  it("resend is rate-limited per person (ADR 011): the 11th in an hour is refused and queues nothing", async () => {
    const id = await postedOutgoing();
    const secretariat = await as("secretariat@example.org");
    const now = new Date(Date.now() + 10 * DAY); // a window of its own
    for (let i = 0; i < 10; i++) {
      await resendDistribution({ actor: secretariat, id, toOriginal: false, added: `r${i}@example.net`, now });
    }
    await expectError(
      resendDistribution({ actor: secretariat, id, toOriginal: false, added: "r10@example.net", now }),
      "RATE_LIMITED",
      /resent 10 mails in the last hour/,
    );
    expect(await mails(id, "distribution")).toHaveLength(11);
  });

  it("a comment on a pending statement reaches its submitter and approvers (not its author); staff-only comments stay staff-only; text is plain", async () => {
    const db = world();
    const id = await pendingOutgoing();
    const lm = await as("lm-3gpp@example.org");
    await addComment({
      actor: lm,
      id,
      text: "<script>alert(1)</script>\r\nPlease cite TS 23.501.",
      isStaffOnly: false,
    });
    const [mail] = await mails(id, "comment");
    expect(mail!.to[0]).toBe("Quentin Hale <chair@example.org>");
    expect(mail!.to).toContain("Ada Lindqvist <ad@example.org>");
    expect(mail!.to.join()).not.toContain("lm-3gpp@example.org");
    expect(mail!.replyTo).toBe("Mia Tanaka <lm-3gpp@example.org>");
    expect(mail!.body).toContain("> <script>alert(1)</script>\n> Please cite TS 23.501.");
    const comment = (await events(id)).at(-1)!;
    expect([comment.type, comment.text, comment.actorId, comment.isPublic]).toEqual([
      "comment",
      "Comment: <script>alert(1)</script>\nPlease cite TS 23.501.",
      lm.personId,
      true,
    ]);
    // The AD comments staff-only: the chair (submitter) is mailed, the AD is not.
    const ad = await as("ad@example.org");
    await addComment({ actor: ad, id, text: "Fine with me once cited.", isStaffOnly: true });
    const second = (await mails(id, "comment"))[1]!;
    expect(second.to).toContain("Quentin Hale <chair@example.org>");
    expect(second.to.join()).not.toContain("ad@example.org");
    // A person who may not see non-public statements may not add staff-only comments.
    const posted = await postedOutgoing();
    const otherChair = await as("ietf-chair@example.org"); // may see it (posted), not what is non-public
    await expectError(addComment({ actor: otherChair, id: posted, text: "Hidden?", isStaffOnly: true }), "FORBIDDEN");
    await addComment({ actor: otherChair, id: posted, text: "Thanks, useful.", isStaffOnly: false });
    await addComment({ actor: lm, id: posted, text: "Staff note: SA2 meets next week.", isStaffOnly: true });
    expect(await mails(posted, "comment")).toEqual([]); // posted: comments are not mailed
    const groups = await loadGroupIndex();
    const texts = async (actor: Actor | null) =>
      (await statementPage(actor, groups, posted))!.events.map((e) => e.text);
    expect(await texts(null)).toContain("Comment: Thanks, useful.");
    expect(await texts(null)).not.toContain("Comment: Staff note: SA2 meets next week.");
    expect(await texts(otherChair)).not.toContain("Comment: Staff note: SA2 meets next week.");
    expect(await texts(lm)).toContain("Comment: Staff note: SA2 meets next week.");
    const coordinator = await as("coordinator@example.org");
    expect(await texts(coordinator)).toContain("Comment: Staff note: SA2 meets next week.");
    // Issue 19: the statement and its whole history are one query (the events are filtered for the visitor
    // above, not queried apart); then the peer group's liaison managers and the resend list's groups: three in all
    // (four when the history was a query of its own).
    const { withQueryCount } = await import("@/server/db/query-count");
    const queries = await withQueryCount(async (tally) => {
      await statementPage(coordinator, groups, posted);
      return tally.queries;
    });
    expect(queries).toBeLessThanOrEqual(3);
    await expectError(
      addComment({ actor: lm, id: posted, text: " \n ", isStaffOnly: false }),
      "VALIDATION",
      /Enter the comment/,
    );
    expect(db).toBeTruthy();
  });
});
