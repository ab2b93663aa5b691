/**
 * Issue 13, item 2: an approval is bound to the content the approver reviewed.
 * - Approve-then-swap: the AD opened a pending statement, the chair then saved a new body, and the AD's
 *   Approve (carrying only the id) posted the new body under "Approved for QUIC by Ada Lindqvist".
 * - Approvals survived edits: with From = QUIC + IAB, the AD's approval of QUIC still counted after the
 *   submitter changed the body, and the IAB Chair's approval posted it.
 * Approve and Return now carry the version the approver saw; editing a pending statement withdraws the
 * approvals recorded so far, says so in the public history, and asks the approvers again.
 */
import { describe, expect, it, vi } from "vitest";

vi.mock("next/headers", async () => (await import("../support/server-actions")).nextHeadersMock);
vi.mock("next/cache", async () => (await import("../support/server-actions")).nextCacheMock);
vi.mock("next-auth", async (original) => ({
  ...(await original<typeof import("next-auth")>()),
  ...(await import("../support/server-actions")).nextAuthMock,
}));

import { approveAction, returnAction, saveStatementForm } from "@/actions/statements";
import { loadGroupIndex } from "@/server/authz/load";
import type { Actor } from "@/server/authz/types";
import { AppError } from "@/server/errors";
import { approveStatement } from "@/server/statements/approve-statement";
import { statementPage } from "@/server/statements/queries";
import { removeAttachment } from "@/server/statements/remove-attachment";
import { returnStatement } from "@/server/statements/return-statement";
import { saveStatement } from "@/server/statements/save-statement";
import { statementFormSchema } from "@/server/statements/schema";
import { submitStatement } from "@/server/statements/submit-statement";
import { actorFor, groupId, setupDemoWorld } from "../support/demo-world";
import { browserSignedInAs, form, runAction, signOutBrowser } from "../support/server-actions";
import { testEngine } from "../support/test-database";

const world = setupDemoWorld();
const CHANGED = "This statement changed since you opened it — review the new version";

async function fields(from: string[], overrides: Record<string, unknown> = {}) {
  const db = world();
  return {
    direction: "outgoing",
    from: await Promise.all(from.map(async (a) => String(await groupId(db, a)))),
    to: String(await groupId(db, "3gpp-tsgsa-sa2")),
    fromContact: "Quentin Hale <chair@example.org>",
    toContact: "3GPP SA2 Chair <sa2-chair@example.net>",
    title: "LS on QUIC version negotiation",
    purpose: "information",
    body: "hello",
    ...overrides,
  };
}

async function save(actor: Actor, input: Record<string, unknown>, files: File[] = []) {
  const parsed = statementFormSchema.parse({
    ...input,
    attachments: files,
    attachmentTitles: files.map(() => "Annex"),
  });
  return saveStatement({ actor, input: parsed });
}

/**
 * A pending statement (and its fields, to edit it later), entered by the QUIC chair; one also from the IAB
 * is entered by the 3GPP liaison manager, who may enter statements from any internal group to 3GPP.
 */
async function pending(from: string[] = ["quic"], files: File[] = []) {
  const chair = await actorFor(world(), from.includes("iab") ? "lm-3gpp@example.org" : "chair@example.org");
  const input = await fields(from);
  const id = await save(chair, input, files);
  expect(await submitStatement({ actor: chair, id })).toBe("pending");
  return { id, input, chair };
}

/** What the approver's page showed: the statement's version when they opened it. */
const opened = async (id: number) => (await world().prisma.statement.findUniqueOrThrow({ where: { id } })).version;

/** The approver reloads the page and approves what it shows now. */
async function approveCurrent(actor: Actor, id: number) {
  const version = await opened(id);
  return approveStatement({ actor, id, version });
}

/** Everything an approval or return would record: approvals, events, mail, the statement row. */
async function recorded(id: number) {
  const p = world().prisma;
  return JSON.stringify([
    await p.statement.findUniqueOrThrow({ where: { id } }),
    await p.approval.findMany({ where: { statementId: id }, orderBy: { id: "asc" } }),
    await p.statementEvent.findMany({ where: { statementId: id }, orderBy: { id: "asc" } }),
    await p.mail.findMany({ where: { statementId: id }, orderBy: { id: "asc" } }),
  ]);
}

