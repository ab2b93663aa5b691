/**
 * Issue 13, item 6 ("Sessions and links"), through the server actions with real session cookies (minted by the
 * app's startSession, decoded by next-auth's decode) and, for the cookie renewal, next-auth's own
 * /api/auth/session handler (AuthHandler, what src/app/api/auth/[...nextauth]/route.ts runs):
 *  - a session ends 12 h after sign-in, however often /api/auth/session re-issued its cookie;
 *  - sign-out ends the session on the server (the old cookie replayed is signed out), "Sign out everywhere"
 *    ends every session of the person;
 *  - a password reset (or a newer reset link) ends every outstanding reset link of the person;
 *  - turning a person's sign-in off cancels their invitation;
 *  - sign-in, reset and invitation links leave the stored mail once it is delivered or has failed for good,
 *    an automatic retry still delivers the link, a manual retry of a mail whose link is gone is refused;
 *  - requestLink / forgotPassword do the account-dependent work after the response, so the response is the
 *    same work for known and unknown addresses (figures: scripts/bench/request-link.ts).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", async () => (await import("../support/server-actions")).nextHeadersMock);
vi.mock("next/cache", async () => (await import("../support/server-actions")).nextCacheMock);
vi.mock("next/server", async (original) => ({
  ...(await original<object>()),
  ...(await import("../support/server-actions")).nextServerMock,
}));
vi.mock("next-auth", async (original) => ({
  ...(await original<typeof import("next-auth")>()),
  ...(await import("../support/server-actions")).nextAuthMock,
}));

import { createRequire } from "node:module";
import path from "node:path";
import { invitePersonAction, updatePersonAction } from "@/actions/admin";
import * as authActions from "@/actions/auth";
import { retryMailAction } from "@/actions/outbox";
import { saveStatementForm } from "@/actions/statements";
import type { Mail } from "@/generated/prisma/client";
import { authOptions } from "@/server/auth/session";
import { authenticate } from "@/server/auth/sign-in";
import { deliverDueMail, MAX_ATTEMPTS } from "@/server/mail/deliver";
import type { MailTransport } from "@/server/mail/transport";
import { groupId, setupDemoWorld } from "../support/demo-world";
import {
  currentCookies,
  finishAfterResponseWork,
  form,
  runAction,
  setClientAddress,
  setCookies,
  signOutBrowser,
} from "../support/server-actions";
import { testEngine } from "../support/test-database";

// next-auth's core handler (what GET /api/auth/session runs); its package exports do not list it.
interface InternalResponse {
  body?: unknown;
  cookies?: { name: string; value: string }[];
}
const { AuthHandler } = createRequire(import.meta.url)(path.resolve("node_modules/next-auth/core/index.js")) as {
  AuthHandler(params: { req: Record<string, unknown>; options: unknown }): Promise<InternalResponse>;
};

const world = setupDemoWorld();
const PASSWORD = "liaison-demo";
const HOUR = 3_600_000;
// The "Sign out everywhere" action is new with this item; on older code it is simply missing.
const signOutEverywhereAction = (authActions as Record<string, unknown>).signOutEverywhereAction as
  | Parameters<typeof runAction>[0]
  | undefined;

let clientCounter = 0;
const freshClient = () => `198.51.100.${200 + (++clientCounter % 50)}`;

type Cookies = ReturnType<typeof currentCookies>;

async function signedIn(email: string, password = PASSWORD): Promise<Cookies> {
  signOutBrowser();
  setClientAddress(freshClient());
  try {
    expect(await runAction(authActions.signInWithPassword, form({ email, password }))).toEqual({
      kind: "success",
      detail: "redirect /",
    });
  } finally {
    setClientAddress(null);
  }
  const cookies = currentCookies();
  expect(cookies.map((c) => c.name)).toEqual(["liaison.session"]);
  return cookies;
}

/** Something only a signed-in WG chair may do: save an outgoing draft from QUIC. */
async function saveDraftWith(cookies: Cookies) {
  setCookies(cookies);
  const outcome = await runAction(
    saveStatementForm,
    form({
      direction: "outgoing",
      intent: "save",
      from: String(await groupId(world(), "quic")),
      to: String(await groupId(world(), "3gpp-tsgsa-sa2")),
      fromContact: "Quentin Hale <chair@example.org>",
      toContact: "3GPP SA2 <sa2@example.net>",
      title: "Session test draft",
      purpose: "information",
      body: "Body.",
    }),
  );
  signOutBrowser();
  return outcome;
}

