/**
 * Sign-in, sessions and role navigation on the demo data: password sign-in and its rate limits, one-time
 * tokens, e-mail sign-in links, password reset ending old sessions, canSignIn, role changes taking effect
 * at once, and the navigation each demo persona is offered. The last part (issue 8, "Sessions") proves the
 * same through the server actions with real session cookies: brute force through the sign-in action, and
 * an old session losing a removed role (or the session itself) at its very next action.
 */
import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", async () => (await import("../support/server-actions")).nextHeadersMock);
vi.mock("next/cache", async () => (await import("../support/server-actions")).nextCacheMock);
vi.mock("next-auth", async (original) => ({
  ...(await original<typeof import("next-auth")>()),
  ...(await import("../support/server-actions")).nextAuthMock,
}));

import { assignRoleAction, removeRoleAction, updatePersonAction } from "@/actions/admin";
import { signInWithPassword, signOut } from "@/actions/auth";
import { approveAction, saveStatementForm } from "@/actions/statements";
import { loadActor } from "@/server/auth/actor";
import {
  requestPasswordReset,
  requestSignInLink,
  resetPassword,
  safeCallbackPath,
  signInWithLink,
} from "@/server/auth/email-links";
import { admitSignInAttempt, LIMITS } from "@/server/auth/rate-limit";
import { authenticate } from "@/server/auth/sign-in";
import { consumeToken, createToken, isTokenValid, TOKEN_TTL_MS } from "@/server/auth/tokens";
import { loadGroupIndex } from "@/server/authz/load";
import { navigationFor } from "@/server/authz/navigation";
import { AppError } from "@/server/errors";
import { saveStatement } from "@/server/statements/save-statement";
import { statementFormSchema } from "@/server/statements/schema";
import { submitStatement } from "@/server/statements/submit-statement";
import { actorFor, groupId, setupDemoWorld } from "../support/demo-world";
import {
  type ActionOutcome,
  currentCookies,
  form,
  runAction,
  setClientAddress,
  setCookies,
  signOutBrowser,
} from "../support/server-actions";
import { testEngine } from "../support/test-database";

const world = setupDemoWorld();
const PASSWORD = "liaison-demo";

const DEMO_ACCOUNTS = [
  "secretariat@example.org",
  "coordinator@example.org",
  "ietf-chair@example.org",
  "iab-chair@example.org",
  "ad@example.org",
  "chair@example.org",
  "cochair@example.org",
  "lm-3gpp@example.org",
  "lm-itu@example.org",
] as const;

let clientCounter = 0;
/** A fresh client key per use, so the per-client limit of one test never leaks into another. */
const freshClient = () => `198.51.100.${++clientCounter}`;

async function personIdOf(email: string): Promise<number> {
  return (await world().prisma.emailAddress.findUniqueOrThrow({ where: { address: email } })).personId;
}

