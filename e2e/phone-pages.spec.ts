/**
 * Every page on a phone (390 px), signed out and signed in: no sideways page scroll, and the titles in tables
 * are readable — laid out inside the screen, not cut off in a box that scrolls sideways. The archive's
 * filters sit behind a "Filters" disclosure that works without JavaScript.
 */
import type { Page } from "@playwright/test";
import { expect, expectNoHorizontalScroll, PHONE, test } from "./support/fixtures";
import { signIn } from "./support/session";

/** The pages the visitor's navigation offers, plus a statement and the directory's pages. */
async function pagesToVisit(page: Page): Promise<string[]> {
  await page.goto("/");
  const nav = await page
    .getByRole("banner")
    .getByRole("navigation", { name: "Main" })
    .getByRole("link")
    .evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? "/"));
  const api = await page.request.get("/api/v1/statements?pageSize=1");
  const { items } = (await api.json()) as { items: { id: number }[] };
  return [
    ...new Set([
      "/",
      ...nav,
      "/statements?q=quic",
      `/statements/${items[0]?.id}`,
      "/directory/ietf",
      "/directory/3gpp",
    ]),
  ];
}

/** Every link in a table body lies within the screen: nothing to scroll to, nothing cut off. */
async function expectTableLinksOnScreen(page: Page, path: string) {
  const outside = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    return [...document.querySelectorAll("main table tbody a")]
      .slice(0, 40)
      .map((a) => ({ text: (a.textContent ?? "").trim().slice(0, 50), rect: a.getBoundingClientRect() }))
      .filter(({ rect }) => rect.width > 0 && (rect.left < -1 || rect.right > width + 1))
      .map(({ text, rect }) => `${text} (${Math.round(rect.left)}–${Math.round(rect.right)} of ${width})`);
  });
  expect(outside, `${path}: table links outside the screen`).toEqual([]);
}

for (const visitor of ["signed out", "secretariat@example.org", "chair@example.org", "lm-3gpp@example.org"]) {
  test.describe(`phone, ${visitor}`, () => {
    test.use(PHONE);

    test("every page fits the screen and its table titles are readable", async ({ page }) => {
      test.setTimeout(180_000);
      if (visitor !== "signed out") await signIn(page, visitor);
      for (const path of await pagesToVisit(page)) {
        await page.goto(path);
        await expect(page.getByRole("heading", { level: 1 }).first(), path).toBeVisible();
        await expectNoHorizontalScroll(page);
        await expectTableLinksOnScreen(page, path);
      }
    });
  });
}

test.describe("the archive's filters on a phone, without JavaScript", () => {
  test.use({ ...PHONE, javaScriptEnabled: false });

  test("are folded behind “Filters”, which opens them; the search box stays in sight", async ({ page }) => {
    await page.goto("/statements");
    await expect(page.getByRole("searchbox", { name: "Search" })).toBeVisible();
    await expect(page.getByLabel("Direction")).toBeHidden();
    await page.getByText("Filters", { exact: true }).click();
    await expect(page.getByLabel("Direction")).toBeVisible();
    await page.getByLabel("Direction").selectOption("incoming");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/direction=incoming/);
    // A filter in use keeps them open, so the visitor sees what is applied.
    await expect(page.getByLabel("Direction")).toBeVisible();
    await expect(page.getByLabel("Direction")).toHaveValue("incoming");
  });
});

test("at a desk's width the filters are simply there", async ({ page }) => {
  await page.goto("/statements");
  await expect(page.getByLabel("Direction")).toBeVisible();
  await expect(page.getByText("Filters", { exact: true })).toBeHidden();
});

test.describe("the archive's rows on a phone", () => {
  test.use(PHONE);

  test("start with the title", async ({ page }) => {
    await page.goto("/statements");
    const row = page.getByRole("main").locator("table tbody tr").first();
    const title = await row.getByRole("link").first().boundingBox();
    const posted = await row.locator('td[data-label="Posted"]').boundingBox();
    expect(title && posted && title.y < posted.y, "the title comes before Posted").toBe(true);
  });
});

test.describe("the directory's groups on a phone", () => {
  test.use(PHONE);

  test("a nested group's stacked row keeps every cell on one edge, further in than its area's; labels in the page's font", async ({
    page,
  }) => {
    await page.goto("/directory/ietf");
    const edges = await page.evaluate(() => {
      const rowOf = (acronym: string) =>
        [...document.querySelectorAll("main table tbody tr")].find(
          (tr) => tr.querySelector('td[data-label="Acronym"]')?.textContent?.trim() === acronym,
        );
      const contentEdges = (tr: Element | undefined) =>
        [...(tr?.querySelectorAll("td") ?? [])].map((td) => {
          const style = getComputedStyle(td);
          return Math.round(td.getBoundingClientRect().left + Number.parseFloat(style.paddingLeft));
        });
      const label = document.querySelector('main table tbody td[data-label="Acronym"]');
      return {
        area: contentEdges(rowOf("int")),
        nested: contentEdges(rowOf("6man")),
        labelFont: label ? getComputedStyle(label, "::before").fontFamily : "",
        cellFont: label ? getComputedStyle(label).fontFamily : "",
      };
    });
    expect(new Set(edges.nested).size, `cells of 6man start at ${edges.nested.join(", ")}`).toBe(1);
    expect(new Set(edges.area).size, `cells of int start at ${edges.area.join(", ")}`).toBe(1);
    expect(edges.nested[0]!).toBeGreaterThan(edges.area[0]!);
    expect(edges.labelFont).not.toBe(edges.cellFont);
    await expectNoHorizontalScroll(page);
  });
});