/** GET /api/auth/session with these cookies, through next-auth's own handler: its JSON and the cookies it sets. */
async function getSessionEndpoint(cookies: Cookies) {
  const response = await AuthHandler({
    req: {
      action: "session",
      method: "GET",
      cookies: Object.fromEntries(cookies.map((c) => [c.name, c.value])),
      headers: {},
    },
    options: authOptions(),
  });
  const set = (response.cookies ?? []).filter((c) => c.name === "liaison.session");
  return { body: response.body as Record<string, unknown>, set };
}

const personIdOf = async (email: string) =>
  (await world().prisma.emailAddress.findUniqueOrThrow({ where: { address: email } })).personId;

/** The token of the first link to `path` in a mail body. */
function tokenIn(body: string, path: string): string {
  const url = body.match(/https?:\/\/\S+/g)?.find((u) => new URL(u).pathname === path);
  expect(url, `a ${path} link in:\n${body}`).toBeDefined();
  return new URL(url as string).searchParams.get("token") ?? "";
}

async function newMails(kind: Mail["kind"], since: number): Promise<Mail[]> {
  return world().prisma.mail.findMany({ where: { kind, id: { gt: since } }, orderBy: { id: "asc" } });
}
const lastMailId = async () => (await world().prisma.mail.aggregate({ _max: { id: true } }))._max.id ?? 0;

