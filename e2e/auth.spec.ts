/**
 * Signing in and out: every demo persona with a password sees their name, roles and exactly the navigation
 * their roles allow; a wrong password keeps the address and says why generically; sign-in links and
 * password resets arrive by real SMTP and work once; the pages pass axe.
 *
 * Note: the password-reset test changes lm-itu@example.org's password and sets it back to the demo password
 * at its end through the same flow, so other specs can keep signing in with it.
 */
import type { Browser, Locator, Page } from "@playwright/test";
import { type CapturedMail, expect, type MailBox, test } from "./support/fixtures";

const DEMO_PASSWORD = "liaison-demo";

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
const APPROVER = ["Statements", "My statements", "Enter outgoing", "Approvals", "Action needed", "Directory"];
const LIAISON_MANAGER = [
  "Statements",
  "My statements",
  "Enter outgoing",
  "Record incoming",
  "Action needed",
  "Desk",
  "Directory",
];
const SIGNED_OUT = ["Statements", "Directory"];

const PERSONAS: { email: string; name: string; roles: string; nav: string[] }[] = [
  { email: "secretariat@example.org", name: "Sandra Ortiz", roles: "Secretariat", nav: ALL },
  {
    email: "coordinator@example.org",
    name: "Colin Baker",
    roles: "IAB liaison coordinator",
    nav: ALL.filter((label) => label !== "Administration" && label !== "Outbox"),
  },
  { email: "ietf-chair@example.org", name: "Irene Chen", roles: "IETF Chair", nav: APPROVER },
  { email: "iab-chair@example.org", name: "Ibrahim Adeyemi", roles: "IAB Chair", nav: APPROVER },
  { email: "ad@example.org", name: "Ada Lindqvist", roles: "AD, Web and Internet Transport", nav: APPROVER },
  {
    email: "chair@example.org",
    name: "Quentin Hale",
    roles: "Chair, QUIC",
    nav: ["Statements", "My statements", "Enter outgoing", "Action needed", "Directory"],
  },
  {
    email: "lm-3gpp@example.org",
    name: "Mia Tanaka",
    roles: "Liaison manager, 3rd Generation Partnership Project",
    nav: LIAISON_MANAGER,
  },
  {
    email: "lm-itu@example.org",
    name: "Luis Ferreira",
    roles: "Liaison manager, ITU-T Study Group 15",
    nav: LIAISON_MANAGER,
  },
];

// Failed attempts count against the client too (20 per 15 minutes lock it out for every address). The app takes
// the client from X-Forwarded-For, so this file's failures get a client of their own and cannot lock other
// specs out of signing in.
test.use({ extraHTTPHeaders: { "X-Forwarded-For": "203.0.113.10" } });

/** The "With your password" part of /sign-in (a region named by its heading). */
const passwordSection = (page: Page) => page.getByRole("region", { name: "With your password" });
/** The "Or with a link sent by e-mail" part of /sign-in. */
const linkSection = (page: Page) => page.getByRole("region", { name: /with a link sent by e-mail/i });
/** Labels end in a required-marker (" *"), so match on the start. */
const emailField = (scope: Page | Locator) => scope.getByLabel(/^E-mail/);
const passwordField = (scope: Page | Locator) => scope.getByLabel(/^Password/);

async function mainNavigation(page: Page): Promise<string[]> {
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav).toBeVisible();
  // (Without the waiting counts some items show, e.g. "Approvals, 3 waiting" — issue 15 §2.)
  return (await nav.getByRole("link").allInnerTexts()).map((label) => label.trim().split(/,\s*\d+ waiting/)[0] ?? "");
}

async function expectNavigation(page: Page, labels: string[]) {
  await expect.poll(() => mainNavigation(page), { message: "the Main navigation" }).toEqual(labels);
}

async function signIn(page: Page, email: string, password: string, path = "/sign-in") {
  await page.goto(path);
  const section = passwordSection(page);
  await emailField(section).fill(email);
  await passwordField(section).fill(password);
  await section.getByRole("button", { name: "Sign in" }).click();
}

async function expectSignedInAs(page: Page, name: string, roles?: string) {
  const banner = page.getByRole("banner");
  const account = banner.getByRole("link", { name: new RegExp(`^${name}`) });
  await expect(account).toBeVisible();
  await expect(account).toHaveAttribute("href", "/account");
  if (roles) await expect(account).toContainText(roles);
  await expect(banner.getByRole("button", { name: "Sign out" })).toBeVisible();
  await expect(banner.getByRole("link", { name: "Sign in" })).toHaveCount(0);
}

