/**
 * Issue 16: "a withdrawn banner links the replacement statement". The Secretariat withdraws a posted statement
 * and names the one that replaces it in "Replaced by" — with JavaScript through the search-as-you-type picker,
 * without it through "Find statements" (ADR 020) — and the banner and the history link it, for signed-out
 * readers too. Runs late (zz-): it withdraws demo statements.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { signIn } from "./support/session";

test.describe.configure({ timeout: 150_000 });

interface Listed {
  id: number;
  title: string;
  related: unknown[];
}

/** Posted statements with no relations, far enough down the archive not to be any earlier spec's. */
async function unrelatedPosted(page: Page, skip: number, count: number): Promise<Listed[]> {
  const response = await page.request.get("/api/v1/statements?pageSize=50");
  const { items } = (await response.json()) as { items: Listed[] };
  const titles = new Set<string>();
  const unique = items.filter((s) => s.related.length === 0 && !titles.has(s.title) && titles.add(s.title));
  const chosen = unique.slice(skip, skip + count);
  expect(chosen).toHaveLength(count);
  return chosen;
}

const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

async function expectBannerLinks(page: Page, replacement: Listed) {
  const banner = page.getByRole("note").filter({ hasText: "This statement was withdrawn" });
  await expect(banner).toContainText("Sent with the wrong attachment");
  await expect(banner.getByRole("link", { name: replacement.title, exact: true })).toHaveAttribute(
    "href",
    `/statements/${replacement.id}`,
  );
  await expect(
    page.getByRole("region", { name: "History" }).getByRole("link", { name: replacement.title, exact: true }),
  ).toBeVisible();
}

test("withdraw with a replacement chosen in the picker: the banner and the history link it", async ({
  page,
  browser,
  expectNoA11yViolations,
}) => {
  await signIn(page, "secretariat@example.org");
  const [withdrawn, replacement] = await unrelatedPosted(page, 6, 2);
  await page.goto(`/statements/${withdrawn!.id}`);
  await page.getByLabel("Reason for withdrawing").fill("Sent with the wrong attachment");
  const picker = page.getByRole("combobox", { name: "Replaced by (optional)" });
  await picker.fill(replacement!.title.split(/\s+/).slice(0, 4).join(" "));
  await page
    .getByRole("listbox", { name: "Replaced by (optional)" })
    .getByRole("option", { name: new RegExp(`^${literal(replacement!.title)}`) })
    .first()
    .click();
  // One replacement at most: choosing it closes the list (nothing stays over the Withdraw button).
  await expect(page.getByRole("listbox", { name: "Replaced by (optional)" })).toBeHidden();
  await expect(page.getByRole("list", { name: "Chosen: Replaced by (optional)" })).toContainText(replacement!.title);
  await expectNoA11yViolations(page);
  await page.getByRole("button", { name: "Withdraw" }).click();
  await expectBannerLinks(page, replacement!);
  await expectNoA11yViolations(page);

  // A signed-out reader sees the same link (the replacement is public).
  const reader = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await reader.goto(`/statements/${withdrawn!.id}`);
  await expectBannerLinks(reader, replacement!);
  await reader.context().close();
});

test("withdraw with a replacement found without JavaScript: Find statements keeps the reason; the banner links it", async ({
  browser,
}) => {
  const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await signIn(page, "secretariat@example.org");
  const [withdrawn, replacement] = await unrelatedPosted(page, 8, 2);
  await page.goto(`/statements/${withdrawn!.id}`);
  await page.getByLabel("Reason for withdrawing").fill("Sent with the wrong attachment");
  await page.getByRole("searchbox", { name: "Find a statement" }).fill(replacement!.title);
  await page.getByRole("button", { name: "Find statements" }).click();
  // The same page, the reason kept, the matches to tick; nothing withdrawn yet.
  await expect(page.getByLabel("Reason for withdrawing")).toHaveValue("Sent with the wrong attachment");
  await expect(page.getByRole("note").filter({ hasText: "This statement was withdrawn" })).toHaveCount(0);
  await page
    .getByRole("group", { name: "Replaced by (optional)" })
    .getByRole("checkbox", { name: new RegExp(`^${literal(replacement!.title)}`) })
    .first()
    .check();
  await page.getByRole("button", { name: "Withdraw" }).click();
  await expectBannerLinks(page, replacement!);
  await page.context().close();
});

test("the replacement cannot be the statement itself: a clear error, nothing withdrawn", async ({ browser }) => {
  const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await signIn(page, "secretariat@example.org");
  const [statement] = await unrelatedPosted(page, 10, 1);
  await page.goto(`/statements/${statement!.id}`);
  await page.getByLabel("Reason for withdrawing").fill("Duplicate");
  await page.getByRole("searchbox", { name: "Find a statement" }).fill(statement!.title);
  await page.getByRole("button", { name: "Find statements" }).click();
  await page
    .getByRole("group", { name: "Replaced by (optional)" })
    .getByRole("checkbox", { name: new RegExp(`^${literal(statement!.title)}`) })
    .first()
    .check();
  await page.getByRole("button", { name: "Withdraw" }).click();
  await expect(page.getByText("A statement cannot replace itself").first()).toBeVisible();
  await page.goto(`/statements/${statement!.id}`);
  await expect(page.getByRole("note").filter({ hasText: "This statement was withdrawn" })).toHaveCount(0);
  await page.context().close();
});
