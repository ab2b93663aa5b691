import { createHash } from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";

// Demo data (src/server/seed/statements/*): a posted incoming LS with identifier S2-2405678 and a PDF, and a
// pending outgoing LS that must never be visible to anyone signed out.
const ATSSS = "LS on QUIC-based multi-access traffic steering (ATSSS Phase 4)";
const PENDING = "LS on QUIC connection migration across 3GPP and non-3GPP access";

const resultTable = (page: Page) => page.getByRole("table");
const resultRows = (page: Page) => resultTable(page).locator("tbody tr");
const titlesOnPage = (page: Page) => resultRows(page).locator("td:nth-child(4) > a").allInnerTexts();

test.describe("public archive, signed out", () => {
  test("browses newest first and sorts by a column both ways", async ({ page }) => {
    await page.goto("/statements");
    await expect(page.getByRole("heading", { level: 1, name: "Liaison statements" })).toBeVisible();
    await expect(page.getByText(/^\d+ statements, newest first\.$/)).toBeVisible();
    await expect(page.locator('head link[rel="alternate"][type="application/atom+xml"]')).toHaveAttribute(
      "href",
      /\/feeds\/statements\.atom$/,
    );
    const postedHeader = page.getByRole("columnheader", { name: /Posted/ });
    await expect(postedHeader).toHaveAttribute("aria-sort", "descending");
    const dates = await resultRows(page).locator("td:first-child").allInnerTexts();
    expect(dates.length).toBeGreaterThan(20);
    expect(dates).toEqual([...dates].sort().reverse());

    await page.getByRole("columnheader", { name: /Title/ }).getByRole("link").click();
    await expect(page).toHaveURL(/sort=title&order=asc/);
    await expect(page.getByRole("columnheader", { name: /Title/ })).toHaveAttribute("aria-sort", "ascending");
    await expect(page.getByRole("columnheader", { name: /Posted/ })).not.toHaveAttribute("aria-sort", /.*/);
    const ascending = (await titlesOnPage(page)).map((t) => t.toLowerCase());
    expect(ascending).toEqual([...ascending].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));

    await page.getByRole("columnheader", { name: /Title/ }).getByRole("link").click();
    await expect(page).toHaveURL(/sort=title&order=desc/);
    await expect(page.getByRole("columnheader", { name: /Title/ })).toHaveAttribute("aria-sort", "descending");
    expect((await titlesOnPage(page)).map((t) => t.toLowerCase())).toEqual([...ascending].reverse());
  });

  test("filters by direction, From and action needed, all kept in the URL", async ({ page }) => {
    await page.goto("/statements");
    const total = Number(((await page.getByText(/^\d+ statements/).textContent()) ?? "").split(" ")[0]);
    await page.getByLabel("Direction").selectOption("incoming");
    await page.getByLabel("From", { exact: true }).selectOption("3gpp");
    await page.getByLabel("Action needed").check();
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/direction=incoming/);
    await expect(page).toHaveURL(/from=3gpp(&|$)/);
    await expect(page).toHaveURL(/actionNeeded=true/);
    // The form shows the filters in effect.
    await expect(page.getByLabel("Direction")).toHaveValue("incoming");
    await expect(page.getByLabel("From", { exact: true })).toHaveValue("3gpp");
    await expect(page.getByLabel("Action needed")).toBeChecked();
    const rows = resultRows(page);
    const count = await rows.count();
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThan(total);
    for (let i = 0; i < count; i++) {
      await expect(rows.nth(i)).toContainText("action needed");
      await expect(rows.nth(i).locator("td:nth-child(2)")).toContainText("3GPP"); // external groups by name
      await expect(rows.nth(i)).toContainText("Incoming");
    }
    await expect(page.getByText(new RegExp(`^${count} statements?, newest first\\.$`))).toBeVisible();
    // The back button returns to the unfiltered list.
    await page.goBack();
    await expect(page.getByText(`${total} statements, newest first.`)).toBeVisible();
  });

  test("searches by identifier with highlights, opens the statement and downloads its attachment intact", async ({
    page,
  }) => {
    await page.goto("/statements");
    await page.getByLabel("Search").fill("S2-2405678");
    await page.getByLabel("Search").press("Enter");
    await expect(page).toHaveURL(/q=S2-2405678/);
    await expect(
      page.getByText(/(1 statement matches|\d+ statements match) “S2-2405678”, best match first/),
    ).toBeVisible();
    const first = resultRows(page).first();
    await expect(first.getByRole("link", { name: ATSSS })).toBeVisible();
    await expect(first.locator("mark", { hasText: "S2-2405678" }).first()).toBeVisible();

    // Words in titles are highlighted too.
    await page.getByLabel("Search").fill("multipath security");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page.locator("td mark", { hasText: /^Security$/ }).first()).toBeVisible();

    await page.goto("/statements?q=S2-2405678");
    await resultRows(page).first().getByRole("link", { name: ATSSS }).click();
    await expect(page).toHaveURL(/\/statements\/\d+\?back=%2Fstatements%3Fq%3D/); // "Back to results" rides along
    await expect(page.getByRole("heading", { level: 1, name: ATSSS })).toBeVisible();
    await expect(page.getByText("S2-2405678").first()).toBeVisible();
    const download = page.getByRole("link", { name: "S2-2405678 LS on QUIC-based multi-access traffic steering" });
    const href = await download.getAttribute("href");
    expect(href).toBeTruthy();
    const response = await page.request.get(href as string);
    expect(response.ok()).toBe(true);
    const sha = createHash("sha256")
      .update(await response.body())
      .digest("hex");
    await expect(page.getByText(`SHA-256 ${sha}`)).toBeVisible();
  });

  test("pagination links keep the filters", async ({ page }) => {
    await page.goto("/statements?q=quic&purpose=action&page=2");
    await expect(page.getByText("There are no statements on this page.")).toBeVisible();
    const previous = page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Previous page" });
    await expect(previous).toHaveAttribute("href", /q=quic/);
    await expect(previous).toHaveAttribute("href", /purpose=action/);
    await previous.click();
    await expect(page.getByLabel("Search")).toHaveValue("quic");
    await expect(page.getByLabel("Purpose")).toHaveValue("action");
  });

  test("a pending statement never appears in the list, search, API or by URL", async ({ page, request }) => {
    for (const url of [
      "/statements",
      "/statements?sort=title",
      `/statements?q=${encodeURIComponent('"connection migration"')}`,
    ]) {
      await page.goto(url);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expect(page.getByRole("main")).not.toContainText(PENDING);
    }
    const api = await request.get(
      `/api/v1/statements?q=${encodeURIComponent("QUIC connection migration")}&pageSize=100`,
    );
    expect(api.ok()).toBe(true);
    const { items } = (await api.json()) as { items: { id: number; title: string }[] };
    expect(items.map((s) => s.title)).not.toContain(PENDING);

    // Walk every id up to past the highest public one: an id the API hides is a 404 page too, and the
    // pending statement is among the hidden ones (it is never served).
    const all = (await (await request.get("/api/v1/statements?pageSize=100")).json()) as { items: { id: number }[] };
    const maxId = Math.max(...all.items.map((s) => s.id)) + 5;
    let hidden = 0;
    for (let id = 1; id <= maxId; id++) {
      const one = await request.get(`/api/v1/statements/${id}`);
      if (one.status() === 200) {
        const body = (await one.json()) as { title: string; state: string };
        expect(body.title).not.toBe(PENDING);
        expect(["posted", "withdrawn"]).toContain(body.state);
        continue;
      }
      expect(one.status()).toBe(404);
      hidden++;
      const pageResponse = await request.get(`/statements/${id}`);
      expect(pageResponse.status(), `/statements/${id}`).toBe(404);
      expect(await pageResponse.text()).not.toContain(PENDING);
    }
    expect(hidden).toBeGreaterThan(5);
  });

  test("the list, a search and a statement page have no serious accessibility violations", async ({
    page,
    expectNoA11yViolations,
  }) => {
    await page.goto("/statements");
    await expect(resultTable(page)).toBeVisible();
    await expectNoA11yViolations(page);
    await page.goto("/statements?q=quic+security");
    await expect(page.locator("td mark").first()).toBeVisible();
    await expectNoA11yViolations(page);
    await resultRows(page).first().locator("td:nth-child(4) > a").click();
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoA11yViolations(page);
  });
});

