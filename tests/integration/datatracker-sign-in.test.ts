/**
 * Issue 17, "Sign in with a Datatracker account", end to end against a real OpenID Connect provider
 * (tests/support/oidc-provider.ts, configured like the Datatracker's): the app's own route handlers
 * (/sign-in/datatracker and its callback) with the browser's cookies, the provider's real authorization,
 * token and userinfo endpoints, and the roles it sets in the database. Also: a refused login, a role removed
 * at the provider disappearing at the next sign-in (local roles staying), and state / nonce / PKCE checks.
 */
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", async () => (await import("../support/server-actions")).nextHeadersMock);
vi.mock("next/cache", async () => (await import("../support/server-actions")).nextCacheMock);
vi.mock("next-auth", async (original) => ({
  ...(await original<typeof import("next-auth")>()),
  ...(await import("../support/server-actions")).nextAuthMock,
}));

import { GET as callbackRoute } from "@/app/sign-in/datatracker/callback/route";
import { GET as startRoute } from "@/app/sign-in/datatracker/route";
import { getPerson } from "@/server/admin/people-queries";
import { loadActor } from "@/server/auth/actor";
import { readSession } from "@/server/auth/session";
import { actorFor, setupDemoWorld } from "../support/demo-world";
import { followProvider, freePort, startTestProvider, type TestProvider } from "../support/oidc-provider";
import { currentCookies, setCookies, signOutBrowser } from "../support/server-actions";

const APP_URL = "http://app.test";
const CALLBACK = `${APP_URL}/sign-in/datatracker/callback`;
const providerPort = await freePort();
// Before anything reads the configuration (env() is parsed once, lazily).
process.env.APP_URL = APP_URL;
process.env.OIDC_ISSUER = `http://127.0.0.1:${providerPort}`;
process.env.OIDC_CLIENT_ID = "liaison-tracker";
process.env.OIDC_CLIENT_SECRET = "test-client-secret-0123456789";

const world = setupDemoWorld();
let provider: TestProvider;

beforeAll(async () => {
  provider = await startTestProvider(providerPort, CALLBACK);
});
afterAll(async () => provider?.close());
beforeEach(() => {
  signOutBrowser();
  provider.requests.length = 0;
});

const PENDING_COOKIE = "liaison.datatracker";

/** Clicks "Sign in with IETF Datatracker": returns the provider URL the app sent the browser to. */
async function clickButton(callbackUrl = "/approvals"): Promise<string> {
  const response = await startRoute(
    new Request(`${APP_URL}/sign-in/datatracker?callbackUrl=${encodeURIComponent(callbackUrl)}`),
  );
  expect(response.status).toBe(303);
  return response.headers.get("location") ?? "";
}

/** The provider's answer handed to the app's callback: where the app sends the browser next. */
async function answer(url: string): Promise<string> {
  const response = await callbackRoute(new Request(url));
  expect(response.status).toBe(303);
  return response.headers.get("location") ?? "";
}

async function signInAs(accountId: string, callbackUrl?: string): Promise<string> {
  provider.nextLogin = { accountId };
  return answer(await followProvider(await clickButton(callbackUrl), CALLBACK));
}

async function rolesOf(email: string) {
  const address = await world().prisma.emailAddress.findUnique({ where: { address: email } });
  if (!address) return [];
  const roles = await world().prisma.roleAssignment.findMany({
    where: { personId: address.personId },
    include: { group: true },
  });
  return roles.map((r) => `${r.role}@${r.group?.acronym ?? "-"}${r.fromDatatracker ? "" : " (local)"}`).sort();
}

