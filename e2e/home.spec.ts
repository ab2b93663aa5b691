import { expect, expectNoHorizontalScroll, PHONE, test } from "./support/fixtures";

test.describe("home page", () => {
  test("explains what the tool is and leads to the directory", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("main")).toContainText(/liaison statements?/i);

    await page.getByRole("main").getByRole("link", { name: "Directory" }).click();
    await expect(page).toHaveURL(/\/directory$/);
    await expect(page.getByRole("heading", { level: 1, name: "Directory" })).toBeVisible();
  });

  test("has no serious or critical accessibility violations", async ({ page, expectNoA11yViolations }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoA11yViolations(page);
  });
});

test.describe("home page on a phone", () => {
  test.use(PHONE);

  test("fits the screen without horizontal scrolling", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoHorizontalScroll(page);
  });
});