test.describe("public archive without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("lists, filters, sorts and searches with plain HTML", async ({ page }) => {
    await page.goto("/statements");
    await expect(page.getByText(/^\d+ statements, newest first\.$/)).toBeVisible();
    expect(await resultRows(page).count()).toBeGreaterThan(20);

    await page.getByLabel("Search").fill("MPQUIC");
    await page.getByLabel("Purpose").selectOption("action");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/q=MPQUIC/);
    await expect(page).toHaveURL(/purpose=action/);
    await expect(page.getByRole("link", { name: "LS on Security considerations for MPQUIC" })).toBeVisible();
    await expect(page.locator("td mark", { hasText: /^MPQUIC$/i }).first()).toBeVisible();
    const rows = resultRows(page);
    for (let i = 0; i < (await rows.count()); i++) await expect(rows.nth(i)).toContainText("For action");

    await page
      .getByRole("columnheader", { name: /Deadline/ })
      .getByRole("link")
      .click();
    await expect(page).toHaveURL(/sort=deadline/);
    await expect(page).toHaveURL(/q=MPQUIC/);
    await expect(page.getByRole("columnheader", { name: /Deadline/ })).toHaveAttribute("aria-sort", "ascending");
    await expect(page.getByLabel("Search")).toHaveValue("MPQUIC");

    await page.getByRole("link", { name: "Clear all" }).click();
    await page.getByLabel("Search").fill("S2-2405678");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(resultRows(page).first().getByRole("link", { name: ATSSS })).toBeVisible();
    await expect(page.locator("td mark", { hasText: "S2-2405678" }).first()).toBeVisible();
    await expect(page.getByRole("main")).not.toContainText(PENDING);
  });
});
