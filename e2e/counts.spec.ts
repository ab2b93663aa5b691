/** Counts agree in number: "1 statement matches", "1 day", "1 mail" — never "1 days". */
import { expect, test } from "./support/fixtures";
import { signIn } from "./support/session";

const DISAGREEING = /\b1 (days|mails|statements)\b|\b1 statement match\b/;

test("a search with one result says “1 statement matches”", async ({ page }) => {
  const q = '"fixed access network sharing"';
  const api = await page.request.get(`/api/v1/statements?q=${encodeURIComponent(q)}`);
  expect(((await api.json()) as { total: number }).total).toBe(1);
  await page.goto(`/statements?q=${encodeURIComponent(q)}`);
  await expect(page.locator("#result-count")).toContainText("1 statement matches");
});

test("the working pages never write “1 days” or “1 mails”", async ({ page }) => {
  await signIn(page, "secretariat@example.org");
  for (const path of ["/approvals", "/action-needed", "/desk", "/outbox"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's locator.innerText (what is shown), not the DOM property
    expect(await page.getByRole("main").innerText(), path).not.toMatch(DISAGREEING);
  }
});