describe("Sign in with IETF Datatracker", () => {
  it("sends the browser to the provider with the code flow, PKCE S256, state, nonce and the roles scope", async () => {
    const url = new URL(await clickButton());
    expect(url.origin).toBe(provider.issuer);
    expect(url.searchParams.get("response_type")).toBe("code");
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("code_challenge")).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get("state")).toBeTruthy();
    expect(url.searchParams.get("nonce")).toBeTruthy();
    expect(url.searchParams.get("scope")?.split(" ")).toEqual(expect.arrayContaining(["openid", "email", "roles"]));
    expect(url.searchParams.get("redirect_uri")).toBe(CALLBACK);
    expect(currentCookies().map((c) => c.name)).toContain(PENDING_COOKIE);
  });

  it("creates a new person with the claimed address and the claimed roles, and starts our own session", async () => {
    provider.accounts.set("1001", {
      email: "New.Chair@Example.net",
      name: "Nova Chair",
      roles: [
        ["chair", "quic"],
        ["chair", "quic"], // the claim is not deduplicated
        ["liaiman", "itu-t-sg15"],
        ["secr", "secretariat"],
        ["ad", "quic"], // ad on a WG means nothing here
        ["chair", "concluded-elsewhere"], // a group we do not have
        ["member", "wit"],
      ],
    });
    expect(await signInAs("1001", "/approvals")).toBe("/approvals");
    const session = await readSession();
    const person = await world().prisma.person.findUniqueOrThrow({
      where: { id: session?.personId ?? -1 },
      include: { emails: true },
    });
    expect(person.name).toBe("Nova Chair");
    expect(person.emails.map((e) => [e.address, e.isPrimary])).toEqual([["new.chair@example.net", true]]);
    expect(await rolesOf("new.chair@example.net")).toEqual([
      "liaison_manager@itu-t-sg15",
      "secretariat@-",
      "wg_chair@quic",
    ]);
    // The session is an ordinary one: the actor is loaded with those roles.
    const actor = await loadActor(person.id);
    expect(actor?.roles.map((r) => r.role).sort()).toEqual(["liaison_manager", "secretariat", "wg_chair"]);
    expect(currentCookies().map((c) => c.name)).not.toContain(PENDING_COOKIE);
  });

  it("matches an existing person by e-mail; a role removed at the provider disappears at the next sign-in, local roles stay", async () => {
    provider.accounts.set("1002", {
      email: "chair@example.org",
      roles: [
        ["chair", "quic"],
        ["ad", "wit"],
      ],
    });
    const before = await world().prisma.person.count();
    await signInAs("1002");
    expect(await world().prisma.person.count()).toBe(before);
    // chair of quic was granted here (demo data): kept as local, not duplicated.
    expect(await rolesOf("chair@example.org")).toEqual(["ad@wit", "wg_chair@quic (local)"]);
    // The Secretariat's view of the person: each role says where it came from.
    const secretariat = await actorFor(world(), "secretariat@example.org");
    const shown = await getPerson(secretariat, (await readSession())?.personId ?? -1);
    expect(shown?.roles.map((r) => [r.role, r.source]).sort()).toEqual([
      ["ad", "from the Datatracker"],
      ["wg_chair", "local"],
    ]);

    provider.accounts.set("1002", { email: "chair@example.org", roles: [] });
    signOutBrowser();
    await signInAs("1002");
    expect(await rolesOf("chair@example.org")).toEqual(["wg_chair@quic (local)"]);
    const session = await readSession();
    const actor = await loadActor(session?.personId ?? -1);
    expect(actor?.roles.map((r) => r.role)).toEqual(["wg_chair"]);
  });

  it("a refused login (the user denies) comes back to /sign-in with a clear message and no session", async () => {
    provider.nextLogin = "deny";
    const back = await followProvider(await clickButton(), CALLBACK);
    expect(new URL(back).searchParams.get("error")).toBe("access_denied");
    expect(await answer(back)).toBe("/sign-in?error=datatracker-denied");
    expect(await readSession()).toBeNull();
    expect(provider.requests).not.toContain("/token");
  });

  it("a disabled person cannot sign in this way, and their roles are not touched", async () => {
    const address = await world().prisma.emailAddress.findUniqueOrThrow({ where: { address: "lm-itu@example.org" } });
    await world().prisma.person.update({ where: { id: address.personId }, data: { canSignIn: false } });
    const rolesBefore = await rolesOf("lm-itu@example.org");
    provider.accounts.set("1003", { email: "lm-itu@example.org", roles: [["chair", "quic"]] });
    expect(await signInAs("1003")).toBe("/sign-in?error=datatracker-disabled");
    expect(await readSession()).toBeNull();
    expect(await rolesOf("lm-itu@example.org")).toEqual(rolesBefore);
  });

  it("an account without an e-mail address is refused by name", async () => {
    provider.accounts.set("1004", { name: "No Mail", roles: [] });
    expect(await signInAs("1004")).toBe("/sign-in?error=datatracker-no-email");
    expect(await readSession()).toBeNull();
  });

  describe("state, nonce and PKCE", () => {
    beforeEach(() => {
      provider.accounts.set("1005", { email: "checks@example.net", roles: [["chair", "quic"]] });
      provider.nextLogin = { accountId: "1005" };
    });

    it("a tampered state is refused, and the code is never exchanged", async () => {
      const back = new URL(await followProvider(await clickButton(), CALLBACK));
      back.searchParams.set("state", `${back.searchParams.get("state")}x`);
      expect(await answer(back.toString())).toBe("/sign-in?error=datatracker-failed");
      expect(await readSession()).toBeNull();
      expect(provider.requests).not.toContain("/token");
    });

    it("an answer without this browser's pending sign-in (another browser, or a replay) is refused", async () => {
      const back = await followProvider(await clickButton(), CALLBACK);
      signOutBrowser(); // the pending-sign-in cookie is gone
      expect(await answer(back)).toBe("/sign-in?error=datatracker-failed");
      const again = await followProvider(await clickButton(), CALLBACK);
      expect(await answer(again)).toBe("/approvals");
      signOutBrowser();
      expect(await answer(again)).toBe("/sign-in?error=datatracker-failed");
      expect(await readSession()).toBeNull();
    });

    /** The pending sign-in re-sealed with one value changed (the secret is the tests' own AUTH_SECRET). */
    async function tamperPending(change: Record<string, string>) {
      const { decode } = await import("next-auth/jwt");
      const secret = process.env.AUTH_SECRET ?? "";
      const cookie = currentCookies().find((c) => c.name === PENDING_COOKIE);
      const pending = await decode({ token: cookie?.value, secret });
      const sealed = await encode({ token: { ...pending, ...change }, secret, maxAge: 600 });
      setCookies([{ name: PENDING_COOKIE, value: sealed }]);
    }

    it("an ID token whose nonce is not this sign-in's is refused", async () => {
      const back = await followProvider(await clickButton(), CALLBACK);
      await tamperPending({ nonce: "another-sign-ins-nonce" });
      expect(await answer(back)).toBe("/sign-in?error=datatracker-failed");
      expect(await readSession()).toBeNull();
    });

    it("a code exchanged without this sign-in's PKCE verifier is refused by the provider", async () => {
      provider.accounts.set("1006", { email: "pkce@example.net", roles: [["chair", "quic"]] });
      provider.nextLogin = { accountId: "1006" };
      const back = await followProvider(await clickButton(), CALLBACK);
      await tamperPending({ codeVerifier: "x".repeat(43) });
      expect(await answer(back)).toBe("/sign-in?error=datatracker-failed");
      expect(provider.requests).toContain("/token");
      expect(await readSession()).toBeNull();
      expect(await rolesOf("pkce@example.net")).toEqual([]);
    });
  });
});