async function appError(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const publicHistory = async (id: number) =>
  ((await statementPage(null, await loadGroupIndex(), id))?.events ?? []).map((e) => e.text);

describe(`approvals are bound to the version the approver saw (${testEngine})`, () => {
  it("approve-then-swap: the AD's Approve for the old version is refused and records nothing; approving the new version posts it", async () => {
    const { id, input, chair } = await pending();
    const ad = await actorFor(world(), "ad@example.org");
    const seen = await opened(id); // the AD opens the page: body "hello"
    await save(chair, { ...input, id, body: "a different body, swapped in after the AD opened it" });
    const before = await recorded(id);

    const refused = await appError(approveStatement({ actor: ad, id, version: seen }));
    expect(refused.code).toBe("INVALID_STATE");
    expect(refused.message).toBe(CHANGED);
    expect(await recorded(id)).toBe(before);

    // the AD reloads, reviews the new body, approves
    expect(await approveCurrent(ad, id)).toBe("posted");
    const st = await world().prisma.statement.findUniqueOrThrow({ where: { id } });
    expect([st.state, st.body]).toEqual(["posted", "a different body, swapped in after the AD opened it"]);
    const distribution = await world().prisma.mail.findFirstOrThrow({
      where: { statementId: id, kind: "distribution" },
    });
    expect(distribution.body).toContain("a different body, swapped in after the AD opened it");
    // the public history says that it changed after submission, before it was approved
    const history = await publicHistory(id);
    const changedAt = history.findIndex((t) => /^Changed after submission \(body\)/.test(t));
    expect(changedAt, history.join("\n")).toBeGreaterThan(-1);
    expect(history.findIndex((t) => t.startsWith("Approved for QUIC by Ada Lindqvist"))).toBeGreaterThan(changedAt);
  });

  it("Return for an old version is refused too, and records nothing", async () => {
    const { id, input, chair } = await pending();
    const ad = await actorFor(world(), "ad@example.org");
    const seen = await opened(id);
    await save(chair, { ...input, id, title: "A new title" });
    const before = await recorded(id);
    const refused = await appError(returnStatement({ actor: ad, id, version: seen, comment: "Please add the annex." }));
    expect([refused.code, refused.message]).toEqual(["INVALID_STATE", CHANGED]);
    expect(await recorded(id)).toBe(before);
    const current = await opened(id);
    await returnStatement({ actor: ad, id, version: current, comment: "Please add the annex." });
    expect((await world().prisma.statement.findUniqueOrThrow({ where: { id } })).state).toBe("draft");
  });

  it("an approval recorded for one From group is withdrawn when the statement is edited, and the approvers are asked again", async () => {
    const { id, input, chair } = await pending(["quic", "iab"]);
    const p = world().prisma;
    const ad = await actorFor(world(), "ad@example.org");
    const iabChair = await actorFor(world(), "iab-chair@example.org");
    expect(await approveCurrent(ad, id)).toBe("pending");
    expect(await p.approval.count({ where: { statementId: id } })).toBe(1);
    expect(await p.mail.count({ where: { statementId: id, kind: "approval_request" } })).toBe(1);

    await save(chair, { ...input, id, body: "hello, changed after the AD approved" });
    expect(await p.approval.count({ where: { statementId: id } })).toBe(0);
    const events = await p.statementEvent.findMany({ where: { statementId: id }, orderBy: { id: "asc" } });
    const withdrawn = events.find((e) => e.text.startsWith("Changed after submission"));
    expect(withdrawn?.text).toBe(
      "Changed after submission (body): the approval for QUIC by Ada Lindqvist was withdrawn; the approvers are asked to review the new version",
    );
    expect(withdrawn?.isPublic).toBe(true);
    const requests = await p.mail.findMany({
      where: { statementId: id, kind: "approval_request" },
      orderBy: { id: "asc" },
    });
    expect(requests).toHaveLength(2);
    expect(requests[1]!.to.join()).toContain("ad@example.org");
    expect(requests[1]!.to.join()).toContain("iab-chair@example.org");
    expect(requests[1]!.subject).toMatch(/changed/i);
    expect(requests[1]!.body).toContain("hello, changed after the AD approved");

    // the IAB Chair's approval no longer posts it: QUIC needs its approval again
    expect(await approveCurrent(iabChair, id)).toBe("pending");
    expect((await p.statement.findUniqueOrThrow({ where: { id } })).state).toBe("pending");
    expect(await approveCurrent(ad, id)).toBe("posted");
  });

  it("removing an attachment of a pending statement is a change too", async () => {
    const { id, chair } = await pending(["quic", "iab"], [new File(["annex\n"], "annex.txt", { type: "text/plain" })]);
    const ad = await actorFor(world(), "ad@example.org");
    await approveCurrent(ad, id);
    const seen = await opened(id);
    const attachment = await world().prisma.attachment.findFirstOrThrow({ where: { statementId: id } });
    await removeAttachment({ actor: chair, id, attachmentId: attachment.id });
    expect(await world().prisma.approval.count({ where: { statementId: id } })).toBe(0);
    const refused = await appError(approveStatement({ actor: ad, id, version: seen }));
    expect(refused.message).toBe(CHANGED);
  });

  it("an edit racing an approval never posts content the approver did not see", async () => {
    const rounds = 6;
    const outcomes: string[] = [];
    for (let i = 0; i < rounds; i++) {
      const { id, input, chair } = await pending();
      const ad = await actorFor(world(), "ad@example.org");
      const seen = await opened(id);
      const [approve, edit] = await Promise.allSettled([
        approveStatement({ actor: ad, id, version: seen }),
        save(chair, { ...input, id, version: seen, body: `swapped ${i}` }),
      ]);
      const st = await world().prisma.statement.findUniqueOrThrow({ where: { id }, include: { approvals: true } });
      if (st.state === "posted") {
        expect(st.body).toBe("hello");
        expect(edit.status).toBe("rejected");
      } else {
        expect(st.state).toBe("pending");
        expect(st.approvals).toEqual([]);
        expect(st.body).toBe(`swapped ${i}`);
      }
      outcomes.push(
        `${approve.status === "fulfilled" ? "approved" : "approval refused"}/${edit.status === "fulfilled" ? "edit saved" : "edit refused"} → ${st.state}`,
      );
    }
    console.log(`Approve racing an edit (${testEngine}), ${rounds} rounds: ${outcomes.join("; ")}`);
  });
});

describe(`Approve and Return through the server actions carry the version (${testEngine})`, () => {
  async function signedInAs(email: string) {
    const person = await world().prisma.emailAddress.findUniqueOrThrow({
      where: { address: email },
      include: { person: true },
    });
    await browserSignedInAs(person.personId, person.person.sessionVersion);
  }

  it("refuses a form without the version, and one with an old version, with a clear message; the current one posts", async () => {
    const { id, input } = await pending();
    const seen = await opened(id);
    await signedInAs("chair@example.org");
    expect(
      await runAction(
        saveStatementForm,
        form({ ...input, id, version: seen, intent: "save", body: "the chair's new body" } as never),
      ),
    ).toMatchObject({ kind: "success" });
    const before = await recorded(id);

    await signedInAs("ad@example.org");
    const missing = await runAction(approveAction, form({ id }));
    expect(missing).toMatchObject({ kind: "error", code: "VALIDATION" });
    const stale = await runAction(approveAction, form({ id, version: seen }));
    expect(stale).toEqual({ kind: "error", code: "INVALID_STATE", detail: CHANGED });
    const staleReturn = await runAction(returnAction, form({ id, version: seen, comment: "No." }));
    expect(staleReturn).toEqual({ kind: "error", code: "INVALID_STATE", detail: CHANGED });
    expect(await recorded(id)).toBe(before);

    expect(await runAction(approveAction, form({ id, version: await opened(id) }))).toEqual({
      kind: "success",
      detail: `redirect /statements/${id}`,
    });
    expect((await world().prisma.statement.findUniqueOrThrow({ where: { id } })).body).toBe("the chair's new body");
    signOutBrowser();
  });
});
