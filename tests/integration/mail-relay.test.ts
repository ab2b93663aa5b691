/**
 * Issue 13, item 7: the desk's "Send report" took up to ~180 arbitrary recipients per request with no rate
 * limit — an open mail relay for anyone with liaison-manager rights. Recipients are now limited to the
 * configured IESG/IAB addresses, the directory's people and the sender; a report goes to at most
 * MAIL_LIMITS.reportRecipients addresses; one person sends at most MAIL_LIMITS.reportsPerWindow reports per
 * window. A refusal names the refused address and sends (and records) nothing.
 */
import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", async () => (await import("../support/server-actions")).nextHeadersMock);
vi.mock("next/cache", async () => (await import("../support/server-actions")).nextCacheMock);
vi.mock("next-auth", async (original) => ({
  ...(await original<typeof import("next-auth")>()),
  ...(await import("../support/server-actions")).nextAuthMock,
}));

import { invitePersonAction } from "@/actions/admin";
import { sendReportAction } from "@/actions/desk";
import { requestPasswordReset, requestSignInLink } from "@/server/auth/email-links";
import { MAIL_LIMITS } from "@/server/auth/rate-limit";
import { loadGroupIndex } from "@/server/authz/load";
import { sendStatusReport } from "@/server/desk/send-report";
import { AppError } from "@/server/errors";
import { actorFor, setupDemoWorld } from "../support/demo-world";
import { browserSignedInAs, form, runAction, signOutBrowser } from "../support/server-actions";
import { testEngine } from "../support/test-database";

const world = setupDemoWorld();

