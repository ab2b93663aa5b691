/**
 * Issue 15 §2: "Save draft" needs only a Title and a From group; everything else is checked at Submit/Post
 * with the same field errors. A For-action deadline in the past is refused at Submit (outgoing) and needs
 * "record it anyway" at Post (incoming).
 */
import { describe, expect, it } from "vitest";
import { isoDate } from "@/lib/dates";
import type { Actor } from "@/server/authz/types";
import { AppError } from "@/server/errors";
import { postStatement } from "@/server/statements/post-statement";
import { saveStatement } from "@/server/statements/save-statement";
import { saveStatementForm } from "@/server/statements/save-statement-form";
import { statementFormSchema } from "@/server/statements/schema";
import { submitStatement } from "@/server/statements/submit-statement";
import { actorFor, groupId, setupDemoWorld } from "../support/demo-world";
import { testEngine } from "../support/test-database";

const world = setupDemoWorld();

const save = (actor: Actor, input: Record<string, unknown>) =>
  saveStatement({ actor, input: statementFormSchema.parse(input) });

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const fieldErrors = (input: Record<string, unknown>) => {
  const result = statementFormSchema.safeParse(input);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((i) => [String(i.path[0]), i.message]));
};

const daysFromNow = (days: number) => isoDate(new Date(Date.now() + days * 86_400_000));

/** An incoming For-action statement from SA2 to QUIC, complete, its deadline and date received `days` from today. */
async function incomingForAction(title: string, deadlineDays: number, receivedDays: number) {
  const db = world();
  return {
    direction: "incoming",
    from: String(await groupId(db, "3gpp-tsgsa-sa2")),
    to: String(await groupId(db, "quic")),
    fromContact: "3GPP SA2 Chair <sa2-chair@example.net>",
    toContact: "Quentin Hale <chair@example.org>",
    title,
    purpose: "action",
    deadline: daysFromNow(deadlineDays),
    body: "Please act.\n",
    receivedOn: daysFromNow(receivedDays),
  };
}

describe(`saving a draft needs only a Title and a From group (${testEngine})`, () => {
  it("saves a draft with nothing but a title and a From group; Submit then names every missing field", async () => {
    const db = world();
    const chair = await actorFor(db, "chair@example.org");
    const quic = String(await groupId(db, "quic"));
    const minimal = { direction: "outgoing", intent: "save", from: quic, title: "LS we will finish tomorrow" };

    expect(fieldErrors(minimal)).toEqual({});
    const id = await save(chair, minimal);
    const row = await db.prisma.statement.findUniqueOrThrow({ where: { id }, include: { groups: true } });
    expect([row.state, row.purpose, row.groups.map((g) => g.side)]).toEqual(["draft", null, ["from"]]);

    // Submitting it from the form: the same messages as the form always gave, all at once.
    expect(fieldErrors({ ...minimal, intent: "submit" })).toEqual({
      to: "Choose at least one receiving group.",
      fromContact: "Enter at least one From-Contact address.",
      toContact: "Enter at least one To-Contact address.",
      purpose: "Choose a purpose.",
      body: "Enter a body or attach at least one document.",
    });
    // Submitting the stored draft from its page: the use-case checks the stored statement.
    const error = await failure(submitStatement({ actor: chair, id }));
    expect(error.code).toBe("VALIDATION");
    expect(error.fieldErrors).toEqual({
      to: "Choose at least one receiving group.",
      fromContact: "Enter at least one From-Contact address.",
      toContact: "Enter at least one To-Contact address.",
      purpose: "Choose a purpose.",
      body: "Enter a body or attach at least one document.",
    });
    expect((await db.prisma.statement.findUniqueOrThrow({ where: { id } })).state).toBe("draft");
    expect(await db.prisma.mail.count({ where: { statementId: id } })).toBe(0);
  });

  it("still refuses a draft without a title or a From group, and a malformed mailbox", () => {
    expect(fieldErrors({ direction: "outgoing", intent: "save", title: "" })).toEqual({
      from: "Choose at least one sending group.",
      title: "Enter a title.",
    });
    expect(
      fieldErrors({ direction: "outgoing", intent: "save", from: "1", title: "x", toContact: "not a mailbox" })
        .toContact,
    ).toMatch(/"not a mailbox" is not a valid mailbox/);
  });

  it("a draft filled in later submits as usual", async () => {
    const db = world();
    const chair = await actorFor(db, "chair@example.org");
    const quic = String(await groupId(db, "quic"));
    const id = await save(chair, { direction: "outgoing", from: quic, title: "LS finished later" });
    const { version } = await db.prisma.statement.findUniqueOrThrow({ where: { id } });
    await save(chair, {
      id: String(id),
      version: String(version),
      direction: "outgoing",
      from: quic,
      to: String(await groupId(db, "3gpp-tsgsa-sa2")),
      fromContact: "Quentin Hale <chair@example.org>",
      toContact: "3GPP SA2 Chair <sa2-chair@example.net>",
      title: "LS finished later",
      purpose: "information",
      body: "Now complete.\n",
    });
    expect(await submitStatement({ actor: chair, id })).toBe("pending");
  });
});

