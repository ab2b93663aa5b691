/**
 * Every page has a title of its own (a statement page is titled by the statement; its edit and reply pages
 * say so), and the main navigation marks where the visitor is with aria-current.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { signIn } from "./support/session";

const SUFFIX = " · Liaison Statements";

async function firstPublicStatement(page: Page): Promise<{ id: number; title: string }> {
  const response = await page.request.get("/api/v1/statements?pageSize=1");
  const { items } = (await response.json()) as { items: { id: number; title: string }[] };
  const first = items[0];
  if (!first) throw new Error("the demo data has no public statement");
  return first;
}

test("statement pages are titled by the statement; edit and reply say what they are", async ({ page }) => {
  const statement = await firstPublicStatement(page);
  await page.goto(`/statements/${statement.id}`);
  await expect(page).toHaveTitle(`${statement.title}${SUFFIX}`);

  await signIn(page, "secretariat@example.org", { landing: `/statements/${statement.id}` });
  await expect(page).toHaveTitle(`${statement.title}${SUFFIX}`);
  await page.goto(`/statements/${statement.id}/edit`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Edit:");
  await expect(page).toHaveTitle(`Edit: ${statement.title}${SUFFIX}`);
});

test("the reply page says which statement it answers", async ({ page }) => {
  const statement = await firstPublicStatement(page);
  await signIn(page, "secretariat@example.org", { landing: `/statements/${statement.id}/reply` });
  await expect(page.getByRole("heading", { level: 1 })).toContainText(statement.title);
  await expect(page).toHaveTitle(`Reply to: ${statement.title}${SUFFIX}`);
});

test("every page a Secretariat member can open has a title of its own", async ({ page }) => {
  await signIn(page, "secretariat@example.org");
  const statement = await firstPublicStatement(page);
  const paths = [
    "/",
    "/statements",
    "/statements?q=quic",
    `/statements/${statement.id}`,
    `/statements/${statement.id}/edit`,
    "/statements/new?direction=outgoing",
    "/statements/new?direction=incoming",
    "/approvals",
    "/action-needed",
    "/directory",
    "/directory/ietf",
    "/directory/3gpp",
    "/account",
    "/admin",
    "/admin/organizations",
    "/admin/organizations/1",
    "/admin/organizations/2",
    "/admin/groups",
    "/admin/groups/1",
    "/admin/people",
    "/admin/people/1",
    "/admin/audit",
    "/outbox",
  ];
  const titles = new Map<string, string>();
  for (const path of paths) {
    await page.goto(path);
    titles.set(path, await page.title());
  }
  const seen = new Map<string, string>();
  for (const [path, title] of titles) {
    expect(seen.get(title), `${path} has the same title as ${seen.get(title)}: "${title}"`).toBeUndefined();
    seen.set(title, path);
  }
  expect(titles.get("/statements/new?direction=incoming")).toBe(`Record an incoming statement${SUFFIX}`);
});

test.describe("aria-current in the main navigation", () => {
  const cases: [string, string, "page" | "true"][] = [
    ["/statements", "Statements", "page"],
    ["/statements?q=quic", "Statements", "page"],
    ["/statements/1", "Statements", "true"],
    ["/statements/new?direction=outgoing", "Enter outgoing", "page"],
    ["/statements/new?direction=incoming", "Record incoming", "page"],
    ["/statements/mine", "My statements", "page"],
    ["/approvals", "Approvals", "page"],
    ["/directory/ietf", "Directory", "true"],
    ["/admin/people", "Administration", "true"],
    ["/outbox", "Outbox", "page"],
  ];

  test("marks exactly the item of the page, signed in, also after client-side navigation", async ({ page }) => {
    await signIn(page, "secretariat@example.org");
    const nav = page.getByRole("banner").getByRole("navigation", { name: "Main" });
    for (const [path, label, value] of cases) {
      await page.goto(path);
      // (A count of waiting work is part of the name: "Approvals, 3 waiting" — issue 15 §2.)
      const name = new RegExp(`^${label}(, \\d+ waiting)?$`);
      await expect(nav.getByRole("link", { name }), path).toHaveAttribute("aria-current", value);
      await expect(nav.locator("[aria-current]"), path).toHaveCount(1);
    }
    await page.goto("/account");
    await expect(nav.locator("[aria-current]")).toHaveCount(0);
    // Client-side navigation (the header is not rendered again): the mark follows.
    await nav.getByRole("link", { name: "Directory" }).click();
    await expect(page).toHaveURL(/\/directory$/);
    await expect(nav.getByRole("link", { name: "Directory" })).toHaveAttribute("aria-current", "page");
    await expect(nav.locator("[aria-current]")).toHaveCount(1);
  });

  test("signed out, on the script-free public pages", async ({ page }) => {
    const nav = page.getByRole("banner").getByRole("navigation", { name: "Main" });
    await page.goto("/directory");
    expect(await page.evaluate(() => document.scripts.length)).toBe(0);
    await expect(nav.getByRole("link", { name: "Directory" })).toHaveAttribute("aria-current", "page");
    await expect(nav.getByRole("link", { name: "Statements" })).not.toHaveAttribute("aria-current");
    await page.goto("/");
    await expect(nav.locator("[aria-current]")).toHaveCount(0);
  });
});