async function writes() {
  const p = world().prisma;
  return { mail: await p.mail.count({ where: { kind: "report" } }), audit: await p.auditLog.count() };
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe(`"Send report" is not an open mail relay (${testEngine})`, () => {
  beforeEach(async () => {
    // each test starts with a fresh budget
    await world().prisma.signInAttempt.deleteMany();
  });

  it("refuses an address outside the IESG/IAB, the directory and the sender, naming it; nothing is sent", async () => {
    const lm = await actorFor(world(), "lm-3gpp@example.org");
    const before = await writes();
    const error = await refusal(
      sendStatusReport(lm, await loadGroupIndex(), {
        org: "3gpp",
        recipients: "iesg@ietf.org, Victim <victim@spam-target.example>, other@spam-target.example",
      }),
    );
    expect(error.code).toBe("VALIDATION");
    expect(error.fieldErrors?.recipients).toMatch(/victim@spam-target\.example, other@spam-target\.example/);
    expect(error.fieldErrors?.recipients).toMatch(/IESG|IAB|directory|yourself/);
    expect(await writes()).toEqual(before);
  });

  it("180 recipients in one request are refused whatever they are; nothing is sent", async () => {
    const lm = await actorFor(world(), "lm-3gpp@example.org");
    const before = await writes();
    const known = (await world().prisma.emailAddress.findMany({ where: { isActive: true }, take: 180 })).map(
      (e) => e.address,
    );
    const recipients = [...known, ...Array.from({ length: 180 - known.length }, (_, i) => `x${i}@spam-target.example`)];
    expect(recipients).toHaveLength(180);
    const error = await refusal(
      sendStatusReport(lm, await loadGroupIndex(), { org: "3gpp", recipients: recipients.join("\n") }),
    );
    expect(error.code).toBe("VALIDATION");
    expect(error.fieldErrors?.recipients).toMatch(new RegExp(`at most ${MAIL_LIMITS.reportRecipients}`));
    expect(await writes()).toEqual(before);
  });

  it("accepts the IESG and IAB addresses, a person of the directory (any case), and the sender", async () => {
    const lm = await actorFor(world(), "lm-3gpp@example.org");
    const result = await sendStatusReport(lm, await loadGroupIndex(), {
      org: "3gpp",
      recipients: "The IESG <iesg@ietf.org>, iab@iab.org\nQuentin Hale <Chair@Example.org>\nlm-3gpp@example.org",
    });
    expect(result.recipients).toHaveLength(4);
  });

  it(`one person sends at most ${MAIL_LIMITS.reportsPerWindow} reports per window, even in parallel; the next is refused with a clear message`, async () => {
    const lm = await actorFor(world(), "lm-3gpp@example.org");
    const before = await writes();
    const results = await Promise.allSettled(
      Array.from({ length: MAIL_LIMITS.reportsPerWindow + 5 }, async () =>
        sendStatusReport(lm, await loadGroupIndex(), { org: "3gpp", recipients: "iesg@ietf.org" }),
      ),
    );
    const sent = results.filter((r) => r.status === "fulfilled").length;
    const refused = results.filter(
      (r) => r.status === "rejected" && r.reason instanceof AppError && r.reason.code === "RATE_LIMITED",
    );
    console.log(
      `Send report (${testEngine}): ${results.length} parallel reports from one person → ${sent} sent, ${refused.length} refused`,
    );
    expect(sent).toBe(MAIL_LIMITS.reportsPerWindow);
    expect(refused).toHaveLength(5);
    expect(((refused[0] as PromiseRejectedResult).reason as AppError).message).toMatch(
      /^You have sent \d+ reports in the last hour\. Try again in \d+ minutes?\.$/,
    );
    expect(await writes()).toEqual({ mail: before.mail + sent, audit: before.audit + sent });
    // another person has their own budget
    const coordinator = await actorFor(world(), "coordinator@example.org");
    await sendStatusReport(coordinator, await loadGroupIndex(), { org: "all", recipients: "iab@iab.org" });
  });

  it("through the server action: the refused address is named in the field's message", async () => {
    const lm = await world().prisma.emailAddress.findUniqueOrThrow({
      where: { address: "lm-3gpp@example.org" },
      include: { person: true },
    });
    await browserSignedInAs(lm.personId, lm.person.sessionVersion);
    const before = await writes();
    const outcome = await runAction(
      sendReportAction,
      form({ org: "3gpp", recipients: "iesg@ietf.org\nvictim@spam-target.example" }),
    );
    signOutBrowser();
    expect(outcome).toMatchObject({ kind: "error", code: "VALIDATION" });
    expect(outcome.detail).toContain("victim@spam-target.example");
    expect(await writes()).toEqual(before);
  });
});

describe(`the other mail a person can make the app send to an address they type (${testEngine})`, () => {
  beforeEach(async () => {
    await world().prisma.signInAttempt.deleteMany();
  });

  // Sign-in links and reset links go only to an account's own address (unknown addresses get nothing), at
  // most 5 per address per 15 minutes; the count was check-then-act like the sign-in limit (item 3).
  it.each([
    ["sign_in", (email: string) => requestSignInLink(email)],
    ["password_reset", (email: string) => requestPasswordReset(email)],
  ] as const)("20 parallel %s requests for one address queue at most 5 mails", async (kind, request) => {
    const p = world().prisma;
    const before = await p.mail.count({ where: { kind } });
    await Promise.all(Array.from({ length: 20 }, () => request("lm-itu@example.org")));
    const sent = (await p.mail.count({ where: { kind } })) - before;
    console.log(`${kind} links (${testEngine}): 20 parallel requests for one address → ${sent} mails`);
    expect(sent).toBeLessThanOrEqual(5);
    expect(sent).toBeGreaterThan(0);
  });

  it(`the Secretariat sends at most ${MAIL_LIMITS.invitationsPerWindow} invitations per window; the next is refused, naming the limit`, async () => {
    const p = world().prisma;
    const secretariat = await p.emailAddress.findUniqueOrThrow({
      where: { address: "secretariat@example.org" },
      include: { person: true },
    });
    const people = await p.person.findMany({
      where: { emails: { some: { isPrimary: true, isActive: true } } },
      take: MAIL_LIMITS.invitationsPerWindow + 1,
      orderBy: { id: "asc" },
    });
    expect(people).toHaveLength(MAIL_LIMITS.invitationsPerWindow + 1);
    await browserSignedInAs(secretariat.personId, secretariat.person.sessionVersion);
    try {
      const before = await p.mail.count({ where: { kind: "invitation" } });
      const outcomes = [];
      for (const person of people) outcomes.push(await runAction(invitePersonAction, form({ personId: person.id })));
      expect(outcomes.slice(0, -1).every((o) => o.kind === "success")).toBe(true);
      expect(outcomes.at(-1)).toMatchObject({ kind: "error", code: "RATE_LIMITED" });
      expect(outcomes.at(-1)?.detail).toMatch(
        new RegExp(
          `^You have sent ${MAIL_LIMITS.invitationsPerWindow} invitations in the last hour\\. Try again in \\d+ minutes?\\.$`,
        ),
      );
      expect(await p.mail.count({ where: { kind: "invitation" } })).toBe(before + MAIL_LIMITS.invitationsPerWindow);
    } finally {
      signOutBrowser();
    }
  });
});
