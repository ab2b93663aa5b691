/**
 * Anonymous visitors get the public pages as script-free documents served from memory (ADR 008): prove the
 * memory never shows an older state than the one just written, and that the pages work as documents.
 */
import { expect, test } from "./support/fixtures";
import { fillQuicToSg15, signIn, signOut } from "./support/session";

test("a statement posted while the public pages are held in memory appears to anonymous visitors at once", async ({
  page,
  browser,
}) => {
  const word = `zebrafinch${Date.now().toString(36)}`;
  const title = `Cache check ${word}`;
  const anonymous = await browser.newContext();
  const visitor = await anonymous.newPage();
  const search = `/statements?q=${word}`;

  // Prime the memory: the second visit is answered from it.
  await visitor.goto(search);
  const primed = await visitor.reload();
  expect(primed!.headers()["x-page-cache"]).toBe("hit");
  await expect(visitor.getByText(/No statements match/i)).toBeVisible();
  await visitor.goto("/statements");
  expect((await visitor.reload())!.headers()["x-page-cache"]).toBe("hit");
  await expect(visitor.getByRole("link", { name: title })).toHaveCount(0);

  // Submitted (pending): still nothing for the anonymous visitor.
  await signIn(page, "chair@example.org");
  await fillQuicToSg15(page, title, `Body mentioning ${word}.`);
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByText("Pending approval")).toBeVisible();
  const statementPath = new URL(page.url()).pathname;
  await visitor.goto(search);
  await expect(visitor.getByText(/No statements match/i)).toBeVisible();
  expect((await visitor.goto(statementPath))!.status()).toBe(404);
  await signOut(page);

  // Approved → posted: the very next anonymous request shows it, in the list, the search and by URL.
  await signIn(page, "ad@example.org", { landing: statementPath });
  await page.getByRole("button", { name: "Approve" }).click();
  // (Not /Posted/: the pending page's mail preview already says "Posted: <url>".)
  await expect(page.getByText("Approved for QUIC by Ada Lindqvist as AD of Web and Internet Transport")).toBeVisible();

  const list = await visitor.goto("/statements");
  expect(list!.headers()["x-page-cache"]).toBe("miss");
  await expect(visitor.getByRole("link", { name: title })).toBeVisible();
  await visitor.goto(search);
  await expect(visitor.getByRole("link", { name: title })).toBeVisible();
  await expect(visitor.locator("mark").first()).toContainText(word);
  const opened = await visitor.goto(statementPath);
  expect(opened!.status()).toBe(200);
  await expect(visitor.getByRole("heading", { name: title })).toBeVisible();
  expect(await visitor.evaluate(() => document.scripts.length)).toBe(0);
  await anonymous.close();
});

test("script-free public pages work as documents: filter form, sort links, paging, back button", async ({ page }) => {
  await page.goto("/statements");
  expect(await page.evaluate(() => document.scripts.length)).toBe(0);
  await page.getByLabel("Direction").selectOption("incoming");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/direction=incoming/);
  const sortByTitle = page.getByRole("columnheader", { name: "Title" }).getByRole("link");
  await sortByTitle.click();
  await expect(page).toHaveURL(/sort=title/);
  await page.goBack();
  await expect(page).toHaveURL(/direction=incoming/);
  await expect(page).not.toHaveURL(/sort=title/);
  // The header's sign-in link leads to the full app.
  await page.getByRole("banner").getByRole("link", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  expect(await page.evaluate(() => document.scripts.length)).toBeGreaterThan(0);
});