async function expectSignedOut(page: Page) {
  const banner = page.getByRole("banner");
  await expect(banner.getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(banner.getByRole("button", { name: "Sign out" })).toHaveCount(0);
  await expectNavigation(page, SIGNED_OUT);
}

async function signOut(page: Page) {
  await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expectSignedOut(page);
}

const isTo = (address: string) => (mail: CapturedMail) => mail.to.some((box) => box.address === address);

/** The first link to `path` in the plain-text part of a mail. */
function linkFrom(mail: CapturedMail, path: string): string {
  const url = mail.text.match(/https?:\/\/\S+/g)?.find((candidate) => new URL(candidate).pathname === path);
  expect(url, `a link to ${path} in:\n${mail.text}`).toBeTruthy();
  return url as string;
}

/** Forgot-password flow up to the mailed link: returns the /reset-password URL. */
async function requestReset(page: Page, mail: MailBox, email: string): Promise<string> {
  await page.goto("/sign-in");
  await passwordSection(page).getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await emailField(page.getByRole("main")).fill(email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText(`If ${email} belongs to an account`);
  const message = await mail.waitFor((m) => isTo(email)(m) && /reset/i.test(m.subject), {
    description: `a password-reset mail to ${email}`,
  });
  return linkFrom(message, "/reset-password");
}

async function chooseNewPassword(page: Page, link: string, password: string) {
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Choose a new password" })).toBeVisible();
  const main = page.getByRole("main");
  await passwordField(main).fill(password);
  await main.getByLabel(/^Repeat the password/).fill(password);
  await main.getByRole("button", { name: "Set password" }).click();
}

test.describe("signing in with a password", () => {
  for (const persona of PERSONAS) {
    test(`${persona.email}: name, roles and navigation; sign out`, async ({ page }) => {
      await page.goto("/");
      await expectSignedOut(page);

      await signIn(page, persona.email, DEMO_PASSWORD);
      await expect(page).toHaveURL(/\/$/);
      await expectSignedInAs(page, persona.name, persona.roles);
      await expectNavigation(page, persona.nav);

      // the account page says the same
      await page
        .getByRole("banner")
        .getByRole("link", { name: new RegExp(`^${persona.name}`) })
        .click();
      await expect(page).toHaveURL(/\/account$/);
      await expect(page.getByRole("heading", { level: 1, name: persona.name })).toBeVisible();
      await expect(page.getByRole("main")).toContainText(persona.email);
      await expect(page.getByRole("main")).toContainText(persona.roles);

      await signOut(page);
      // signed out for real: the account page sends you to sign in
      await page.goto("/account");
      await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Faccount$|\/sign-in\?callbackUrl=\/account$/);
    });
  }

  test("a wrong password shows the generic error and keeps the typed address", async ({ page }) => {
    await signIn(page, "ad@example.org", "not-the-password");
    const section = passwordSection(page);
    const alert = section.getByRole("alert");
    await expect(alert).toContainText("The e-mail address or password is not correct.");
    await expect(emailField(section)).toHaveValue("ad@example.org");
    await expect(passwordField(section)).toHaveValue("");
    await expectSignedOut(page);

    // an unknown address gets exactly the same answer
    await emailField(section).fill("nobody@example.org");
    await passwordField(section).fill(DEMO_PASSWORD);
    await section.getByRole("button", { name: "Sign in" }).click();
    await expect(emailField(section)).toHaveValue("nobody@example.org");
    await expect(section.getByRole("alert")).toHaveText("The e-mail address or password is not correct.");
  });

  test("after 5 failures for one address, the 6th attempt is refused with a way out", async ({ page }) => {
    await page.setExtraHTTPHeaders({ "X-Forwarded-For": "203.0.113.20" });
    const email = "locked-out@example.org";
    for (let attempt = 1; attempt <= 5; attempt++) {
      await signIn(page, email, `guess-${attempt}`);
      await expect(passwordSection(page).getByRole("alert")).toHaveText(
        "The e-mail address or password is not correct.",
      );
    }
    await signIn(page, email, "guess-6");
    await expect(passwordSection(page).getByRole("alert")).toHaveText(
      "Too many sign-in attempts. Try again in 15 minutes, or use a sign-in link.",
    );
    await expect(emailField(passwordSection(page))).toHaveValue(email);
    // another address from the same browser is not affected
    await signIn(page, "ad@example.org", DEMO_PASSWORD);
    await expectSignedInAs(page, "Ada Lindqvist");
  });

  test("an empty form names the missing fields", async ({ page }) => {
    await page.goto("/sign-in");
    const section = passwordSection(page);
    await section.getByRole("button", { name: "Sign in" }).click();
    await expect(section.getByRole("alert")).toContainText("2 fields need attention");
    await expect(emailField(section)).toHaveAttribute("aria-invalid", "true");
    await expect(passwordField(section)).toHaveAttribute("aria-invalid", "true");
    // the link form below is untouched
    await expect(emailField(linkSection(page))).not.toHaveAttribute("aria-invalid", "true");
  });

  test("after signing in you land where you were going, never on another site", async ({ page }) => {
    await signIn(page, "ad@example.org", DEMO_PASSWORD, "/sign-in?callbackUrl=%2Fdirectory");
    await expect(page).toHaveURL(/\/directory$/);
    await expectSignedInAs(page, "Ada Lindqvist");
    // already signed in: /sign-in goes straight on
    await page.goto("/sign-in?callbackUrl=%2Fstatements");
    await expect(page).toHaveURL(/\/statements$/);
    await signOut(page);

    await signIn(page, "ad@example.org", DEMO_PASSWORD, "/sign-in?callbackUrl=%2F%2Fevil.example%2Fx");
    await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/$/);
    await expectSignedInAs(page, "Ada Lindqvist");
    await signOut(page);
  });

  // Browsers drop tabs and newlines from URLs: "/<TAB>/evil.example" would become "//evil.example".
  for (const [what, callback] of [
    ["a tab", "%2F%09%2Fevil.example%2Fx"],
    ["a newline", "%2F%0A%2Fevil.example%2Fx"],
    ["a backslash", "%2F%5Cevil.example%2Fx"],
    ["an absolute URL", "https%3A%2F%2Fevil.example%2Fx"],
  ]) {
    test(`a callback hiding another site behind ${what} leads home`, async ({ page }) => {
      const offSite: string[] = [];
      page.on("request", (request) => {
        if (new URL(request.url()).hostname !== "localhost") offSite.push(request.url());
      });
      await signIn(page, "ad@example.org", DEMO_PASSWORD, `/sign-in?callbackUrl=${callback}`);
      await expectSignedInAs(page, "Ada Lindqvist");
      await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/$/);
      expect(offSite).toEqual([]);
    });
  }
});

