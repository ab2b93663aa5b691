/**
 * Errors and focus: after a rejected submit (with JavaScript) focus moves to the error summary at the top, and
 * its links take focus to each field; every form control's focus indicator contrasts at least 3:1 with the page.
 */
import type { Locator } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { signIn } from "./support/session";

/** WCAG contrast against the white page of the focused control's ring (box-shadow) or outline, the best of them. */
async function focusIndicatorContrast(control: Locator): Promise<number> {
  await control.focus();
  return control.evaluate((el) => {
    const style = getComputedStyle(el);
    const colors = [style.boxShadow, style.outlineStyle !== "none" ? style.outlineColor : ""].join(" ");
    const channel = (c: number) => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    let best = 1;
    for (const m of colors.matchAll(/rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*([\d.]+))?\)/g)) {
      // Seen over the white page: a translucent shadow is mostly white.
      const alpha = m[4] === undefined ? 1 : Number(m[4]);
      const [r, g, b] = [m[1], m[2], m[3]].map((c) => alpha * Number(c) + (1 - alpha) * 255) as [
        number,
        number,
        number,
      ];
      const luminance = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
      best = Math.max(best, 1.05 / (luminance + 0.05));
    }
    return best;
  });
}

test("a rejected form moves focus to its error summary, whose link focuses the field", async ({ page }) => {
  await signIn(page, "secretariat@example.org", { landing: "/admin/organizations/new" });
  await page.getByLabel("Acronym").fill("3GPP");
  await page.getByLabel("Name").fill("Focus check body");
  await page.getByRole("button", { name: "Create organization" }).click();
  const summary = page.getByRole("main").getByRole("alert");
  await expect(summary).toContainText("already used");
  await expect(summary).toBeFocused();
  await summary.getByRole("link", { name: /Acronym/ }).click();
  await expect(page.getByLabel("Acronym")).toBeFocused();
});

test("every text control shows focus with at least 3:1 contrast", async ({ page }) => {
  await signIn(page, "chair@example.org", { landing: "/statements/new?direction=outgoing" });
  for (const name of ["Title", "Body", "Other identifiers", "To-Liaison-Contact"]) {
    const control = page.getByRole("textbox", { name, exact: true });
    expect(await focusIndicatorContrast(control), name).toBeGreaterThanOrEqual(3);
  }
  await page.goto("/statements");
  expect(
    await focusIndicatorContrast(page.getByRole("searchbox", { name: "Search" })),
    "archive search",
  ).toBeGreaterThanOrEqual(3);
});