async function appError(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** The first https?://…/path?query URL in a mail body, parsed. */
function linkIn(body: string, path: string): URL {
  const match = body.match(/https?:\/\/\S+/g)?.find((u) => new URL(u).pathname === path);
  expect(match, `a ${path} link in:\n${body}`).toBeDefined();
  return new URL(match as string);
}

describe(`sign-in and sessions (${testEngine})`, () => {
  beforeEach(async () => {
    // Every test starts without earlier failures counting against it.
    await world().prisma.signInAttempt.deleteMany();
  });

  describe("password sign-in", () => {
    it.each(DEMO_ACCOUNTS)("%s signs in with the demo password", async (email) => {
      const result = await authenticate(email, PASSWORD, freshClient());
      expect(result).toEqual({ ok: true, personId: await personIdOf(email), sessionVersion: expect.any(Number) });
      if (!result.ok) return;
      const actor = await loadActor(result.personId, result.sessionVersion);
      expect(actor?.email).toBe(email);
      expect(actor?.roles.length).toBeGreaterThan(0);
    });

    it("accepts the address in any case and with surrounding spaces, and a person's other address", async () => {
      const chair = await personIdOf("chair@example.org");
      expect(await authenticate("  Chair@Example.ORG ", PASSWORD, freshClient())).toMatchObject({
        ok: true,
        personId: chair,
      });
      expect(await authenticate("quentin.hale@example.net", PASSWORD, freshClient())).toMatchObject({
        ok: true,
        personId: chair,
      });
    });

    it("answers a wrong password and an unknown address alike", async () => {
      const wrong = await authenticate("ad@example.org", "not-the-password", freshClient());
      const unknown = await authenticate("nobody@example.org", PASSWORD, freshClient());
      expect(wrong).toEqual({ ok: false, reason: "invalid" });
      expect(unknown).toEqual(wrong);
      // a known address without a password (cannot sign in) answers the same
      expect(await authenticate("tomas.novak@example.org", PASSWORD, freshClient())).toEqual(wrong);
      expect(await authenticate("ad@example.org", "", freshClient())).toEqual(wrong);
    });

    it("after 5 failures for one address the 6th attempt is refused, even with the right password; others are unaffected", async () => {
      for (let i = 0; i < LIMITS.perAddress; i++) {
        expect(await authenticate("iab-chair@example.org", `wrong-${i}`, freshClient())).toEqual({
          ok: false,
          reason: "invalid",
        });
      }
      const sixth = await authenticate("iab-chair@example.org", PASSWORD, freshClient());
      expect(sixth.ok).toBe(false);
      if (sixth.ok) return;
      expect(sixth.reason).toBe("rate_limited");
      expect(sixth.retryAfterSeconds).toBeGreaterThan(0);
      expect(sixth.retryAfterSeconds).toBeLessThanOrEqual(LIMITS.windowMs / 1000);
      // the address in another spelling is the same address
      expect(await authenticate(" IAB-Chair@example.org", PASSWORD, freshClient())).toMatchObject({
        ok: false,
        reason: "rate_limited",
      });
      // other addresses, from the same client, still work
      expect(await authenticate("ietf-chair@example.org", PASSWORD, freshClient())).toMatchObject({ ok: true });
      // once the window has passed, the address is allowed again
      const later = new Date(Date.now() + LIMITS.windowMs + 1_000);
      expect(await admitSignInAttempt("iab-chair@example.org", freshClient(), later)).toMatchObject({
        allowed: true,
        retryAfterSeconds: 0,
      });
    });

    it("fewer than 5 failures do not lock an address, and a success clears them", async () => {
      const client = freshClient();
      for (let i = 0; i < LIMITS.perAddress - 1; i++) await authenticate("ad@example.org", "wrong", client);
      expect(await authenticate("ad@example.org", PASSWORD, client)).toMatchObject({ ok: true });
      for (let i = 0; i < LIMITS.perAddress - 1; i++) await authenticate("ad@example.org", "wrong", client);
      expect(await authenticate("ad@example.org", PASSWORD, client)).toMatchObject({ ok: true });
    });

    it("20 failures from one client refuse that client for every address; other clients are unaffected", async () => {
      const client = freshClient();
      for (let i = 0; i < LIMITS.perClient; i++) {
        // distinct unknown addresses, so only the per-client limit can trip
        expect(await authenticate(`nobody-${i}@example.org`, "guess", client)).toEqual({
          ok: false,
          reason: "invalid",
        });
      }
      for (const email of ["secretariat@example.org", "lm-itu@example.org", "someone-new@example.org"]) {
        const result = await authenticate(email, PASSWORD, client);
        expect(result).toMatchObject({ ok: false, reason: "rate_limited" });
        if (!result.ok) expect(result.retryAfterSeconds).toBeGreaterThan(0);
      }
      expect(await authenticate("secretariat@example.org", PASSWORD, freshClient())).toMatchObject({ ok: true });
    });

    it("a person who may not sign in cannot authenticate, even with the right password", async () => {
      const db = world().prisma;
      const id = await personIdOf("coordinator@example.org");
      await db.person.update({ where: { id }, data: { canSignIn: false } });
      try {
        expect(await authenticate("coordinator@example.org", PASSWORD, freshClient())).toEqual({
          ok: false,
          reason: "invalid",
        });
        expect(await loadActor(id)).toBeNull();
        const before = await db.mail.count({ where: { kind: "sign_in" } });
        await requestSignInLink("coordinator@example.org");
        expect(await db.mail.count({ where: { kind: "sign_in" } })).toBe(before);
      } finally {
        await db.person.update({ where: { id }, data: { canSignIn: true } });
      }
      expect(await authenticate("coordinator@example.org", PASSWORD, freshClient())).toMatchObject({ ok: true });
    });

    it("an inactive address cannot be used to sign in", async () => {
      const db = world().prisma;
      await db.emailAddress.update({ where: { address: "quentin.hale@example.net" }, data: { isActive: false } });
      try {
        expect(await authenticate("quentin.hale@example.net", PASSWORD, freshClient())).toEqual({
          ok: false,
          reason: "invalid",
        });
      } finally {
        await db.emailAddress.update({ where: { address: "quentin.hale@example.net" }, data: { isActive: true } });
      }
    });
  });

  describe("one-time tokens", () => {
    it("work once, not twice", async () => {
      const raw = await createToken("sign-in", "chair@example.org");
      expect(await isTokenValid("sign-in", "chair@example.org", raw)).toBe(true);
      expect(await consumeToken("sign-in", "chair@example.org", raw)).toBe(true);
      expect(await consumeToken("sign-in", "chair@example.org", raw)).toBe(false);
      expect(await isTokenValid("sign-in", "chair@example.org", raw)).toBe(false);
    });

    it("do not work after they expire", async () => {
      const raw = await createToken("sign-in", "chair@example.org");
      const justBefore = new Date(Date.now() + TOKEN_TTL_MS["sign-in"] - 5_000);
      const after = new Date(Date.now() + TOKEN_TTL_MS["sign-in"] + 1_000);
      expect(await isTokenValid("sign-in", "chair@example.org", raw, justBefore)).toBe(true);
      expect(await consumeToken("sign-in", "chair@example.org", raw, after)).toBe(false);
      const old = await createToken("reset", "chair@example.org", new Date(Date.now() - TOKEN_TTL_MS.reset - 1_000));
      expect(await consumeToken("reset", "chair@example.org", old)).toBe(false);
    });

    it("do not work for another address or another purpose, and such attempts do not burn them", async () => {
      const raw = await createToken("reset", "chair@example.org");
      expect(await consumeToken("reset", "ad@example.org", raw)).toBe(false);
      expect(await consumeToken("sign-in", "chair@example.org", raw)).toBe(false);
      expect(await consumeToken("invite", "chair@example.org", raw)).toBe(false);
      expect(await consumeToken("reset", "chair@example.org", `${raw}x`)).toBe(false);
      expect(await consumeToken("reset", "chair@example.org", "")).toBe(false);
      expect(await consumeToken("reset", "CHAIR@example.org", raw)).toBe(true);
    });

    it("are stored only as a hash", async () => {
      const raw = await createToken("sign-in", "chair@example.org");
      expect(await world().prisma.verificationToken.count({ where: { token: raw } })).toBe(0);
      await consumeToken("sign-in", "chair@example.org", raw);
    });
  });

  describe("sign-in links by e-mail", () => {
    it("a known address gets exactly one sign_in mail with a link that works once", async () => {
      const db = world().prisma;
      const before = await db.mail.findMany({ where: { kind: "sign_in" }, select: { id: true } });
      await requestSignInLink("Chair@Example.org", "/approvals");
      const mails = await db.mail.findMany({ where: { kind: "sign_in", id: { notIn: before.map((m) => m.id) } } });
      expect(mails).toHaveLength(1);
      const mail = mails[0]!;
      expect(mail.to).toEqual(["Quentin Hale <chair@example.org>"]);
      expect(mail.cc).toEqual([]);
      expect(mail.body).toMatch(/\/sign-in\/link\?\S+/);
      const url = linkIn(mail.body, "/sign-in/link");
      expect(url.searchParams.get("email")).toBe("chair@example.org");
      expect(url.searchParams.get("callbackUrl")).toBe("/approvals");
      const token = url.searchParams.get("token") ?? "";
      expect(token.length).toBeGreaterThan(20);

      const chair = await personIdOf("chair@example.org");
      expect(await signInWithLink("chair@example.org", token)).toEqual({
        personId: chair,
        sessionVersion: expect.any(Number),
      });
      const again = await appError(signInWithLink("chair@example.org", token));
      expect(again.code).toBe("VALIDATION");
      expect(again.message).toMatch(/invalid, was already used, or has expired/);
    });

    it("an unknown address gets no mail (and the caller cannot tell)", async () => {
      const db = world().prisma;
      const before = await db.mail.count();
      await expect(requestSignInLink("nobody@example.org")).resolves.toBeUndefined();
      await expect(requestSignInLink("tomas.novak@example.org")).resolves.toBeUndefined(); // no password, may not sign in
      expect(await db.mail.count()).toBe(before);
    });

    it("a link for one address does not sign in another", async () => {
      const db = world().prisma;
      const before = await db.mail.findMany({ where: { kind: "sign_in" }, select: { id: true } });
      await requestSignInLink("lm-3gpp@example.org");
      const mail = await db.mail.findFirstOrThrow({
        where: { kind: "sign_in", id: { notIn: before.map((m) => m.id) } },
      });
      const token = linkIn(mail.body, "/sign-in/link").searchParams.get("token") ?? "";
      await appError(signInWithLink("lm-itu@example.org", token));
      expect((await signInWithLink("lm-3gpp@example.org", token)).personId).toBe(
        await personIdOf("lm-3gpp@example.org"),
      );
    });

    it("an off-site callback in the link is replaced by the home page", async () => {
      const db = world().prisma;
      const before = await db.mail.findMany({ where: { kind: "sign_in" }, select: { id: true } });
      await requestSignInLink("iab-chair@example.org", "//evil.example/steal");
      const mail = await db.mail.findFirstOrThrow({
        where: { kind: "sign_in", id: { notIn: before.map((m) => m.id) } },
      });
      expect(linkIn(mail.body, "/sign-in/link").searchParams.get("callbackUrl")).toBe("/");
    });
  });

  describe("password reset", () => {
    it("sets the new password and ends every earlier session", async () => {
      const db = world().prisma;
      const email = "lm-itu@example.org";
      const id = await personIdOf(email);
      const oldVersion = (await db.person.findUniqueOrThrow({ where: { id } })).sessionVersion;
      expect(await loadActor(id, oldVersion)).not.toBeNull();

      const before = await db.mail.findMany({ where: { kind: "password_reset" }, select: { id: true } });
      await requestPasswordReset(email);
      await requestPasswordReset("nobody@example.org");
      const mails = await db.mail.findMany({
        where: { kind: "password_reset", id: { notIn: before.map((m) => m.id) } },
      });
      expect(mails).toHaveLength(1);
      expect(mails[0]!.to).toEqual(["Luis Ferreira <lm-itu@example.org>"]);
      const token = linkIn(mails[0]!.body, "/reset-password").searchParams.get("token") ?? "";

      // too short: refused, and the link still works
      const short = await appError(resetPassword(email, token, "short"));
      expect(short.fieldErrors?.password).toMatch(/at least 10 characters/);

      const result = await resetPassword(email, token, "a-new-password-42");
      expect(result.personId).toBe(id);
      expect(result.sessionVersion).toBe(oldVersion + 1);
      expect(await loadActor(id, oldVersion)).toBeNull();
      expect((await loadActor(id, result.sessionVersion))?.email).toBe(email);

      expect(await authenticate(email, PASSWORD, freshClient())).toEqual({ ok: false, reason: "invalid" });
      expect(await authenticate(email, "a-new-password-42", freshClient())).toEqual({
        ok: true,
        personId: id,
        sessionVersion: oldVersion + 1,
      });
      // the link worked once
      await appError(resetPassword(email, token, "yet-another-password"));
    });

    it("a reset link does not work once the person may no longer sign in", async () => {
      const db = world().prisma;
      const email = "iab-chair@example.org";
      const id = await personIdOf(email);
      const token = await createToken("reset", email);
      await db.person.update({ where: { id }, data: { canSignIn: false } });
      try {
        await appError(resetPassword(email, token, "taking-over-1234"));
        expect(await authenticate(email, "taking-over-1234", freshClient())).toEqual({ ok: false, reason: "invalid" });
      } finally {
        await db.person.update({ where: { id }, data: { canSignIn: true } });
      }
      expect(await authenticate(email, "taking-over-1234", freshClient())).toEqual({ ok: false, reason: "invalid" });
      expect(await authenticate(email, PASSWORD, freshClient())).toMatchObject({ ok: true });
    });
  });

  describe("roles", () => {
    it("removing a role assignment takes effect at the next loadActor", async () => {
      const db = world().prisma;
      const id = await personIdOf("chair@example.org");
      const version = (await db.person.findUniqueOrThrow({ where: { id } })).sessionVersion;
      const before = await loadActor(id, version);
      expect(before?.roles.map((r) => r.role)).toEqual(["wg_chair"]);
      const assignment = await db.roleAssignment.findFirstOrThrow({ where: { personId: id, role: "wg_chair" } });
      await db.roleAssignment.delete({ where: { id: assignment.id } });
      try {
        const after = await loadActor(id, version);
        expect(after).not.toBeNull();
        expect(after?.roles).toEqual([]);
        const groups = await loadGroupIndex();
        expect(navigationFor(after, groups).map((n) => n.label)).toEqual(["Statements", "Directory"]);
      } finally {
        const { id: _id, createdAt: _c, ...data } = assignment;
        await db.roleAssignment.create({ data });
      }
      expect((await loadActor(id, version))?.roles.map((r) => r.role)).toEqual(["wg_chair"]);
    });
  });
});

describe("where a sign-in may lead (safeCallbackPath)", () => {
  it.each([
    ["/approvals", "/approvals"],
    ["/statements?q=quic&direction=incoming", "/statements?q=quic&direction=incoming"],
    ["/statements/12#history", "/statements/12#history"],
    ["/statements/../admin", "/admin"],
  ])("keeps the same-site path %j", (input, expected) => {
    expect(safeCallbackPath(input)).toBe(expected);
  });

  it.each([
    undefined,
    "",
    "https://evil.example/x",
    "//evil.example/x",
    "/\\evil.example/x",
    "\\/evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r/evil.example",
    " //evil.example",
    "/.//evil.example",
    "javascript:alert(1)",
    "statements",
    `/${"a".repeat(2001)}`,
  ])("sends %j home", (input) => {
    expect(safeCallbackPath(input)).toBe("/");
    // whatever is returned stays on the site when a browser resolves it
    expect(new URL(safeCallbackPath(input), "https://liaison.example").host).toBe("liaison.example");
  });
});

describe(`navigation per demo persona (${testEngine})`, () => {
  const ALL = [
    "Statements",
    "My statements",
    "Enter outgoing",
    "Record incoming",
    "Approvals",
    "Action needed",
    "Desk",
    "Directory",
    "Administration",
    "Outbox",
  ];
  const expected: Record<string, string[]> = {
    "secretariat@example.org": ALL,
    "coordinator@example.org": ALL.filter((l) => l !== "Administration" && l !== "Outbox"),
    "ietf-chair@example.org": [
      "Statements",
      "My statements",
      "Enter outgoing",
      "Approvals",
      "Action needed",
      "Directory",
    ],
    "iab-chair@example.org": [
      "Statements",
      "My statements",
      "Enter outgoing",
      "Approvals",
      "Action needed",
      "Directory",
    ],
    "ad@example.org": ["Statements", "My statements", "Enter outgoing", "Approvals", "Action needed", "Directory"],
    "chair@example.org": ["Statements", "My statements", "Enter outgoing", "Action needed", "Directory"],
    "cochair@example.org": ["Statements", "My statements", "Enter outgoing", "Action needed", "Directory"],
    "lm-3gpp@example.org": [
      "Statements",
      "My statements",
      "Enter outgoing",
      "Record incoming",
      "Action needed",
      "Desk",
      "Directory",
    ],
    "lm-itu@example.org": [
      "Statements",
      "My statements",
      "Enter outgoing",
      "Record incoming",
      "Action needed",
      "Desk",
      "Directory",
    ],
  };

  it.each(Object.entries(expected))("%s", async (email, labels) => {
    const actor = await actorFor(world(), email);
    const nav = navigationFor(actor, await loadGroupIndex());
    expect(nav.map((n) => n.label)).toEqual(labels);
    for (const item of nav) expect(item.href).toMatch(/^\//);
  });

  it("signed out: Statements and Directory only", async () => {
    expect(navigationFor(null, await loadGroupIndex())).toEqual([
      { href: "/statements", label: "Statements" },
      { href: "/directory", label: "Directory" },
    ]);
  });
});

describe(`sessions through the server actions (issue 8) (${testEngine})`, () => {
  beforeEach(async () => {
    await world().prisma.signInAttempt.deleteMany();
    signOutBrowser();
    setClientAddress(null);
  });

  /** One sign-in attempt through the action, from a client address, as a browser without a session. */
  async function signInAttempt(email: string, password: string, client: string): Promise<ActionOutcome> {
    signOutBrowser();
    setClientAddress(client);
    try {
      return await runAction(signInWithPassword, form({ email, password }));
    } finally {
      setClientAddress(null);
    }
  }
  const answer = (o: ActionOutcome) =>
    o.kind === "success"
      ? "signed in"
      : o.code === "RATE_LIMITED"
        ? "rate limited"
        : o.detail.includes("The e-mail address or password is not correct.")
          ? "wrong password"
          : `${o.code}: ${o.detail}`;

  /** Signs in through the action and returns the session cookie it set (the "browser" of that person). */
  async function signedIn(email: string) {
    const outcome = await signInAttempt(email, PASSWORD, freshClient());
    expect(outcome).toEqual({ kind: "success", detail: "redirect /" });
    const cookies = currentCookies();
    expect(cookies.map((c) => c.name)).toEqual(["liaison.session"]);
    return cookies;
  }

  const outgoingDraft = async () => ({
    direction: "outgoing",
    intent: "save",
    from: String(await groupId(world(), "quic")),
    to: String(await groupId(world(), "3gpp-tsgsa-sa2")),
    fromContact: "Quentin Hale <chair@example.org>",
    toContact: "3GPP SA2 <sa2@example.net>",
    title: "LS from a session under test",
    purpose: "information",
    body: "Body.",
  });

  // ADR 004: "rate limits per address (5 failures / 15 min) and per client (20)".
  it("30 wrong passwords for one address, each from a new client: 5 are checked, then the address is locked, even for the right password", async () => {
    const answers: string[] = [];
    for (let i = 0; i < 30; i++) {
      answers.push(answer(await signInAttempt("iab-chair@example.org", `guess-${i}`, freshClient())));
    }
    expect(answers).toEqual([...Array(5).fill("wrong password"), ...Array(25).fill("rate limited")]);
    const right = await signInAttempt("IAB-Chair@example.org", PASSWORD, freshClient());
    expect(right).toMatchObject({ kind: "error", code: "RATE_LIMITED" });
    expect(right.detail).toMatch(/^Too many sign-in attempts\. Try again in 15 minutes, or use a sign-in link\./);
    expect(currentCookies()).toEqual([]); // no session
    // other addresses are not affected
    await signedIn("ietf-chair@example.org");
    console.log(
      `Sign-in brute force, one address (${testEngine}): 30 wrong passwords from 30 clients → ${answers.filter((a) => a === "wrong password").length} checked, ${answers.filter((a) => a === "rate limited").length} refused unchecked; the right password is then refused too ("${right.detail}").`,
    );
  });

  it("30 wrong passwords from one client over 30 addresses: 20 are checked, then the client is refused for every address", async () => {
    const client = freshClient();
    const addresses = [
      ...DEMO_ACCOUNTS.filter((a) => a !== "secretariat@example.org"),
      // (30 in all, whatever the number of demo accounts)
      ...Array.from({ length: 31 - DEMO_ACCOUNTS.length }, (_, i) => `guess-${i}@example.org`),
    ];
    expect(addresses).toHaveLength(30);
    const answers: string[] = [];
    for (const address of addresses) answers.push(answer(await signInAttempt(address, "guess", client)));
    expect(answers).toEqual([...Array(20).fill("wrong password"), ...Array(10).fill("rate limited")]);
    const right = await signInAttempt("secretariat@example.org", PASSWORD, client);
    expect(right).toMatchObject({ kind: "error", code: "RATE_LIMITED" });
    expect(right.detail).toMatch(/Try again in 15 minutes/);
    // no address got locked by these (each had at most one failure), and other clients still sign in
    await signedIn("secretariat@example.org");
    await signedIn(DEMO_ACCOUNTS[1]);
    console.log(
      `Sign-in brute force, one client (${testEngine}): 30 wrong passwords over 30 addresses → ${answers.filter((a) => a === "wrong password").length} checked, ${answers.filter((a) => a === "rate limited").length} refused unchecked; the right password from that client is then refused too.`,
    );
  });

  it("an old session loses a removed role at its next action, and gets it back as soon as it is reassigned", async () => {
    const db = world().prisma;
    const secretariat = await signedIn("secretariat@example.org");
    const chairSession = await signedIn("chair@example.org");
    const adSession = await signedIn("ad@example.org");
    const chairId = await personIdOf("chair@example.org");
    const adId = await personIdOf("ad@example.org");
    const chairRole = await db.roleAssignment.findFirstOrThrow({ where: { personId: chairId, role: "wg_chair" } });
    const adRole = await db.roleAssignment.findFirstOrThrow({ where: { personId: adId, role: "ad" } });
    const chair = await actorFor(world(), "chair@example.org");
    // a pending statement from quic that the AD (of its area) may approve
    const input = statementFormSchema.parse({ ...(await outgoingDraft()), title: "Awaiting the AD" });
    const pending = await saveStatement({ actor: chair, input });
    await submitStatement({ actor: chair, id: pending });
    const statements = () => db.statement.count();

    try {
      // with its role, the WG chair's session enters an outgoing statement
      setCookies(chairSession);
      expect(await runAction(saveStatementForm, form(await outgoingDraft()))).toMatchObject({ kind: "success" });

      // the Secretariat removes both roles (through the administration action)
      setCookies(secretariat);
      for (const role of [chairRole, adRole]) {
        expect(await runAction(removeRoleAction, form({ roleId: role.id }))).toEqual({
          kind: "success",
          detail: "Role removed.",
        });
      }

      // the same session cookies, unchanged, no longer carry the rights: nothing is written
      const before = await statements();
      setCookies(chairSession);
      const enter = await runAction(saveStatementForm, form(await outgoingDraft()));
      expect(enter).toMatchObject({ kind: "refused", code: "FORBIDDEN" });
      expect(enter.detail).toMatch(/enter outgoing statements/);
      // Approve carries the version the AD's page showed (issue 13, item 2)
      const { version } = await db.statement.findUniqueOrThrow({ where: { id: pending } });
      setCookies(adSession);
      expect(await runAction(approveAction, form({ id: pending, version }))).toMatchObject({ kind: "refused" });
      expect(await statements()).toBe(before);
      expect((await db.statement.findUniqueOrThrow({ where: { id: pending } })).state).toBe("pending");

      // reassigned: the AD's same old session approves at once
      setCookies(secretariat);
      expect(
        await runAction(assignRoleAction, form({ personId: adId, role: "ad", groupId: adRole.groupId as number })),
      ).toEqual({ kind: "success", detail: "Role assigned." });
      setCookies(adSession);
      expect(await runAction(approveAction, form({ id: pending, version }))).toEqual({
        kind: "success",
        detail: `redirect /statements/${pending}`,
      });
      expect((await db.statement.findUniqueOrThrow({ where: { id: pending } })).state).toBe("posted");
    } finally {
      signOutBrowser();
      for (const role of [chairRole, adRole]) {
        const { id: _id, createdAt: _c, ...data } = role;
        await db.roleAssignment.deleteMany({ where: { personId: data.personId, role: data.role } });
        await db.roleAssignment.create({ data });
      }
    }
  });

  it("an old session ends at once when sign-in is turned off, after 'sign out everywhere', and on sign out", async () => {
    const db = world().prisma;
    const secretariat = await signedIn("secretariat@example.org");
    const coordinatorId = await personIdOf("coordinator@example.org");
    const coordinator = await signedIn("coordinator@example.org");
    const { name } = await db.person.findUniqueOrThrow({ where: { id: coordinatorId } });
    const draft = async () => runAction(saveStatementForm, form(await outgoingDraft()));
    try {
      setCookies(coordinator);
      expect(await draft()).toMatchObject({ kind: "success" });

      // the Secretariat turns the person's sign-in off: the next action of the open session is refused
      setCookies(secretariat);
      expect(
        await runAction(updatePersonAction, form({ id: coordinatorId, name })), // "May sign in" unticked
      ).toMatchObject({ kind: "success" });
      const count = await db.statement.count();
      setCookies(coordinator);
      expect(await draft()).toMatchObject({ kind: "refused", code: "UNAUTHENTICATED" });
      expect(await db.statement.count()).toBe(count);
    } finally {
      await db.person.update({ where: { id: coordinatorId }, data: { canSignIn: true } });
      expect(await loadActor(coordinatorId)).not.toBeNull();
    }

    // a session minted before the session version was bumped (password reset, sign out everywhere) is void
    const chair = await signedIn("chair@example.org");
    setCookies(chair);
    expect(await draft()).toMatchObject({ kind: "success" });
    await db.person.update({
      where: { id: await personIdOf("chair@example.org") },
      data: { sessionVersion: { increment: 1 } },
    });
    setCookies(chair);
    expect(await draft()).toMatchObject({ kind: "refused", code: "UNAUTHENTICATED" });

    // signing out clears the cookie; the next action is refused
    const ad = await signedIn("ad@example.org");
    setCookies(ad);
    expect(await runAction(signOut as never, form({}))).toEqual({ kind: "success", detail: "redirect /" });
    expect(currentCookies()).toEqual([]);
    expect(await draft()).toMatchObject({ kind: "refused", code: "UNAUTHENTICATED" });
  });
});