test.describe("signing in with a link sent by e-mail", () => {
  test("the link signs Quentin Hale in once, and only once", async ({ page, mail }) => {
    await page.goto("/sign-in");
    const section = linkSection(page);
    await emailField(section).fill("chair@example.org");
    await section.getByRole("button", { name: "Send me a sign-in link" }).click();
    await expect(section.getByRole("status")).toContainText(
      "If chair@example.org belongs to an account, a sign-in link is on its way.",
    );

    const message = await mail.waitFor(isTo("chair@example.org"), {
      description: "a sign-in link to chair@example.org",
    });
    expect(message.subject).toMatch(/sign-in link/i);
    expect(message.cc).toEqual([]);
    const link = linkFrom(message, "/sign-in/link");

    await page.goto(link);
    await page.getByRole("button", { name: "Continue as chair@example.org" }).click();
    await expect(page).toHaveURL(/\/$/);
    await expectSignedInAs(page, "Quentin Hale", "Chair, QUIC");
    await expectNavigation(page, ["Statements", "My statements", "Enter outgoing", "Action needed", "Directory"]);
    await signOut(page);

    await page.goto(link);
    await page.getByRole("button", { name: "Continue as chair@example.org" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toContainText(
      "This sign-in link is invalid, was already used, or has expired.",
    );
    await expectSignedOut(page);
  });

  test("an unknown address gets the same answer and no mail", async ({ page, mail }) => {
    await page.goto("/sign-in");
    const section = linkSection(page);
    await emailField(section).fill("nobody@example.org");
    await section.getByRole("button", { name: "Send me a sign-in link" }).click();
    await expect(section.getByRole("status")).toContainText("If nobody@example.org belongs to an account");
    // give the worker the time a real mail takes (it is kicked at once)
    await page.waitForTimeout(1_500);
    expect((await mail.list()).filter(isTo("nobody@example.org"))).toEqual([]);
  });

  test("an empty link form flags its own field, not the password form's", async ({ page }) => {
    await page.goto("/sign-in");
    const section = linkSection(page);
    await section.getByRole("button", { name: "Send me a sign-in link" }).click();
    const alert = section.getByRole("alert");
    await expect(alert).toContainText("E-mail: Enter your e-mail address.");
    const field = emailField(section);
    await expect(field).toHaveAttribute("aria-invalid", "true");
    await expect(field).toHaveAccessibleDescription("Enter your e-mail address.");
    await expect(emailField(passwordSection(page))).not.toHaveAttribute("aria-invalid", "true");
    // the summary's entry leads to this form's field
    const id = await field.getAttribute("id");
    await expect(alert.getByRole("link", { name: /E-mail/ })).toHaveAttribute("href", `#${id}`);
  });

  test("an incomplete link says so", async ({ page }) => {
    await page.goto("/sign-in/link?email=chair%40example.org");
    await expect(page.getByRole("main").getByRole("alert")).toContainText("This link is incomplete.");
  });
});

test.describe("forgotten password", () => {
  async function signedInElsewhere(browser: Browser, email: string, password: string) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, email, password);
    await expect(page).toHaveURL(/\/$/);
    return { context, page };
  }

  test("a mailed link sets a new password, signs you in and ends other sessions", async ({ page, mail, browser }) => {
    const email = "lm-itu@example.org";
    const newPassword = "a-much-better-password-2025";
    const other = await signedInElsewhere(browser, email, DEMO_PASSWORD);
    try {
      await expectSignedInAs(other.page, "Luis Ferreira");

      const link = await requestReset(page, mail, email);
      await chooseNewPassword(page, link, "too-short");
      await expect(page.getByRole("main").getByRole("alert")).toContainText("Use at least 10 characters.");
      await expect(passwordField(page.getByRole("main"))).toHaveAttribute("aria-invalid", "true");

      await chooseNewPassword(page, link, newPassword);
      await expect(page).toHaveURL(/\/account\?password=changed$/);
      await expect(page.getByRole("main").getByRole("status")).toContainText("Your password was changed");
      await expectSignedInAs(page, "Luis Ferreira", "Liaison manager, ITU-T Study Group 15");

      // the other browser's session has ended
      await other.page.reload();
      await expectSignedOut(other.page);

      // the link worked once
      await page.goto(link);
      await expect(page.getByRole("main").getByRole("alert")).toContainText(
        "This link is invalid, was already used, or has expired.",
      );

      await signOut(page);
      await signIn(page, email, DEMO_PASSWORD);
      await expect(passwordSection(page).getByRole("alert")).toContainText(
        "The e-mail address or password is not correct.",
      );
      await signIn(page, email, newPassword);
      await expectSignedInAs(page, "Luis Ferreira");
      await signOut(page);
    } finally {
      await other.context.close();
      // Put the demo password back, through the same flow, for the specs that sign in as lm-itu.
      await mail.clear();
      const back = await requestReset(page, mail, email);
      await chooseNewPassword(page, back, DEMO_PASSWORD);
      await expect(page).toHaveURL(/\/account\?password=changed$/);
      await signOut(page);
    }
    await signIn(page, email, DEMO_PASSWORD);
    await expectSignedInAs(page, "Luis Ferreira");
  });
});

