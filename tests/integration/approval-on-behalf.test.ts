import { describe, expect, it } from "vitest";
import { loadActor } from "@/server/auth/actor";
import { loadGroupIndex } from "@/server/authz/load";
import type { Actor } from "@/server/authz/types";
import { AppError } from "@/server/errors";
import { approveStatement } from "@/server/statements/approve-statement";
import { statementFormContext } from "@/server/statements/form-context";
import { saveStatement } from "@/server/statements/save-statement";
import { statementFormSchema } from "@/server/statements/schema";
import { submitStatement } from "@/server/statements/submit-statement";
import { actorFor, groupId, setupDemoWorld } from "../support/demo-world";
import { seenVersion } from "../support/seen-version";
import { testEngine } from "../support/test-database";

const world = setupDemoWorld();
const NOTE = "Ada Lindqvist approved by mail on 2026-12-01";

async function draft(actor: Actor, overrides: Record<string, unknown> = {}) {
  const db = world();
  const input = statementFormSchema.parse({
    direction: "outgoing",
    from: String(await groupId(db, "quic")),
    to: String(await groupId(db, "3gpp-tsgsa-sa2")),
    fromContact: "Quentin Hale <chair@example.org>",
    fromLiaisonContact: "",
    toContact: "3GPP SA2 Chair <sa2-chair@example.net>",
    toLiaisonContact: "",
    title: "LS on approval on behalf",
    purpose: "information",
    deadline: "",
    body: "Body.",
    otherIdentifiers: "",
    ...overrides,
  });
  return saveStatement({ actor, input });
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe(`approval the way 4053bis describes it (issue 15 §5, ${testEngine})`, () => {
  it("a Secretariat submission goes to the approvers (Cc the To group's LM), nothing is approved silently", async () => {
    const db = world();
    const secretariat = await actorFor(db, "secretariat@example.org");
    const id = await draft(secretariat);
    expect(await submitStatement({ actor: secretariat, id })).toBe("pending");
    expect(await db.prisma.approval.count({ where: { statementId: id } })).toBe(0);
    const request = await db.prisma.mail.findFirstOrThrow({ where: { statementId: id, kind: "approval_request" } });
    expect(request.to.join()).toContain("ad@example.org");
    expect(request.cc).toContain("Mia Tanaka <lm-3gpp@example.org>");
  });

  it("'Approve on behalf now' at submit needs the note, and the public history shows it", async () => {
    const db = world();
    const coordinator = await actorFor(db, "coordinator@example.org");
    const id = await draft(coordinator);
    const error = await failure(submitStatement({ actor: coordinator, id, approveOnBehalf: true, onBehalfNote: "  " }));
    expect(error.code).toBe("VALIDATION");
    expect(error.fieldErrors?.onBehalfNote).toMatch(/who approved and how/);
    expect((await db.prisma.statement.findUniqueOrThrow({ where: { id } })).state).toBe("draft");

    expect(await submitStatement({ actor: coordinator, id, approveOnBehalf: true, onBehalfNote: NOTE })).toBe("posted");
    const approval = await db.prisma.approval.findFirstOrThrow({ where: { statementId: id } });
    expect([approval.onBehalf, approval.onBehalfNote]).toEqual([true, NOTE]);
    const event = await db.prisma.statementEvent.findFirstOrThrow({ where: { statementId: id, type: "approved" } });
    expect(event.isPublic).toBe(true);
    expect(event.text).toBe(
      `Approved for QUIC by Colin Baker as IAB liaison coordinator, on behalf of the AD of Web and Internet Transport: ${NOTE}`,
    );
  });

  it("approving a pending statement on behalf is refused without the note, recorded with it", async () => {
    const db = world();
    const chair = await actorFor(db, "chair@example.org");
    const secretariat = await actorFor(db, "secretariat@example.org");
    const id = await draft(chair);
    await submitStatement({ actor: chair, id });
    const error = await failure(approveStatement({ actor: secretariat, id, version: await seenVersion(id) }));
    expect(error.code).toBe("VALIDATION");
    expect(error.fieldErrors?.onBehalfNote).toBeDefined();
    expect(await db.prisma.approval.count({ where: { statementId: id } })).toBe(0);

    expect(await approveStatement({ actor: secretariat, id, version: await seenVersion(id), onBehalfNote: NOTE })).toBe(
      "posted",
    );
    const approval = await db.prisma.approval.findFirstOrThrow({ where: { statementId: id } });
    expect(approval.onBehalfNote).toBe(NOTE);
  });

  it("the AD approves in her own right: no note asked", async () => {
    const db = world();
    const chair = await actorFor(db, "chair@example.org");
    const ad = await actorFor(db, "ad@example.org");
    const id = await draft(chair);
    await submitStatement({ actor: chair, id });
    expect(await approveStatement({ actor: ad, id, version: await seenVersion(id) })).toBe("posted");
    expect((await db.prisma.approval.findFirstOrThrow({ where: { statementId: id } })).onBehalfNote).toBeNull();
  });

  it("records and shows the role the submitter acted in; a person with several fitting roles picks one, checked on the server", async () => {
    const db = world();
    const ada = await actorFor(db, "ad@example.org");
    const quic = await groupId(db, "quic");
    const wit = await groupId(db, "wit");
    const sec = await groupId(db, "sec");
    // Ada also chairs QUIC: both roles fit a QUIC statement.
    await db.prisma.roleAssignment.create({
      data: { role: "wg_chair", personId: ada.personId, groupId: quic, email: "ad@example.org" },
    });
    const both = (await loadActor(ada.personId))!;
    // The form offers both roles under "Acting as".
    const context = await statementFormContext(both, await loadGroupIndex(), "outgoing");
    expect(context.actingAs.map((r) => r.label).sort()).toEqual(["AD of Web and Internet Transport", "Chair of QUIC"]);
    expect((await statementFormContext(ada, await loadGroupIndex(), "outgoing")).actingAs).toHaveLength(1);

    const wrong = await failure(draft(both, { actingAs: `ad:${sec}:` }));
    expect(wrong.code).toBe("VALIDATION");
    // A role Ada does not hold (a forged form) is refused as such, not as a role that does not fit.
    expect(wrong.fieldErrors?.actingAs).toMatch(/You do not hold the role that was sent/);

    const asChair = await draft(both, { actingAs: `wg_chair:${quic}:` });
    expect((await db.prisma.statement.findUniqueOrThrow({ where: { id: asChair } })).submitterRole).toBe("wg_chair");

    const asAd = await draft(both, { actingAs: `ad:${wit}:` });
    expect(await submitStatement({ actor: both, id: asAd })).toBe("posted");
    const submitted = await db.prisma.statementEvent.findFirstOrThrow({
      where: { statementId: asAd, type: "submitted" },
    });
    expect(submitted.text).toBe("Submitted by Ada Lindqvist as AD of Web and Internet Transport");
    await db.prisma.roleAssignment.deleteMany({ where: { personId: ada.personId, role: "wg_chair" } });
  });

  it("research groups do not originate statements: refused on the server, even for the Secretariat", async () => {
    const db = world();
    const secretariat = await actorFor(db, "secretariat@example.org");
    const error = await failure(draft(secretariat, { from: String(await groupId(db, "cfrg")) }));
    expect(error.code).toBe("VALIDATION");
    expect(error.fieldErrors?.from).toMatch(/Research groups do not send liaison statements/);
  });
});
