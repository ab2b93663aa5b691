/**
 * Issue 13, item 6: signing out ends the session on the server, so the old cookie, replayed from another
 * browser, gets the signed-out view; "Sign out everywhere" on /account ends every session of the person,
 * across browsers. (The 12 h absolute lifetime needs a clock: tests/integration/sessions-and-links.test.ts.)
 */
import type { Browser, BrowserContext, Cookie, Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { sessionCookies, signIn } from "./support/session";

// This file's sign-ins come from a client of their own (the sign-in rate limit counts per client).
test.use({ extraHTTPHeaders: { "X-Forwarded-For": "203.0.113.60" } });

const banner = (page: Page) => page.getByRole("banner");

async function expectSignedOutView(page: Page) {
  await expect(banner(page).getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(banner(page).getByRole("button", { name: "Sign out" })).toHaveCount(0);
}

/** A second browser holding exactly these cookies (a copied or stolen session cookie). */
async function browserWith(browser: Browser, cookies: Cookie[]): Promise<BrowserContext> {
  const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "203.0.113.61" } });
  await context.addCookies(cookies);
  return context;
}

test("signing out ends the session: the old cookie, replayed, gets the signed-out view", async ({ page, browser }) => {
  await signIn(page, "iab-chair@example.org");
  await expect(banner(page)).toContainText("Ibrahim Adeyemi");
  const old = await sessionCookies(page);
  expect(old).toHaveLength(1);

  // Before signing out, the copied cookie is a working session (so the check below can fail).
  const copy = await browserWith(browser, old);
  try {
    const other = await copy.newPage();
    await other.goto("/approvals");
    await expect(other.getByRole("heading", { level: 1 })).toContainText(/Approval/i);
    await expect(banner(other)).toContainText("Ibrahim Adeyemi");

    await banner(page).getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/$/);
    await expectSignedOutView(page);

    // The same cookie, sent again: signed out everywhere it is replayed.
    await other.goto("/");
    await expectSignedOutView(other);
    await other.goto("/account");
    await expect(other).toHaveURL(/\/sign-in\?callbackUrl=/);
    await other.goto("/approvals");
    await expect(other).toHaveURL(/\/sign-in/);
    // next-auth's session endpoint agrees, and does not hand out a fresh cookie for it
    const answer = await other.request.get("/api/auth/session");
    expect(await answer.json()).toEqual({});
    expect(answer.headers()["set-cookie"] ?? "").not.toMatch(/liaison\.session=[^;]/);
  } finally {
    await copy.close();
  }
});

test("'Sign out everywhere' on /account ends the sessions of both browsers", async ({ page, browser }) => {
  const laptop = page;
  const phoneContext = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "203.0.113.62" } });
  try {
    const phone = await phoneContext.newPage();
    await signIn(laptop, "ietf-chair@example.org");
    await signIn(phone, "ietf-chair@example.org");
    const laptopCookie = await sessionCookies(laptop);
    await expect(banner(phone)).toContainText("Irene Chen");

    await phone.goto("/account");
    await expect(phone.getByRole("heading", { level: 1, name: "Irene Chen" })).toBeVisible();
    await phone.getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(phone).toHaveURL(/\/signed-out$/);
    await expect(phone.getByRole("heading", { level: 1, name: "Signed out everywhere" })).toBeVisible();
    await expect(phone.getByRole("status")).toContainText("Every session of your account has ended");
    await expectSignedOutView(phone);

    // the other browser, which did nothing, is signed out at its next request
    await laptop.goto("/approvals");
    await expect(laptop).toHaveURL(/\/sign-in/);
    await expectSignedOutView(laptop);
    // even with the cookie it held put back
    await laptop.context().addCookies(laptopCookie);
    await laptop.goto("/account");
    await expect(laptop).toHaveURL(/\/sign-in\?callbackUrl=/);

    // signing in again works as usual
    await signIn(laptop, "ietf-chair@example.org");
    await expect(banner(laptop)).toContainText("Irene Chen");
  } finally {
    await phoneContext.close();
  }
});