test.describe("accessibility", () => {
  test("/sign-in, also after a rejected attempt, has no serious or critical violations", async ({
    page,
    expectNoA11yViolations,
  }) => {
    await page.goto("/sign-in");
    await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
    await expectNoA11yViolations(page);
    // two forms on one page: every id is unique, so each label names its own field
    const duplicates = await page.evaluate(() => {
      const ids = [...document.querySelectorAll("[id]")].map((element) => element.id);
      return ids.filter((id, index) => ids.indexOf(id) !== index);
    });
    expect(duplicates).toEqual([]);
    await expect(page.getByRole("textbox", { name: /^E-mail/ })).toHaveCount(2);
    await signIn(page, "ad@example.org", "wrong-password");
    await expect(passwordSection(page).getByRole("alert")).toBeVisible();
    await expectNoA11yViolations(page);
  });

  test("/account has no serious or critical violations", async ({ page, expectNoA11yViolations }) => {
    await signIn(page, "lm-3gpp@example.org", DEMO_PASSWORD, "/sign-in?callbackUrl=%2Faccount");
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByRole("heading", { level: 1, name: "Mia Tanaka" })).toBeVisible();
    // After a client-side navigation Next.js sets the document title a moment after the content.
    await expect(page).toHaveTitle(/Your account/);
    await expectNoA11yViolations(page);
  });

  test("/forgot-password and an invalid /reset-password link have no serious or critical violations", async ({
    page,
    expectNoA11yViolations,
  }) => {
    await page.goto("/forgot-password");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoA11yViolations(page);
    await page.goto("/reset-password?email=ad%40example.org&token=nope");
    await expect(page.getByRole("main").getByRole("alert")).toContainText("invalid");
    await expectNoA11yViolations(page);
  });
});
