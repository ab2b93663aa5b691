/**
 * Issue 19 (the server's work per signed-in page view): links prefetch when the reader reaches for them — pointer
 * over the link, keyboard focus — not every link as soon as it is on the screen (ADR 043). Before, a signed-in page
 * view sent 12–19 prefetch requests (the main navigation, the statements listed …), each rendering the layout and
 * looking up the session, and more than doubled the server's CPU per page view. Navigating still works, and is
 * still served from the prefetch when there was one.
 */
import { expect, test } from "./support/fixtures";
import { signIn } from "./support/session";

test("a signed-in page prefetches only the links the reader reaches for", async ({ page }) => {
  const prefetched: string[] = [];
  page.on("request", (request) => {
    if (request.headers()["next-router-prefetch"]) prefetched.push(new URL(request.url()).pathname);
  });
  await signIn(page, "chair@example.org", { landing: "/statements/mine" });
  const nav = page.getByRole("banner").getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Directory" })).toBeVisible();
  // Links are prefetched (when they are) once the page's scripts have run: give them time to.
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(1_000);
  expect(prefetched, "prefetched without the reader reaching for anything").toEqual([]);

  await nav.getByRole("link", { name: "Directory" }).hover();
  await expect.poll(() => prefetched).toContain("/directory");
  await nav.getByRole("link", { name: "Statements", exact: true }).focus();
  await expect.poll(() => prefetched).toContain("/statements");
  expect(new Set(prefetched)).toEqual(new Set(["/directory", "/statements"]));

  // The link reached for navigates, on the client (the page's own state is kept: no full load).
  await page.evaluate(() => {
    (window as unknown as { stillHere: boolean }).stillHere = true;
  });
  await nav.getByRole("link", { name: "Directory" }).click();
  await expect(page).toHaveURL(/\/directory$/);
  await expect(page.getByRole("main").getByRole("heading", { level: 1, name: "Directory" })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
});