describe(`a For-action deadline in the past (${testEngine})`, () => {
  it("is saved in a draft but refused at Submit for an outgoing statement", async () => {
    const db = world();
    const chair = await actorFor(db, "chair@example.org");
    const id = await save(chair, {
      direction: "outgoing",
      from: String(await groupId(db, "quic")),
      to: String(await groupId(db, "3gpp-tsgsa-sa2")),
      fromContact: "Quentin Hale <chair@example.org>",
      toContact: "3GPP SA2 Chair <sa2-chair@example.net>",
      title: "LS asking for action too late",
      purpose: "action",
      deadline: daysFromNow(-3),
      body: "Please act.\n",
    });
    const error = await failure(submitStatement({ actor: chair, id }));
    expect(error.code).toBe("VALIDATION");
    expect(error.fieldErrors?.deadline).toBe(
      `The deadline ${daysFromNow(-3)} has already passed; choose a later date before submitting.`,
    );
    expect((await db.prisma.statement.findUniqueOrThrow({ where: { id } })).state).toBe("draft");
    // Today is not in the past.
    const today = await save(chair, {
      direction: "outgoing",
      from: String(await groupId(db, "quic")),
      to: String(await groupId(db, "3gpp-tsgsa-sa2")),
      fromContact: "Quentin Hale <chair@example.org>",
      toContact: "3GPP SA2 Chair <sa2-chair@example.net>",
      title: "LS due today",
      purpose: "action",
      deadline: daysFromNow(0),
      body: "Please act today.\n",
    });
    expect(await submitStatement({ actor: chair, id: today })).toBe("pending");
  });

  it("asks before recording an incoming statement, and records it once confirmed", async () => {
    const db = world();
    const lm = await actorFor(db, "lm-3gpp@example.org");
    const id = await save(lm, await incomingForAction("LS received late", -10, 0));
    const error = await failure(postStatement({ actor: lm, id }));
    expect(error.code).toBe("VALIDATION");
    expect(error.fieldErrors?.deadline).toMatch(/^The deadline has already passed — record it anyway\?/);
    expect((await db.prisma.statement.findUniqueOrThrow({ where: { id } })).state).toBe("draft");

    await postStatement({ actor: lm, id, confirmPastDeadline: true });
    const posted = await db.prisma.statement.findUniqueOrThrow({ where: { id } });
    expect([posted.state, posted.actionStatus, isoDate(posted.deadline)]).toEqual([
      "posted",
      "needed",
      daysFromNow(-10),
    ]);
  });

  it("posting a late, long-received statement asks both questions at once; both answers post it", async () => {
    // A mail recorded weeks after it arrived often has both: a passed deadline and a date received more than 30
    // days ago. Asked one after the other, the form dropped the first answer when it asked the second, and the
    // liaison manager could never post (found trying it: the two questions took turns for ever).
    const db = world();
    const input = { ...(await incomingForAction("LS found in the archive of a mailbox", -60, -90)), intent: "post" };
    expect(Object.keys(fieldErrors(input)).sort()).toEqual(["deadline", "receivedOn"]);
    expect(fieldErrors({ ...input, confirmPastDeadline: "yes" })).toEqual({
      receivedOn: expect.stringMatching(/more than 30 days away from today/),
    });
    expect(fieldErrors({ ...input, confirmReceivedOn: "yes" })).toEqual({
      deadline: expect.stringMatching(/^The deadline has already passed — record it anyway\?/),
    });
    expect(fieldErrors({ ...input, confirmPastDeadline: "yes", confirmReceivedOn: "yes" })).toEqual({});
    // Saving a draft asks neither: the questions belong to posting.
    expect(fieldErrors({ ...input, intent: "save" })).toEqual({});
    const lm = await actorFor(db, "lm-3gpp@example.org");
    const id = await saveStatementForm({
      actor: lm,
      input: statementFormSchema.parse({ ...input, confirmPastDeadline: "yes", confirmReceivedOn: "yes" }),
    });
    const posted = await db.prisma.statement.findUniqueOrThrow({ where: { id } });
    expect([posted.state, isoDate(posted.deadline), isoDate(posted.receivedOn)]).toEqual([
      "posted",
      daysFromNow(-60),
      daysFromNow(-90),
    ]);
  });
});
