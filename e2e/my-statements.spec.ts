/**
 * Issue 15 §2 journey: the QUIC chair starts a draft with only a title, the co-chair finds it under
 * My statements and completes it, the chair submits it; the AD sees it counted in the navigation and on
 * the dashboard. And: an incoming statement whose deadline passed asks "record it anyway?", without JavaScript.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { chooseGroup, signIn, signOut } from "./support/session";

/** The page as a person sees it on a phone (390 px) and a laptop (1280 px), for review (test-results/). */
async function shots(page: Page, name: string) {
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `test-results/screens-${name}-${width}.png`, fullPage: true });
  }
}

const daysFromNow = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

test("chair and co-chair write a draft together, find it under My statements, and submit it", async ({
  page,
  expectNoA11yViolations,
}) => {
  test.setTimeout(90_000);
  const title = `LS drafted by both QUIC chairs ${Date.now()}`;

  // Quentin starts it: a Title and a From group are enough to save.
  await signIn(page, "chair@example.org", { landing: "/statements/new?direction=outgoing" });
  await chooseGroup(page, "From", "quic", /^QUIC/);
  await page.getByLabel("From-Contact").fill("");
  await page.getByRole("textbox", { name: "Title", exact: true }).fill(title);
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  // Submitting it now names what is missing, as the form would.
  await page.getByRole("button", { name: "Submit" }).click();
  const missing = page.getByRole("alert").filter({ hasText: "Complete the statement" });
  await expect(missing).toContainText("Choose at least one receiving group.");
  await expect(missing).toContainText("Enter at least one To-Contact address.");
  await expect(missing).toContainText("Choose a purpose.");
  await signOut(page);

  // Elena finds it under My statements, with what to do next.
  await signIn(page, "cochair@example.org");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My statements" }).click();
  await expect(page.getByRole("heading", { name: "My statements", level: 1 })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: title });
  await expect(row).toContainText("Draft");
  await expect(row).toContainText("Add To, From-Contact, To-Contact, Purpose and Body, then submit it.");
  await expectNoA11yViolations(page);
  await shots(page, "my-statements");
  await row.getByRole("link", { name: title }).click();
  await page.getByRole("navigation", { name: "Statement actions" }).getByRole("link", { name: "Edit" }).click();
  await chooseGroup(page, "To", "3gpp-tsgsa-sa2", /3gpp-tsgsa-sa2/);
  await page.getByLabel("From-Contact").fill("Quentin Hale <chair@example.org>\nElena Petrova <cochair@example.org>");
  await page.getByLabel("To-Contact").fill("3GPP SA2 Chair <sa2-chair@example.net>");
  await page.getByLabel("Purpose").selectOption("information");
  await page.getByLabel("Body").fill("Dear colleagues,\n\nwritten by both QUIC chairs.\n");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  // The history says who changed what.
  const history = page.getByRole("region", { name: "History" });
  await expect(history).toContainText("Created as draft — Quentin Hale");
  await expect(history).toContainText(/Changed .*Body.* — Elena Petrova/);
  await signOut(page);

  // Quentin sees it ready and submits it.
  await signIn(page, "chair@example.org", { landing: "/statements/mine" });
  const ready = page.getByRole("row").filter({ hasText: title });
  await expect(ready).toContainText("Review it and submit it.");
  await ready.getByRole("link", { name: title }).click();
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByText("Pending approval")).toBeVisible();
  await page.goto("/statements/mine");
  await expect(page.getByRole("row").filter({ hasText: title })).toContainText(
    "Waiting for approval by Ada Lindqvist or Tomás Novak (AD of Web and Internet Transport).",
  );
  await signOut(page);

  // Ada: the navigation counts it, the dashboard lists it.
  await signIn(page, "ad@example.org");
  const approvals = page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: /^Approvals, \d+ waiting$/ });
  await expect(approvals).toBeVisible();
  const waiting = Number(/Approvals, (\d+) waiting/.exec((await approvals.textContent()) ?? "")?.[1] ?? "0");
  await page.goto("/approvals");
  await expect(page.getByRole("table", { name: "Statements waiting for approval" }).getByRole("row")).toHaveCount(
    waiting + 1,
  );
  await page.goto("/");
  const panel = page.getByRole("region", { name: /Approvals/ });
  await expect(panel.getByRole("link", { name: title })).toBeVisible();
  await expect(page.getByRole("region", { name: "Recent statements of your groups" })).toBeVisible();
  await expectNoA11yViolations(page);
  await shots(page, "dashboard");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("an incoming statement whose deadline has passed asks before it is recorded, keeping every value", async ({
    page,
  }) => {
    const title = `LS received after its deadline ${Date.now()}`;
    await signIn(page, "lm-3gpp@example.org", { landing: "/statements/new?direction=incoming" });
    await page
      .getByRole("group", { name: "From" })
      .getByRole("checkbox", { name: /3gpp-tsgsa-sa2/ })
      .check();
    await page
      .getByRole("group", { name: "To" })
      .getByRole("checkbox", { name: /QUIC quic/ })
      .check();
    await page.getByLabel("From-Contact").fill("3GPP SA2 Chair <sa2-chair@example.net>");
    await page.getByLabel("To-Contact").fill("Quentin Hale <chair@example.org>");
    await page.getByRole("textbox", { name: "Title", exact: true }).fill(title);
    await page.getByLabel("Purpose").selectOption("action");
    await page.getByLabel("Deadline").fill(daysFromNow(-5));
    await page.getByLabel("Body").fill("Please act.\n");
    await page.getByLabel("Date received").fill(daysFromNow(0));
    await page.getByRole("button", { name: "Post" }).click();

    await expect(page.getByLabel("Deadline")).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator("#field-deadline-error")).toContainText(
      "The deadline has already passed — record it anyway?",
    );
    await expect(page.getByRole("textbox", { name: "Title", exact: true })).toHaveValue(title);
    await expect(page.getByLabel("Deadline")).toHaveValue(daysFromNow(-5));
    await page.getByLabel("Record it anyway").check();
    await page.getByRole("button", { name: "Post" }).click();
    await expect(page.getByRole("heading", { name: title })).toBeVisible();
    await expect(page.getByText(/Needed — assigned to Mia Tanaka/)).toBeVisible();
  });
});
