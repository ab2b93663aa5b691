/**
 * Error pages (404, 403, 500) are real pages for every visitor: the site's header and navigation and a
 * message that says what happened and what to do, signed in or out, with or without JavaScript. Next.js
 * answers a notFound()/forbidden()/thrown error with an empty error shell whose content only scripts
 * render (vercel/next.js#62228), and anonymous public pages carry no scripts (ADR 008), so these pages
 * were blank; the status page layer (src/server/http/status-page-layer.ts) serves a rendered page instead.
 */
import type { Browser, Page, TestInfo } from "@playwright/test";
import { expect, test } from "./support/fixtures";

type Visitor = "signed out" | "chair@example.org" | "secretariat@example.org";

async function openAs(browser: Browser, visitor: Visitor, javaScriptEnabled: boolean): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  if (visitor !== "signed out") {
    // The password form works without JavaScript too.
    await page.goto("/sign-in");
    const form = page.getByRole("region", { name: "With your password" });
    await form.getByLabel("E-mail").fill(visitor);
    await form.getByLabel("Password").fill("liaison-demo");
    await form.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("banner").getByRole("button", { name: "Sign out" })).toBeVisible();
  }
  return page;
}

/** What every status page shows, whoever asks: the header, the main navigation, one visible heading. */
async function expectSitePage(page: Page, heading: RegExp | string) {
  const banner = page.getByRole("banner");
  await expect(banner.getByRole("link", { name: "Liaison Statements" })).toBeVisible();
  await expect(
    banner.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Statements", exact: true }),
  ).toBeVisible();
  await expect(banner.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Directory" })).toBeVisible();
  const h1 = page.getByRole("main").getByRole("heading", { level: 1, name: heading });
  await expect(h1).toBeVisible();
  // Not only in the DOM: the heading is laid out with a real size, on the first screen.
  const box = await h1.boundingBox();
  expect(box?.height ?? 0).toBeGreaterThan(20);
  expect((box?.y ?? 10_000) + (box?.height ?? 0)).toBeLessThan(page.viewportSize()?.height ?? 720);
}

async function screenshot(page: Page, testInfo: TestInfo, name: string) {
  const file = testInfo.outputPath(`${name.replace(/[^a-z0-9]+/gi, "-")}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(name, { path: file, contentType: "image/png" });
}

/** The path of the demo's pending QUIC statement, found as its chair (who may see it; nobody signed out may). */
async function pendingStatementPath(browser: Browser): Promise<string> {
  const page = await openAs(browser, "chair@example.org", true);
  const title = "LS on QUIC connection migration across 3GPP and non-3GPP access";
  try {
    for (let id = 1; id <= 200; id++) {
      const response = await page.request.get(`/statements/${id}`);
      if (response.status() === 200 && (await response.text()).includes(title)) return `/statements/${id}`;
    }
    throw new Error(`the demo statement "${title}" was not found`);
  } finally {
    await page.context().close();
  }
}

for (const javaScriptEnabled of [true, false]) {
  const js = javaScriptEnabled ? "with JavaScript" : "without JavaScript";

  test.describe(`404 pages signed out, ${js}`, () => {
    const cases = [
      {
        path: "/statements/9999",
        heading: "No public statement 9999",
        text: /if it is a draft or pending/i,
        signIn: true,
      },
      { path: "/directory/nope", heading: /No organization “nope”/, text: /directory lists/i, signIn: false },
      // /directory/quic is QUIC's liaison page now (issue 15, section 6; e2e/workflow-mail.spec.ts), not a 404.
      { path: "/no-such-page", heading: "Page not found", text: /no page at this address/i, signIn: false },
    ];
    for (const c of cases) {
      test(`${c.path} shows the site and says what is missing`, async ({
        browser,
        expectNoA11yViolations,
      }, testInfo) => {
        const page = await openAs(browser, "signed out", javaScriptEnabled);
        const response = await page.goto(c.path);
        expect(response?.status()).toBe(404);
        await expectSitePage(page, c.heading);
        await expect(page.getByRole("main")).toContainText(c.text);
        if (c.signIn) {
          const link = page.getByRole("main").getByRole("link", { name: "sign in" });
          await expect(link).toHaveAttribute("href", `/sign-in?callbackUrl=${encodeURIComponent(c.path)}`);
        }
        await expect(page).toHaveTitle(/Not found · Liaison Statements/);
        await screenshot(page, testInfo, `404 ${c.path} signed out ${js}`);
        if (javaScriptEnabled) await expectNoA11yViolations(page); // axe itself needs scripts
        await page.context().close();
      });
    }

    test("a pending statement's URL asks to sign in, and signing in returns there", async ({ browser }, testInfo) => {
      const path = await pendingStatementPath(browser);
      const id = path.split("/").pop();
      const page = await openAs(browser, "signed out", javaScriptEnabled);
      expect((await page.goto(path))?.status()).toBe(404);
      await expectSitePage(page, `No public statement ${id}`);
      await screenshot(page, testInfo, `404 pending statement signed out ${js}`);
      await page.getByRole("main").getByRole("link", { name: "sign in" }).click();
      const form = page.getByRole("region", { name: "With your password" });
      await form.getByLabel("E-mail").fill("chair@example.org");
      await form.getByLabel("Password").fill("liaison-demo");
      await form.getByRole("button", { name: "Sign in" }).click();
      await expect(page).toHaveURL(new RegExp(`${path}$`));
      await expect(
        page.getByRole("heading", {
          level: 1,
          name: "LS on QUIC connection migration across 3GPP and non-3GPP access",
        }),
      ).toBeVisible();
      await page.context().close();
    });
  });

  test.describe(`404, 403 and 500 pages signed in, ${js}`, () => {
    test("a statement the chair may not see: 404 with the signed-in header", async ({
      browser,
      expectNoA11yViolations,
    }, testInfo) => {
      const page = await openAs(browser, "chair@example.org", javaScriptEnabled);
      expect((await page.goto("/statements/9999"))?.status()).toBe(404);
      await expectSitePage(page, "No statement 9999 you may see");
      await expect(page.getByRole("banner").getByRole("button", { name: "Sign out" })).toBeVisible();
      await expect(page.getByRole("main").getByRole("link", { name: "sign in" })).toHaveCount(0);
      await screenshot(page, testInfo, `404 statement signed in ${js}`);
      if (javaScriptEnabled) await expectNoA11yViolations(page); // axe itself needs scripts
      await page.context().close();
    });

    test("administration as a chair: 403 that says why", async ({ browser, expectNoA11yViolations }, testInfo) => {
      const page = await openAs(browser, "chair@example.org", javaScriptEnabled);
      expect((await page.goto("/admin"))?.status()).toBe(403);
      await expectSitePage(page, "Not allowed");
      await expect(page.getByRole("main")).toContainText(/does not have a role that allows this/);
      await expect(page).toHaveTitle(/Not allowed · Liaison Statements/);
      await screenshot(page, testInfo, `403 admin signed in ${js}`);
      if (javaScriptEnabled) await expectNoA11yViolations(page); // axe itself needs scripts
      await page.context().close();
    });

    // /failure-test throws on the e2e server (TEST_FAILURE_PAGE=true): a real server failure must still be a page.
    test("a server error: 500 that says nothing was lost", async ({ browser, expectNoA11yViolations }, testInfo) => {
      const page = await openAs(browser, "chair@example.org", javaScriptEnabled);
      expect((await page.goto("/failure-test"))?.status()).toBe(500);
      await expectSitePage(page, "Something went wrong");
      await expect(page.getByRole("main")).toContainText(/Nothing you entered was lost/);
      await screenshot(page, testInfo, `500 signed in ${js}`);
      if (javaScriptEnabled) await expectNoA11yViolations(page); // axe itself needs scripts
      await page.context().close();
    });
  });

  test.describe(`403 and 500 pages signed out, ${js}`, () => {
    test("administration signed out: 403 with a sign-in link that returns there", async ({
      browser,
      expectNoA11yViolations,
    }, testInfo) => {
      const page = await openAs(browser, "signed out", javaScriptEnabled);
      expect((await page.goto("/admin/people"))?.status()).toBe(403);
      await expectSitePage(page, "Not allowed");
      await expect(page.getByRole("main").getByRole("link", { name: "sign in" })).toHaveAttribute(
        "href",
        `/sign-in?callbackUrl=${encodeURIComponent("/admin/people")}`,
      );
      await screenshot(page, testInfo, `403 admin signed out ${js}`);
      if (javaScriptEnabled) await expectNoA11yViolations(page); // axe itself needs scripts
      await page.context().close();
    });

    test("a server error signed out: 500 that is still a page", async ({
      browser,
      expectNoA11yViolations,
    }, testInfo) => {
      const page = await openAs(browser, "signed out", javaScriptEnabled);
      expect((await page.goto("/failure-test"))?.status()).toBe(500);
      await expectSitePage(page, "Something went wrong");
      await screenshot(page, testInfo, `500 signed out ${js}`);
      if (javaScriptEnabled) await expectNoA11yViolations(page); // axe itself needs scripts
      await page.context().close();
    });
  });
}

test("the internal status page route is not reachable from outside", async ({ page }) => {
  const response = await page.goto("/error-page/404?path=%2Fstatements%2F1");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("main").getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
});

test("on a phone the status page fits the screen", async ({ browser }, testInfo) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  expect((await page.goto("/statements/9999"))?.status()).toBe(404);
  await expectSitePage(page, "No public statement 9999");
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
  await screenshot(page, testInfo, "404 statements 9999 signed out phone");
  await context.close();
});
