/**
 * Issue 13, item 3: the sign-in rate limit was check-then-act. Parallel attempts all counted the failures
 * before any of them recorded one, so 30 parallel guesses for one address got 28 checked (limit 5). These
 * fire the attempts in parallel through the real sign-in server action; on PostgreSQL the app's pool has
 * several connections, so the attempts really run side by side.
 */
import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", async () => (await import("../support/server-actions")).nextHeadersMock);
vi.mock("next/cache", async () => (await import("../support/server-actions")).nextCacheMock);
vi.mock("next-auth", async (original) => ({
  ...(await original<typeof import("next-auth")>()),
  ...(await import("../support/server-actions")).nextAuthMock,
}));

import { signInWithPassword } from "@/actions/auth";
import { LIMITS } from "@/server/auth/rate-limit";
import { authenticate } from "@/server/auth/sign-in";
import { setupDemoWorld } from "../support/demo-world";
import { type ActionOutcome, form, runAction, setClientAddress, signOutBrowser } from "../support/server-actions";
import { testEngine } from "../support/test-database";

const world = setupDemoWorld();

type Answer = "signed in" | "wrong password" | "rate limited" | string;
const answer = (o: ActionOutcome): Answer =>
  o.kind === "success"
    ? "signed in"
    : o.code === "RATE_LIMITED"
      ? "rate limited"
      : o.detail.includes("The e-mail address or password is not correct.")
        ? "wrong password"
        : `${o.code}: ${o.detail}`;

/** Fires every attempt at once, all from one client address (the stand-in request reads it per call). */
async function inParallel(attempts: { email: string; password: string }[], client: string): Promise<Answer[]> {
  signOutBrowser();
  setClientAddress(client);
  try {
    const outcomes = await Promise.all(attempts.map((a) => runAction(signInWithPassword, form(a))));
    return outcomes.map(answer);
  } finally {
    setClientAddress(null);
  }
}

const tally = (answers: Answer[]) => ({
  checked: answers.filter((a) => a === "wrong password" || a === "signed in").length,
  refused: answers.filter((a) => a === "rate limited").length,
  other: answers.filter((a) => a !== "wrong password" && a !== "signed in" && a !== "rate limited"),
});

describe(`sign-in rate limit under parallel attempts (${testEngine})`, () => {
  beforeEach(async () => {
    await world().prisma.signInAttempt.deleteMany();
  });

  it("30 parallel wrong passwords for one address from one client: at most 5 are checked", async () => {
    const answers = await inParallel(
      Array.from({ length: 30 }, (_, i) => ({ email: "iab-chair@example.org", password: `guess-${i}` })),
      "203.0.113.10",
    );
    const { checked, refused, other } = tally(answers);
    console.log(
      `Parallel sign-in, one address, one client (${testEngine}): 30 attempts → ${checked} checked, ${refused} refused`,
    );
    expect(other).toEqual([]);
    expect(checked).toBeLessThanOrEqual(LIMITS.perAddress);
    expect(checked + refused).toBe(30);
    // and the address stays locked for the right password
    expect(
      answer(await runAction(signInWithPassword, form({ email: "iab-chair@example.org", password: "liaison-demo" }))),
    ).toBe("rate limited");
  });

  it("25 parallel guesses against one real account, each from its own client: at most 5 are checked", async () => {
    // authenticate() is what both the sign-in action and next-auth's credentials endpoint call; the action
    // stand-in has one client address per moment, so this one calls it with 25 client keys directly.
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) => authenticate("ad@example.org", `guess-${i}`, `198.51.100.${i + 1}`)),
    );
    const checked = results.filter((r) => !r.ok && r.reason === "invalid").length;
    const refused = results.filter((r) => !r.ok && r.reason === "rate_limited").length;
    console.log(
      `Parallel sign-in, one account, 25 clients (${testEngine}): 25 attempts → ${checked} checked, ${refused} refused`,
    );
    expect(checked).toBeLessThanOrEqual(LIMITS.perAddress);
    expect(checked + refused).toBe(25);
  });

  it("40 parallel attempts from one client over 40 addresses: at most 20 are checked", async () => {
    const answers = await inParallel(
      Array.from({ length: 40 }, (_, i) => ({ email: `guess-${i}@example.org`, password: "guess" })),
      "203.0.113.20",
    );
    const { checked, refused, other } = tally(answers);
    console.log(
      `Parallel sign-in, one client, 40 addresses (${testEngine}): 40 attempts → ${checked} checked, ${refused} refused`,
    );
    expect(other).toEqual([]);
    expect(checked).toBeLessThanOrEqual(LIMITS.perClient);
    expect(checked + refused).toBe(40);
  });

  it("the limit still lets the right password in first time, and parallel right passwords all sign in", async () => {
    const answers = await inParallel(
      Array.from({ length: 3 }, () => ({ email: "ietf-chair@example.org", password: "liaison-demo" })),
      "203.0.113.30",
    );
    expect(answers).toEqual(["signed in", "signed in", "signed in"]);
  });
});
