/**
 * Issue 15, sections 1, 5 and 6, as their users live them: the liaison manager is copied, never addressed;
 * approval the way RFC 4053bis describes it; every group has a liaison page.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { chooseGroup, signIn, signOut } from "./support/session";

const LM = "lm-3gpp@example.org";

/** Screenshots at phone and desktop width, for a person to look at (SCREENSHOT_DIR, else skipped). */
async function screenshots(page: Page, name: string, fullPage = true) {
  const dir = process.env.SCREENSHOT_DIR;
  if (!dir) return;
  const size = page.viewportSize();
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${dir}/${name}-${width}.png`, fullPage });
  }
  if (size) await page.setViewportSize(size);
}

test("§1: with the untouched pre-fill the 3GPP liaison manager is in Cc of the received mail, never in To", async ({
  page,
  mail,
  expectNoA11yViolations,
}) => {
  const title = `LS with the LM copied ${Date.now()}`;
  await signIn(page, "chair@example.org", { landing: "/statements/new?direction=outgoing" });
  await chooseGroup(page, "From", "quic", /^QUIC/);
  await chooseGroup(page, "To", "3gpp-tsgsa-sa2", /3gpp-tsgsa-sa2/);
  // SA2's own contacts only; our liaison manager is where replies go, not a contact of 3GPP.
  await expect(page.getByLabel("To-Contact")).toHaveValue(/sa2-chair@example\.org/);
  await expect(page.getByLabel("To-Contact")).not.toHaveValue(/lm-3gpp/);
  await expect(page.getByLabel("From-Liaison-Contact")).toHaveValue(/lm-3gpp@example\.org/);
  await page.getByRole("textbox", { name: "Title", exact: true }).fill(title);
  await page.getByLabel("Purpose").selectOption("information");
  await page.getByLabel("Body").fill("For your information.");
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByText("Pending approval")).toBeVisible();
  await expect(page.getByText("Submitted by Quentin Hale as Chair of QUIC").first()).toBeVisible();
  const request = await mail.waitFor((m) => m.subject.startsWith("Approval requested") && m.subject.includes(title), {
    description: "approval request",
  });
  expect(request.cc.map((m) => m.address)).toContain(LM);
  await signOut(page);

  await signIn(page, "ad@example.org", { landing: "/approvals" });
  await page.getByRole("link", { name: title }).click();
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByText(/Posted/).first()).toBeVisible();
  const posted = await mail.waitFor((m) => m.subject === `New Liaison Statement, "${title}"`, {
    description: "distribution mail",
  });
  // The received headers: the LM in Cc, not in To.
  expect(posted.to.map((m) => m.address)).not.toContain(LM);
  expect(posted.to.map((m) => m.address)).toContain("sa2-chair@example.org");
  expect(posted.cc.map((m) => m.address)).toContain(LM);
  expect(posted.headers.to).not.toContain(LM);
  expect(posted.headers.cc).toContain(LM);
  console.log(`§1 distribution headers: To: ${posted.headers.to} | Cc: ${posted.headers.cc}`);

  // The published record: To-Contact is 3GPP's; the LM is shown as copied.
  await signOut(page);
  await page.goto(
    new URL(page.url()).origin + new URL(posted.text.match(/https?:\/\/\S+\/statements\/\d+/)![0]).pathname,
  );
  const toContact = page.getByRole("definition").filter({ hasText: "sa2-chair@example.org" });
  await expect(toContact).not.toContainText(LM);
  await expect(page.getByText("Liaison managers (copied)")).toBeVisible();
  await expectNoA11yViolations(page);

  // The incoming form: From-Contact of a 3GPP group is that group's own contacts, not the LM.
  await signIn(page, LM, { landing: "/statements/new?direction=incoming" });
  await chooseGroup(page, "From", "3gpp-tsgsa-sa2", /3gpp-tsgsa-sa2/);
  await expect(page.getByLabel("From-Contact")).toHaveValue(/sa2-chair@example\.org/);
  await expect(page.getByLabel("From-Contact")).not.toHaveValue(/lm-3gpp/);
});

test("§5: the Secretariat's submission approves on behalf only explicitly, with who approved and how in the public history", async ({
  page,
  mail,
  expectNoA11yViolations,
}) => {
  const title = `LS approved on behalf ${Date.now()}`;
  await signIn(page, "secretariat@example.org", { landing: "/statements/new?direction=outgoing" });
  // Research groups do not originate statements.
  // A research group is not offered as From: typing its acronym finds nothing (QUIC, typed next, is found).
  await page.getByRole("combobox", { name: "From", exact: true }).fill("cfrg");
  await expect(
    page.getByRole("listbox", { name: "From", exact: true }).getByRole("option", { name: /cfrg/i }),
  ).toHaveCount(0);
  await page.getByRole("combobox", { name: "From", exact: true }).fill("");
  await chooseGroup(page, "From", "quic", /^QUIC/);
  await chooseGroup(page, "To", "3gpp-tsgsa-sa2", /3gpp-tsgsa-sa2/);
  await page.getByRole("textbox", { name: "Title", exact: true }).fill(title);
  await page.getByLabel("Purpose").selectOption("information");
  await page.getByLabel("Body").fill("For your information.");
  // Ticked without the note: refused, the values kept.
  await page.getByLabel("Approve on behalf now").check();
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByLabel("Who approved, and how")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("textbox", { name: "Title", exact: true })).toHaveValue(title);
  await expectNoA11yViolations(page);
  await page.getByLabel("Approve on behalf now").scrollIntoViewIfNeeded();
  await screenshots(page, "approve-on-behalf-form", false);
  await page.getByLabel("Approve on behalf now").check();
  await page.getByLabel("Who approved, and how").fill("Ada Lindqvist approved by mail on 2026-12-01");
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  await mail.waitFor((m) => m.subject === `New Liaison Statement, "${title}"`, { description: "distribution mail" });
  const url = page.url();
  await signOut(page);

  // Anyone reading the record sees who approved and how, and in which role it was submitted.
  await page.goto(url);
  await expect(
    page.getByText(
      "Approved for QUIC by Sandra Ortiz as Secretariat, on behalf of the AD of Web and Internet Transport: Ada Lindqvist approved by mail on 2026-12-01",
    ),
  ).toBeVisible();
  await expect(page.getByText("Submitted by Sandra Ortiz as Secretariat").first()).toBeVisible();
});

test("§5: a Secretariat submission without 'Approve on behalf now' goes to the approvers", async ({ page, mail }) => {
  const title = `LS to the approvers ${Date.now()}`;
  await signIn(page, "secretariat@example.org", { landing: "/statements/new?direction=outgoing" });
  await chooseGroup(page, "From", "quic", /^QUIC/);
  await chooseGroup(page, "To", "3gpp-tsgsa-sa2", /3gpp-tsgsa-sa2/);
  await page.getByRole("textbox", { name: "Title", exact: true }).fill(title);
  await page.getByLabel("Purpose").selectOption("information");
  await page.getByLabel("Body").fill("For your information.");
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByText("Pending approval")).toBeVisible();
  const request = await mail.waitFor((m) => m.subject.startsWith("Approval requested") && m.subject.includes(title), {
    description: "approval request",
  });
  expect(request.to.map((m) => m.address)).toContain("ad@example.org");
  expect(request.cc.map((m) => m.address)).toContain(LM);

  // Approving it on behalf from its page asks for the note too.
  await page.getByRole("button", { name: "Approve on behalf" }).click();
  await expect(page.getByLabel("Who approved, and how")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Who approved, and how").fill("Ada Lindqvist approved by phone on 2026-12-02");
  await page.getByRole("button", { name: "Approve on behalf" }).click();
  await expect(page.getByText(/: Ada Lindqvist approved by phone on 2026-12-02/)).toBeVisible();
});

test("§6: /directory/quic is QUIC's liaison page, script-free for anonymous visitors, linked from its statements", async ({
  page,
  request,
  expectNoA11yViolations,
}) => {
  const response = await request.get("/directory/quic");
  expect(response.status()).toBe(200);
  expect(await response.text()).not.toMatch(/<script/i);

  await page.goto("/directory/quic");
  await expect(page.getByRole("heading", { level: 1, name: "QUIC (quic)" })).toBeVisible();
  expect(await page.evaluate(() => document.scripts.length)).toBe(0);
  await expect(page.getByText(/Quentin Hale \(Chair\)/)).toBeVisible();
  await expect(page.getByText(/An AD of Web and Internet Transport: .*Ada Lindqvist/)).toBeVisible();
  const peers = page.getByRole("region", { name: "Bodies it exchanges with" });
  await expect(peers.getByRole("link", { name: "3GPP TSG SA WG2 (Architecture)" })).toHaveAttribute(
    "href",
    "/directory/3gpp-tsgsa-sa2",
  );
  const table = page.getByRole("table");
  await expect(table.getByRole("cell", { name: "Incoming" }).first()).toBeVisible();
  await expect(table.getByRole("cell", { name: "Outgoing" }).first()).toBeVisible();
  await expectNoA11yViolations(page);
  await screenshots(page, "group-page");

  // A statement of QUIC's links back to QUIC's page.
  await table.getByRole("link").first().click();
  await page.getByRole("link", { name: "QUIC", exact: true }).first().click();
  await expect(page).toHaveURL(/\/directory\/quic$/);
});
