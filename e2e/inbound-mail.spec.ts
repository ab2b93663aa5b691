/**
 * Issue 18, receiving: the liaison manager drops the mail they received (.eml) on "Record from an e-mail",
 * reviews the pre-filled draft (what was read from where, what is left) and posts it; an MTA pipe running
 * `npm run ingest` while the app holds the embedded database hands the message to the app, and the LM gets
 * the notice mail and finds the draft under My statements. Works without JavaScript too.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import MailComposer from "nodemailer/lib/mail-composer/index.js";
import { expect, expectNoHorizontalScroll, test } from "./support/fixtures";
import { chooseGroup, chosenGroups, signIn } from "./support/session";

const TINY_PDF = Buffer.from(
  "%PDF-1.1\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);

function eml(subject: string, tdoc: string): Promise<Buffer> {
  return new MailComposer({
    from: "3GPP TSG SA2 Secretary <sa2-secretary@example.org>",
    to: "statements@ietf.org",
    subject: `LS: ${subject} (${tdoc})`,
    text: `Dear IETF colleagues,\n\nSA2 asks the QUIC WG for feedback on ${subject}.\n\nBest regards,\nSA2 Secretary`,
    messageId: `<${tdoc}.${Date.now()}@3gpp.example.org>`,
    date: new Date(),
    attachments: [{ filename: `${tdoc}.pdf`, content: TINY_PDF, contentType: "application/pdf" }],
  })
    .compile()
    .build();
}

const tdoc = () => `S2-24${String(Date.now()).slice(-5)}`;

test("the 3GPP LM drops an .eml, reviews the pre-filled draft and posts it", async ({
  page,
  expectNoA11yViolations,
}, testInfo) => {
  const number = tdoc();
  const subject = `multipath QUIC ${number}`;
  await signIn(page, "lm-3gpp@example.org", { landing: "/statements/new?direction=incoming" });
  const upload = page.getByRole("region", { name: "Record from an e-mail" });

  // Not a mail: the error sits next to the field, nothing is made.
  await upload
    .getByLabel("E-mail message")
    .setInputFiles({ name: "notes.eml", mimeType: "message/rfc822", buffer: Buffer.from("%PDF-1.4 nothing here") });
  await upload.getByRole("button", { name: "Record from e-mail" }).click();
  await expect(upload.getByLabel("E-mail message")).toHaveAttribute("aria-invalid", "true");
  await expect(upload.getByText(/not an e-mail message/).first()).toBeVisible();
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await upload.screenshot({ path: testInfo.outputPath(`record-from-email-${width}.png`) });
  }
  await page.setViewportSize({ width: 1280, height: 900 });

  await upload
    .getByLabel("E-mail message")
    .setInputFiles({ name: `${number}.eml`, mimeType: "message/rfc822", buffer: await eml(subject, number) });
  await upload.getByRole("button", { name: "Record from e-mail" }).click();
  await expect(page).toHaveURL(/\/statements\/\d+\/edit$/);
  // The subject as written, without reply/forward prefixes ("LS:" is part of it).
  const title = `LS: ${subject} (${number})`;
  await expect(page.getByRole("textbox", { name: "Title", exact: true })).toHaveValue(title);
  const received = page.getByRole("region", { name: "Received by e-mail" });
  await expect(received).toContainText("sa2-secretary@example.org");
  await expect(received.getByRole("listitem").filter({ hasText: /^Title: read from subject/ })).toBeVisible();
  await expect(
    received.getByRole("listitem").filter({ hasText: /^From: read from known contact address/ }),
  ).toBeVisible();
  await expect(received.getByRole("listitem").filter({ hasText: /^To: The message does not say/ })).toBeVisible();
  await expect(chosenGroups(page, "From")).toHaveAccessibleName("Remove 3GPP TSG SA WG2 (Architecture)");
  await expect(page.getByLabel("Other identifiers")).toHaveValue(number);
  await expect(page.getByLabel("Body")).toHaveValue(/SA2 asks the QUIC WG for feedback/);
  await expect(page.getByText(`${number}.pdf`).first()).toBeVisible();
  await expectNoA11yViolations(page);
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    if (width === 390) await expectNoHorizontalScroll(page);
    await page.screenshot({ path: testInfo.outputPath(`inbound-draft-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });

  // What was left is for the LM: To, its contacts and the purpose; then post as today.
  await chooseGroup(page, "To", "quic", /^QUIC/);
  await page.getByLabel("Purpose").selectOption("information");
  await page.getByRole("button", { name: "Post" }).click();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  await expect(page.getByText("Posted").first()).toBeVisible();
  await expect(page.getByRole("link", { name: new RegExp(`${number}\\.pdf`) })).toBeVisible();
  // The original stays staff-only: a signed-out visitor gets nothing.
  const id = /statements\/(\d+)/.exec(page.url())?.[1];
  const anonymous = await page.context().browser()!.newContext();
  const original = await anonymous.request.get(`/statements/${id}/original`);
  expect(original.status()).toBe(404);
  const mine = await page.request.get(`/statements/${id}/original`);
  expect(mine.status()).toBe(200);
  expect(await mine.text()).toContain(`Subject: LS: ${subject}`);
  await anonymous.close();
});

test("an MTA pipe runs npm run ingest while the app runs: the message is handed to the app, the LM is told and finds the draft", async ({
  page,
  mail,
}) => {
  test.setTimeout(180_000);
  const number = tdoc();
  const subject = `fronthaul timing ${number}`;
  const dataDir = process.env.E2E_DATA_DIR;
  expect(dataDir, "the global setup's data directory").toBeTruthy();
  const run = spawn(
    process.execPath,
    [path.resolve("node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "scripts/ingest.ts"],
    {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: process.env.E2E_DATABASE_URL ?? "", LOG_LEVEL: "silent" },
    },
  );
  let stdout = "";
  let stderr = "";
  run.stdout.on("data", (d) => (stdout += d));
  run.stderr.on("data", (d) => (stderr += d));
  run.stdin.end(await eml(subject, number));
  const status = await new Promise<number | null>((resolve) => run.on("close", resolve));
  expect(stderr).toBe("");
  expect(status).toBe(0);
  const url = stdout.trim();
  expect(url).toMatch(/\/statements\/\d+$/);

  const notice = await mail.waitFor((m) => m.subject.includes(subject), {
    description: "the notice to the 3GPP LM",
    timeout: 30_000,
  });
  expect(notice.to.map((m) => m.address)).toEqual(["lm-3gpp@example.org"]);
  expect(notice.text).toContain(`${new URL(url).pathname}/edit`);

  await signIn(page, "lm-3gpp@example.org", { landing: "/statements/mine" });
  await page
    .getByRole("link", { name: new RegExp(subject) })
    .first()
    .click();
  await expect(page.getByRole("region", { name: "Received by e-mail" })).toBeVisible();
  await page.getByRole("link", { name: "review the pre-filled form and post it" }).click();
  await expect(page.getByRole("textbox", { name: "Title", exact: true })).toHaveValue(`LS: ${subject} (${number})`);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("Record from an e-mail works as a plain form", async ({ page }) => {
    const number = tdoc();
    await signIn(page, "coordinator@example.org", { landing: "/statements/new?direction=incoming" });
    const upload = page.getByRole("region", { name: "Record from an e-mail" });
    await upload
      .getByLabel("E-mail message")
      .setInputFiles({ name: "ls.eml", mimeType: "message/rfc822", buffer: await eml(`no script ${number}`, number) });
    await upload.getByRole("button", { name: "Record from e-mail" }).click();
    await expect(page).toHaveURL(/\/statements\/\d+\/edit$/);
    await expect(page.getByRole("region", { name: "Received by e-mail" })).toContainText("read from subject");
  });
});