describe(`sessions (${testEngine})`, () => {
  beforeEach(async () => {
    await world().prisma.signInAttempt.deleteMany();
    signOutBrowser();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("a session ends 12 h after sign-in, however often /api/auth/session re-issued its cookie", async () => {
    const signInAt = Date.now();
    vi.useFakeTimers({ toFake: ["Date"], now: signInAt });
    let cookies = await signedIn("chair@example.org");
    let renewals = 0;
    // The browser reads its session every hour; each answer comes with a cookie, which it keeps.
    for (let hour = 1; hour <= 11; hour++) {
      vi.setSystemTime(signInAt + hour * HOUR);
      const { body, set } = await getSessionEndpoint(cookies);
      expect(body.personId).toBe(await personIdOf("chair@example.org"));
      if (set[0]?.value) {
        cookies = [{ name: "liaison.session", value: set[0].value }];
        renewals++;
      }
    }
    vi.setSystemTime(signInAt + 12 * HOUR - 60_000);
    expect(await saveDraftWith(cookies)).toMatchObject({ kind: "success" });
    // One minute past the 12 h: signed out, with the renewed cookie as with the first one.
    vi.setSystemTime(signInAt + 12 * HOUR + 60_000);
    const count = await world().prisma.statement.count();
    expect(await saveDraftWith(cookies)).toMatchObject({ kind: "refused", code: "UNAUTHENTICATED" });
    expect(await world().prisma.statement.count()).toBe(count);
    expect((await getSessionEndpoint(cookies)).body.personId).toBeUndefined();
    console.log(
      `Session lifetime (${testEngine}): ${renewals} cookie renewals by /api/auth/session over 11 h; 12 h + 1 min after sign-in the renewed cookie is refused (UNAUTHENTICATED).`,
    );
  });

  it("sign-out ends the session on the server: the old cookie, replayed, is signed out; other sessions stay", async () => {
    const kept = await signedIn("chair@example.org");
    const old = await signedIn("chair@example.org");
    expect(await saveDraftWith(old)).toMatchObject({ kind: "success" });

    setCookies(old);
    expect(await runAction(authActions.signOut as never, form({}))).toEqual({ kind: "success", detail: "redirect /" });
    expect(currentCookies()).toEqual([]);

    const count = await world().prisma.statement.count();
    expect(await saveDraftWith(old)).toMatchObject({ kind: "refused", code: "UNAUTHENTICATED" });
    expect(await world().prisma.statement.count()).toBe(count);
    // the same person's other browser is still signed in
    expect(await saveDraftWith(kept)).toMatchObject({ kind: "success" });
  });

  it("'Sign out everywhere' ends every session of the person, the current one included, and no one else's", async () => {
    expect(signOutEverywhereAction, "a signOutEverywhereAction in src/actions/auth.ts").toBeTypeOf("function");
    const laptop = await signedIn("chair@example.org");
    const phone = await signedIn("chair@example.org");
    const other = await signedIn("lm-3gpp@example.org");
    expect(await saveDraftWith(laptop)).toMatchObject({ kind: "success" });

    setCookies(phone);
    expect(await runAction(signOutEverywhereAction as never, form({}))).toEqual({
      kind: "success",
      detail: "redirect /signed-out",
    });
    expect(currentCookies()).toEqual([]);
    for (const cookies of [laptop, phone]) {
      expect(await saveDraftWith(cookies)).toMatchObject({ kind: "refused", code: "UNAUTHENTICATED" });
    }
    expect(await world().prisma.session.count({ where: { personId: await personIdOf("chair@example.org") } })).toBe(0);
    // someone else's session is untouched
    expect(await saveDraftWith(other)).toMatchObject({ kind: "success" });
    // signed in again afterwards: works
    expect(await saveDraftWith(await signedIn("chair@example.org"))).toMatchObject({ kind: "success" });
    // signed out, the action refuses
    signOutBrowser();
    expect(await runAction(signOutEverywhereAction as never, form({}))).toMatchObject({
      kind: "refused",
      code: "UNAUTHENTICATED",
    });
  });
});

describe(`password-reset and invitation links (${testEngine})`, () => {
  beforeEach(async () => {
    await world().prisma.signInAttempt.deleteMany();
    signOutBrowser();
  });

  async function requestReset(email: string): Promise<string> {
    const since = await lastMailId();
    setClientAddress(freshClient());
    const outcome = await runAction(authActions.forgotPassword, form({ email }));
    setClientAddress(null);
    expect(outcome).toMatchObject({ kind: "success" });
    await finishAfterResponseWork();
    const [mail] = await newMails("password_reset", since);
    expect(mail, `a reset mail to ${email}`).toBeDefined();
    return tokenIn((mail as Mail).body, "/reset-password");
  }

  const setPassword = (email: string, token: string, password: string, purpose = "reset") =>
    runAction(authActions.setNewPassword, form({ email, token, purpose, password, confirm: password }));

  it("after a reset with the first link, a second link (requested before) no longer works", async () => {
    const email = "iab-chair@example.org";
    const first = await requestReset(email);
    const second = await requestReset(email);
    // the newer link ended the older one already
    expect(await setPassword(email, first, "first-new-password-1")).toMatchObject({
      kind: "error",
      code: "VALIDATION",
    });
    expect(await setPassword(email, second, "second-new-password-2")).toEqual({
      kind: "success",
      detail: "redirect /account?password=changed",
    });
    // a third one, then a reset through the invitation form's purpose cannot revive anything
    const third = await requestReset(email);
    const fourth = await requestReset(email);
    expect(await setPassword(email, fourth, "fourth-new-password-4")).toMatchObject({ kind: "success" });
    const late = await setPassword(email, third, "taking-over-password");
    expect(late).toMatchObject({ kind: "error", code: "VALIDATION" });
    expect(late.detail).toMatch(/invalid, was already used, or has expired/);
    expect(await authenticate(email, "taking-over-password", freshClient())).toEqual({ ok: false, reason: "invalid" });
    expect(await authenticate(email, "fourth-new-password-4", freshClient())).toMatchObject({ ok: true });
    // put the demo password back for the other tests
    expect(await setPassword(email, await requestReset(email), PASSWORD)).toMatchObject({ kind: "success" });
  });

  it("a reset ends every outstanding reset link of the person, on any of their addresses", async () => {
    const primary = "chair@example.org";
    const other = "quentin.hale@example.net"; // the same person's second address
    const viaOther = await requestReset(other);
    const viaPrimary = await requestReset(primary);
    expect(await setPassword(primary, viaPrimary, "quentin-new-password")).toMatchObject({ kind: "success" });
    expect(await setPassword(other, viaOther, "quentin-other-password")).toMatchObject({
      kind: "error",
      code: "VALIDATION",
    });
    expect(await setPassword(primary, await requestReset(primary), PASSWORD)).toMatchObject({ kind: "success" });
  });

  it("turning a person's sign-in off cancels their invitation: redeeming it later fails and sign-in stays off", async () => {
    const db = world().prisma;
    const person = await db.person.create({
      data: {
        name: "Ines Invited",
        canSignIn: true,
        emails: { create: { address: "ines@example.org", isPrimary: true } },
      },
    });
    const secretariat = await signedIn("secretariat@example.org");
    const since = await lastMailId();
    setCookies(secretariat);
    expect(await runAction(invitePersonAction, form({ personId: person.id }))).toMatchObject({ kind: "success" });
    const [invitation] = await newMails("invitation", since);
    const token = tokenIn((invitation as Mail).body, "/reset-password");
    // the Secretariat turns the person's sign-in off ("May sign in" unticked)
    setCookies(secretariat);
    expect(await runAction(updatePersonAction, form({ id: person.id, name: person.name }))).toMatchObject({
      kind: "success",
    });
    signOutBrowser();
    const redeemed = await setPassword("ines@example.org", token, "ines-own-password", "invite");
    expect(redeemed).toMatchObject({ kind: "error", code: "VALIDATION" });
    expect(currentCookies()).toEqual([]);
    const after = await db.person.findUniqueOrThrow({ where: { id: person.id } });
    expect(after.canSignIn).toBe(false);
    expect(after.passwordHash).toBeNull();
    // a new invitation (the Secretariat's deliberate act) still enables the account
    const again = await lastMailId();
    setCookies(secretariat);
    expect(await runAction(invitePersonAction, form({ personId: person.id }))).toMatchObject({ kind: "success" });
    const [second] = await newMails("invitation", again);
    signOutBrowser();
    expect(
      await setPassword(
        "ines@example.org",
        tokenIn((second as Mail).body, "/reset-password"),
        "ines-own-password",
        "invite",
      ),
    ).toMatchObject({ kind: "success" });
    expect((await db.person.findUniqueOrThrow({ where: { id: person.id } })).canSignIn).toBe(true);
  });
});

describe(`links in stored mail (${testEngine})`, () => {
  /** A transport that records what it was given, failing the first `failures` sends. */
  function transport(failures = 0) {
    const sent: Mail[] = [];
    let left = failures;
    const t: MailTransport = {
      method: "smtp",
      async send(mail) {
        if (left > 0) {
          left--;
          throw new Error("421 try again later");
        }
        sent.push(mail);
      },
    };
    return { t, sent };
  }

  async function queueLinkMails(): Promise<Mail[]> {
    const db = world().prisma;
    await db.signInAttempt.deleteMany();
    await deliverDueMail(transport().t); // anything queued earlier out of the way
    const since = await lastMailId();
    setClientAddress(freshClient());
    await runAction(authActions.requestLink, form({ email: "ad@example.org" }));
    await runAction(authActions.forgotPassword, form({ email: "lm-3gpp@example.org" }));
    setClientAddress(null);
    await finishAfterResponseWork();
    const secretariat = await signedIn("secretariat@example.org");
    const person = await db.person.create({
      data: {
        name: `Mail Link ${since}`,
        canSignIn: false,
        emails: { create: { address: `link-${since}@example.org`, isPrimary: true } },
      },
    });
    setCookies(secretariat);
    expect(await runAction(invitePersonAction, form({ personId: person.id }))).toMatchObject({ kind: "success" });
    signOutBrowser();
    const mails = await db.mail.findMany({ where: { id: { gt: since } }, orderBy: { id: "asc" } });
    expect(mails.map((m) => m.kind).sort()).toEqual(["invitation", "password_reset", "sign_in"]);
    for (const m of mails) expect(m.body).toMatch(/[?&]token=/);
    return mails;
  }

  const NOTES = {
    sign_in: "[sign-in link removed after delivery]",
    password_reset: "[password-reset link removed after delivery]",
    invitation: "[invitation link removed after delivery]",
  } as Record<string, string>;

  it("once delivered, the link is gone from the stored body; what was sent had it", async () => {
    const mails = await queueLinkMails();
    const { t, sent } = transport();
    await deliverDueMail(t);
    for (const queued of mails) {
      const delivered = sent.find((m) => m.id === queued.id);
      expect(delivered?.body).toBe(queued.body); // the recipient got the link
      const stored = await world().prisma.mail.findUniqueOrThrow({ where: { id: queued.id } });
      expect(stored.state).toBe("sent");
      expect(stored.body).not.toMatch(/token=/);
      expect(stored.body).toContain(NOTES[queued.kind]);
      // the rest of the text is kept
      expect(stored.body.split("\n")[0]).toBe(queued.body.split("\n")[0]);
    }
  });

  it("an automatic retry still delivers the link; a mail that failed for good loses it and cannot be retried by hand", async () => {
    const db = world().prisma;
    const mails = await queueLinkMails();
    // first attempt fails for all three: they wait for a retry with their links
    await deliverDueMail(transport(3).t);
    for (const m of mails) {
      const stored = await db.mail.findUniqueOrThrow({ where: { id: m.id } });
      expect(stored.state).toBe("queued");
      expect(stored.body).toBe(m.body);
    }
    // the retry delivers the sign-in mail with its link
    const signIn = mails.find((m) => m.kind === "sign_in") as Mail;
    const others = mails.filter((m) => m.kind !== "sign_in");
    await db.mail.updateMany({
      where: { id: { in: others.map((m) => m.id) } },
      data: { nextAttemptAt: new Date(Date.now() + HOUR) },
    });
    await db.mail.update({ where: { id: signIn.id }, data: { nextAttemptAt: new Date() } });
    const retry = transport();
    await deliverDueMail(retry.t);
    expect(retry.sent.find((m) => m.id === signIn.id)?.body).toBe(signIn.body);

    // the other two fail for good at their last attempt: stored without their link
    await db.mail.updateMany({
      where: { id: { in: others.map((m) => m.id) } },
      data: { attempts: MAX_ATTEMPTS - 1, nextAttemptAt: new Date() },
    });
    await deliverDueMail(transport(2).t);
    const secretariat = await signedIn("secretariat@example.org");
    for (const m of others) {
      const stored = await db.mail.findUniqueOrThrow({ where: { id: m.id } });
      expect(stored.state).toBe("failed");
      expect(stored.body).not.toMatch(/token=/);
      expect(stored.body).toMatch(/link removed/);
      // the Secretariat's retry is refused with a way forward, and nothing changes
      setCookies(secretariat);
      const outcome = await runAction(retryMailAction, form({ id: m.id }));
      expect(outcome).toMatchObject({ kind: "error", code: "INVALID_STATE" });
      expect(outcome.detail).toMatch(m.kind === "invitation" ? /send a new invitation/i : /ask for a new link/i);
      expect((await db.mail.findUniqueOrThrow({ where: { id: m.id } })).state).toBe("failed");
    }
    // a failed mail that still has its link (failed before links were removed) can be retried and delivers it
    const legacy = await db.mail.update({
      where: { id: signIn.id },
      data: { state: "failed", body: signIn.body, sentAt: null },
    });
    setCookies(secretariat);
    expect(await runAction(retryMailAction, form({ id: legacy.id }))).toEqual({
      kind: "success",
      detail: "Queued for delivery.",
    });
    signOutBrowser();
    const manual = transport();
    await deliverDueMail(manual.t);
    expect(manual.sent.find((m) => m.id === legacy.id)?.body).toMatch(/token=/);
    expect((await db.mail.findUniqueOrThrow({ where: { id: legacy.id } })).body).not.toMatch(/token=/);
  });
});

describe(`requestLink and forgotPassword answer before any account-dependent work (${testEngine})`, () => {
  it.each([
    ["requestLink", "sign_in"],
    ["forgotPassword", "password_reset"],
  ] as const)("%s: the same answer and no database write before the response, known or unknown", async (name, kind) => {
    const db = world().prisma;
    await db.signInAttempt.deleteMany();
    await finishAfterResponseWork();
    const action = { requestLink: authActions.requestLink, forgotPassword: authActions.forgotPassword }[name];
    const counts = async () => ({
      mails: await db.mail.count(),
      tokens: await db.verificationToken.count(),
      attempts: await db.signInAttempt.count(),
    });
    const answers: string[] = [];
    for (const email of ["ietf-chair@example.org", "nobody-here@example.org"]) {
      const before = await counts();
      setClientAddress(freshClient());
      const outcome = await runAction(action, form({ email }));
      setClientAddress(null);
      answers.push(outcome.detail.replace(email, "<address>"));
      // what ran before the response wrote nothing that depends on the account
      expect(await counts()).toEqual(before);
    }
    expect(answers[0]).toBe(answers[1]);
    const since = await lastMailId();
    expect(await finishAfterResponseWork()).toBe(2);
    // after the response, the known address got its mail and the unknown one nothing
    const mails = await newMails(kind, since);
    expect(mails.map((m) => m.to)).toEqual([[expect.stringContaining("<ietf-chair@example.org>")]]);
  });
});
