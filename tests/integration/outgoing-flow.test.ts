import { describe, expect, it } from "vitest";
import type { Actor } from "@/server/authz/types";
import { AppError } from "@/server/errors";
import { approveStatement } from "@/server/statements/approve-statement";
import { returnStatement } from "@/server/statements/return-statement";
import { saveStatement } from "@/server/statements/save-statement";
import { statementFormSchema } from "@/server/statements/schema";
import { submitStatement } from "@/server/statements/submit-statement";
import { withdrawStatement } from "@/server/statements/withdraw-statement";
import { actorFor, groupId, setupDemoWorld } from "../support/demo-world";
import { seenVersion } from "../support/seen-version";
import { testEngine } from "../support/test-database";

const world = setupDemoWorld();
const COORD = "liaison-coordination@iab.org";

async function draft(actor: Actor, overrides: Record<string, unknown> = {}) {
  const db = world();
  const input = statementFormSchema.parse({
    direction: "outgoing",
    from: String(await groupId(db, "quic")),
    to: String(await groupId(db, "3gpp-tsgsa-sa2")),
    fromContact: "Quentin Hale <chair@example.org>\nquic@ietf.org",
    fromLiaisonContact: "Mia Tanaka <lm-3gpp@example.org>",
    toContact: "3GPP SA2 Chair <sa2-chair@example.net>",
    toLiaisonContact: "",
    title: "LS on QUIC multipath deployment status",
    purpose: "action",
    deadline: "2027-01-15",
    body: "Dear colleagues,\n\nplease find our status.\n",
    otherIdentifiers: "",
    ...overrides,
  });
  return saveStatement({ actor, input });
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

describe(`outgoing statements end to end (${testEngine})`, () => {
  it("draft → submit (approval request to the wit ADs, Cc the To group's LM and coordination) → AD approves → posted, LM in Cc", async () => {
    const db = world();
    const chair = await actorFor(db, "chair@example.org");
    const ad = await actorFor(db, "ad@example.org");
    const id = await draft(chair);
    expect((await db.prisma.statement.findUniqueOrThrow({ where: { id } })).state).toBe("draft");

    expect(await submitStatement({ actor: chair, id })).toBe("pending");
    const request = await db.prisma.mail.findFirstOrThrow({ where: { statementId: id, kind: "approval_request" } });
    expect(request.to.join()).toContain("ad@example.org");
    // RFC 4053bis §1: the liaison manager is consulted before a statement is sent (issue 15, section 5).
    expect(request.cc).toEqual(["Mia Tanaka <lm-3gpp@example.org>", COORD]);

    expect(await approveStatement({ actor: ad, id, version: await seenVersion(id) })).toBe("posted");
    const st = await db.prisma.statement.findUniqueOrThrow({
      where: { id },
      include: { approvals: true, events: true },
    });
    expect(st.state).toBe("posted");
    expect(st.postedAt).not.toBeNull();
    expect(st.approvals).toHaveLength(1);
    expect(st.events.map((e) => e.text)).toContain(
      "Approved for QUIC by Ada Lindqvist as AD of Web and Internet Transport",
    );
    const mail = await db.prisma.mail.findFirstOrThrow({ where: { statementId: id, kind: "distribution" } });
    expect(mail.to).toEqual(["3GPP SA2 Chair <sa2-chair@example.net>"]);
    expect(mail.cc).toEqual(
      expect.arrayContaining([
        "Quentin Hale <chair@example.org>",
        "quic@ietf.org",
        "Mia Tanaka <lm-3gpp@example.org>",
        COORD,
      ]),
    );
    expect(mail.replyTo).toBe("Mia Tanaka <lm-3gpp@example.org>");
    expect(mail.subject).toBe('New Liaison Statement, "LS on QUIC multipath deployment status"');
    expect(mail.body).toContain(`/statements/${id}`);

    await expectError(
      approveStatement({ actor: ad, id, version: await seenVersion(id) }),
      "INVALID_STATE",
      /already approved and posted/,
    );
  });

  it("refuses approval by the chair, another area's AD and a signed-out caller, changing nothing", async () => {
    const db = world();
    const chair = await actorFor(db, "chair@example.org");
    const id = await draft(chair);
    await submitStatement({ actor: chair, id });
    const before = await db.prisma.statement.findUniqueOrThrow({ where: { id }, include: { approvals: true } });
    const secAd = await db.prisma.roleAssignment.findFirstOrThrow({ where: { role: "ad", group: { acronym: "sec" } } });
    // Demo ADs other than ad@example.org have no password; the policy only looks at roles.
    const otherAd: Actor = {
      personId: secAd.personId,
      name: "Sec AD",
      email: secAd.email,
      roles: [{ role: "ad", groupId: secAd.groupId, organizationId: null }],
    };
    await expectError(approveStatement({ actor: chair, id, version: await seenVersion(id) }), "FORBIDDEN");
    await expectError(approveStatement({ actor: otherAd, id, version: await seenVersion(id) }), "NOT_FOUND");
    // Signed out never reaches the use-case (its actor is typed non-null): authz-matrix's "signed out" row.
    const after = await db.prisma.statement.findUniqueOrThrow({ where: { id }, include: { approvals: true } });
    expect(after.state).toBe("pending");
    expect(after.approvals).toEqual(before.approvals);
    expect(after.version).toBe(before.version);
  });

  it("refuses approving a draft with a clear message", async () => {
    const db = world();
    const chair = await actorFor(db, "chair@example.org");
    const ad = await actorFor(db, "ad@example.org");
    const id = await draft(chair);
    await expectError(
      approveStatement({ actor: ad, id, version: await seenVersion(id) }),
      "INVALID_STATE",
      /is a draft, so it cannot be approved/,
    );
  });

  it("the AD's own submission is approved at once and posts", async () => {
    const db = world();
    const ad = await actorFor(db, "ad@example.org");
    const id = await draft(ad, { fromContact: "Ada Lindqvist <ad@example.org>" });
    expect(await submitStatement({ actor: ad, id })).toBe("posted");
    expect(await db.prisma.mail.count({ where: { statementId: id, kind: "approval_request" } })).toBe(0);
    expect(await db.prisma.mail.count({ where: { statementId: id, kind: "distribution" } })).toBe(1);
  });

  it("return to submitter needs a comment, goes back to draft and mails the submitter; withdraw needs a reason", async () => {
    const db = world();
    const chair = await actorFor(db, "chair@example.org");
    const coordinator = await actorFor(db, "coordinator@example.org");
    const id = await draft(chair);
    await submitStatement({ actor: chair, id });
    await expectError(
      returnStatement({ actor: coordinator, id, version: await seenVersion(id), comment: "  " }),
      "VALIDATION",
    );
    await returnStatement({
      actor: coordinator,
      id,
      version: await seenVersion(id),
      comment: "Please add the SA2 document number.",
    });
    expect((await db.prisma.statement.findUniqueOrThrow({ where: { id } })).state).toBe("draft");
    const returned = await db.prisma.mail.findFirstOrThrow({ where: { statementId: id, kind: "returned" } });
    expect(returned.to).toEqual(["Quentin Hale <chair@example.org>"]);
    expect(returned.body).toContain("Please add the SA2 document number.");
    await expectError(withdrawStatement({ actor: chair, id, reason: "" }), "VALIDATION");
    await withdrawStatement({ actor: chair, id, reason: "Superseded by a joint statement" });
    const st = await db.prisma.statement.findUniqueOrThrow({ where: { id } });
    expect([st.state, st.withdrawnReason]).toEqual(["withdrawn", "Superseded by a joint statement"]);
  });

  it("the chair cannot send from a WG they do not chair", async () => {
    const db = world();
    const chair = await actorFor(db, "chair@example.org");
    await expectError(
      draft(chair, { from: String(await groupId(db, "tls")) }),
      "VALIDATION",
      /cannot enter a statement/,
    );
  });

  it("20 concurrent approvals of one pending statement: one approval, one distribution mail", async () => {
    const db = world();
    const chair = await actorFor(db, "chair@example.org");
    const ad = await actorFor(db, "ad@example.org");
    const id = await draft(chair);
    await submitStatement({ actor: chair, id });
    const seen = await seenVersion(id); // all 20 opened the same page
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => approveStatement({ actor: ad, id, version: seen })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) {
      if (r.status === "rejected") {
        expect(r.reason).toBeInstanceOf(AppError);
        expect((r.reason as AppError).code).toBe("INVALID_STATE");
      }
    }
    expect(await db.prisma.approval.count({ where: { statementId: id } })).toBe(1);
    expect(await db.prisma.statementEvent.count({ where: { statementId: id, type: "approved" } })).toBe(1);
    expect(await db.prisma.mail.count({ where: { statementId: id, kind: "distribution" } })).toBe(1);
  });
});
