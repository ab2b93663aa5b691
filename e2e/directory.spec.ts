import type { Locator, Page } from "@playwright/test";
import { expect, expectNoHorizontalScroll, PHONE, test } from "./support/fixtures";

/** The section of one organization: a region named by its heading. */
function organization(page: Page, name: RegExp): Locator {
  return page.getByRole("region", { name });
}

/** The cell in column `column` of the row whose acronym is `acronym`, in the organization's groups table. */
async function groupCell(section: Locator, acronym: string, column: string): Promise<Locator> {
  const table = section.getByRole("table", { name: /^Groups of / });
  await expect(table).toBeVisible();
  const headers = (await table.getByRole("columnheader").allInnerTexts()).map((h) => h.trim());
  const index = headers.indexOf(column);
  expect(index, `column "${column}" among ${headers.join(", ")}`).toBeGreaterThanOrEqual(0);
  const row = table.getByRole("row").filter({ has: section.page().getByRole("cell", { name: acronym, exact: true }) });
  await expect(row, `row of ${acronym}`).toHaveCount(1);
  return row.getByRole("rowheader").or(row.getByRole("cell")).nth(index);
}

test("an IETF group in the directory links to its liaison page", async ({ page }) => {
  await page.goto("/directory/ietf");
  const section = page.getByRole("main");
  await expect(
    (await groupCell(section, "quic", "Group")).getByRole("link", { name: "QUIC", exact: true }),
  ).toHaveAttribute("href", "/directory/quic");
});

test.describe("directory", () => {
  test.beforeEach(async ({ page }) => {
    await page.goto("/directory");
    await expect(page.getByRole("heading", { level: 1, name: "Directory" })).toBeVisible();
  });

  test("lists the 3GPP groups and the organization's liaison manager", async ({ page }) => {
    const section = organization(page, /3GPP/i);
    await expect(section.getByRole("heading", { level: 2 })).toContainText("3GPP");
    await expect(section.getByRole("table", { name: /^Groups of / })).toBeVisible();
    await expect(await groupCell(section, "3gpp-tsg-sa", "Acronym")).toHaveText("3gpp-tsg-sa");
    await expect(await groupCell(section, "3gpp-tsgsa-sa2", "Acronym")).toHaveText("3gpp-tsgsa-sa2");
    await expect(await groupCell(section, "3gpp-tsgsa-sa2", "Group")).toContainText(/SA WG2|SA2/);
    await expect(section).toContainText("Mia Tanaka");
    await expect(section.getByRole("link", { name: /lm-3gpp@example\.org/ }).first()).toHaveAttribute(
      "href",
      "mailto:lm-3gpp@example.org",
    );
  });

  test("says whether a formal liaison relationship exists", async ({ page }) => {
    await expect(organization(page, /3GPP/i)).toContainText(/formal liaison relationship/i);
    await expect(organization(page, /3GPP/i)).not.toContainText(/no formal liaison relationship/i);
    await expect(organization(page, /O-RAN/i)).toContainText(/no formal liaison relationship/i);
  });

  test("shows the liaison manager of ITU-T SG15 on its row", async ({ page }) => {
    const section = organization(page, /ITU-T/i);
    const managers = await groupCell(section, "itu-t-sg15", "Liaison managers");
    await expect(managers).toContainText("Luis Ferreira");
    await expect(managers.getByRole("link", { name: /lm-itu@example\.org/ })).toHaveAttribute(
      "href",
      "mailto:lm-itu@example.org",
    );
  });

  test("says where mail goes for a group without a liaison manager", async ({ page }) => {
    const section = organization(page, /ITU-T/i);
    const managers = await groupCell(section, "itu-t-sg13", "Liaison managers");
    await expect(managers).toContainText(/^None/);
    await expect(managers.getByRole("link", { name: "liaison-coordination@iab.org" })).toHaveAttribute(
      "href",
      "mailto:liaison-coordination@iab.org",
    );
  });

  test("has no serious or critical accessibility violations", async ({ page, expectNoA11yViolations }) => {
    await expectNoA11yViolations(page);
  });
});

test.describe("directory on a phone", () => {
  test.use(PHONE);

  test("fits the screen without horizontal scrolling", async ({ page }) => {
    await page.goto("/directory");
    await expect(page.getByRole("heading", { level: 1, name: "Directory" })).toBeVisible();
    await expectNoHorizontalScroll(page);
  });
});
