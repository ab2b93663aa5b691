import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "./support/fixtures";
import { chooseGroup, fillQuicToSg15, signIn, signOut } from "./support/session";

const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);

test("QUIC chair drafts, submits; the AD approves; the distribution mail copies the 3GPP liaison manager", async ({
  page,
  mail,
  expectNoA11yViolations,
}) => {
  const title = `LS on QUIC multipath status ${Date.now()}`;
  await signIn(page, "chair@example.org", { landing: "/statements/new?direction=outgoing" });
  await expect(page.getByRole("heading", { name: "New outgoing statement" })).toBeVisible();

  // From offers only QUIC; choosing groups pre-fills the contacts.
  await page.getByRole("combobox", { name: "From", exact: true }).focus();
  await expect(page.getByRole("listbox", { name: "From" }).getByRole("option")).toHaveCount(1);
  await chooseGroup(page, "From", "quic", /^QUIC/);
  await expect(page.getByLabel("From-Contact")).toHaveValue(/chair@example\.org/);
  await expect(page.getByLabel("From-Contact")).toHaveValue(/ad@example\.org/);
  await expect(page.getByLabel("From-Contact")).toHaveValue(/quic@ietf\.org/);
  await chooseGroup(page, "To", "3gpp-tsgsa-sa2");
  await expect(page.getByLabel("To-Contact")).not.toHaveValue("");
  await expect(page.getByLabel("From-Liaison-Contact")).toHaveValue(/lm-3gpp@example\.org/);

  // Deadline appears only For action; a rejected submit keeps every value and names each error.
  await expect(page.getByLabel("Deadline")).toHaveCount(0);
  await page.getByLabel("Purpose").selectOption("action");
  await expect(page.getByLabel("Deadline")).toBeVisible();
  await page.getByLabel("To-Contact").fill("3GPP SA2 <sa2@example.net>\nnot a mailbox");
  await page.getByLabel("Body").fill("Dear colleagues,\n\n  indented line kept as typed.\n");
  await page.getByRole("button", { name: "Save draft" }).click();
  const alert = page.getByRole("alert").filter({ hasText: "attention" });
  await expect(alert).toContainText("Title");
  // A draft does not need its deadline yet (issue 15 §2: checked at Submit).
  await expect(alert).not.toContainText("Deadline");
  await expect(page.getByRole("textbox", { name: "Title", exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("To-Contact")).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#field-toContact-error")).toContainText('"not a mailbox"');
  await expect(page.getByLabel("Body")).toHaveValue("Dear colleagues,\n\n  indented line kept as typed.\n");
  await expect(page.getByLabel("From-Contact")).toHaveValue(/quic@ietf\.org/);

  await page.getByLabel("To-Contact").fill("3GPP SA2 Chair <sa2-chair@example.net>");
  await page.getByRole("textbox", { name: "Title", exact: true }).fill(title);
  await page.getByLabel("Deadline").fill("2027-03-01");
  await page.getByLabel("Other identifiers").fill("S2-2612345");
  await page
    .getByLabel("File 1", { exact: true })
    .setInputFiles({ name: "status.pdf", mimeType: "application/pdf", buffer: PDF });
  await page.getByLabel("Title of file 1").fill("Status report");
  await page.getByRole("button", { name: "Save draft" }).click();

  // The draft page previews the exact mail posting would send.
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  await expect(page.getByText("Draft", { exact: true })).toBeVisible();
  const preview = page.getByRole("region", { name: "Mail that posting will send" });
  await expect(preview).toContainText("lm-3gpp@example.org");
  await expect(preview).toContainText("liaison-coordination@iab.org");
  await expectNoA11yViolations(page);
  const statementUrl = page.url();

  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByText("Pending approval")).toBeVisible();
  const request = await mail.waitFor((m) => m.subject.includes(title) && m.subject.startsWith("Approval requested"), {
    description: "approval request",
  });
  expect(request.to.map((m) => m.address)).toContain("ad@example.org");
  // RFC 4053bis §1: the To group's liaison manager is consulted before it is sent (issue 15, section 5).
  expect(request.cc.map((m) => m.address)).toEqual(["lm-3gpp@example.org", "liaison-coordination@iab.org"]);
  await signOut(page);

  await signIn(page, "ad@example.org", { landing: "/approvals" });
  await page.getByRole("link", { name: title }).click();
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByText(/Posted/).first()).toBeVisible();
  await expect(page.getByText("Approved for QUIC by Ada Lindqvist as AD of Web and Internet Transport")).toBeVisible();

  const posted = await mail.waitFor((m) => m.subject === `New Liaison Statement, "${title}"`, {
    description: "distribution mail",
  });
  expect(posted.to.map((m) => m.address)).toEqual(["sa2-chair@example.net"]);
  const cc = posted.cc.map((m) => m.address);
  expect(cc).toEqual(
    expect.arrayContaining([
      "chair@example.org",
      "quic@ietf.org",
      "lm-3gpp@example.org",
      "liaison-coordination@iab.org",
    ]),
  );
  expect(cc).not.toContain("sa2-chair@example.net");
  expect(posted.replyTo.map((m) => m.address)).toEqual(["lm-3gpp@example.org"]);
  expect(posted.messageId).toMatch(/^<distribution\./);
  expect(posted.text).toContain(statementUrl.replace(/^https?:\/\/[^/]+/, ""));
  console.log(
    `distribution mail headers: To: ${posted.headers.to} | Cc: ${posted.headers.cc} | Reply-To: ${posted.headers["reply-to"]} | Message-ID: ${posted.messageId}`,
  );

  // The attachment is served by us, hashed, and downloads intact.
  const href = await page.getByRole("link", { name: "Status report" }).getAttribute("href");
  const response = await page.request.get(href!);
  expect(response.headers()["x-content-type-options"]).toBe("nosniff");
  const sha = createHash("sha256")
    .update(await response.body())
    .digest("hex");
  await expect(page.getByText(`SHA-256 ${sha}`)).toBeVisible();
});

test("returning a pending statement needs a comment and mails it to the submitter", async ({ page, mail }) => {
  const title = `LS to be returned ${Date.now()}`;
  await signIn(page, "chair@example.org");
  await fillQuicToSg15(page, title, "For your information.");
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByText("Pending approval")).toBeVisible();
  await signOut(page);

  await signIn(page, "coordinator@example.org", { landing: `${new URL(page.url()).origin}/approvals` });
  await page.getByRole("link", { name: title }).click();
  await page.getByRole("button", { name: "Return to submitter" }).click();
  await expect(page.getByLabel("Comment for the submitter")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Comment for the submitter").fill("Please cite the SG15 question number.");
  await page.getByRole("button", { name: "Return to submitter" }).click();
  await expect(page.getByText("Draft", { exact: true })).toBeVisible();
  const returned = await mail.waitFor((m) => m.subject === `Returned to you: liaison statement "${title}"`);
  expect(returned.to.map((m) => m.address)).toEqual(["chair@example.org"]);
  expect(returned.text).toContain("Please cite the SG15 question number.");
});

test("attachments: upload progress is shown, an over-size file is refused with its name, nothing half-saved", async ({
  page,
}, testInfo) => {
  test.setTimeout(90_000); // 38 MB go up in this test
  const title = `LS with large annex ${Date.now()}`;
  await signIn(page, "chair@example.org");
  await fillQuicToSg15(page, title, "See the annex.");
  // Files on disk, as a user picks them: Chromium reads them itself. Given as a buffer, a file crosses the
  // DevTools protocol as base64 and is rebuilt by a script inside the page (≈ 12 s of the renderer's CPU for
  // these 38 MB; docs/testing.md, ninth session).
  const annex = (mb: number) => {
    const file = testInfo.outputPath(`${mb}mb`, "annex.pdf");
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, Buffer.alloc(mb * 1024 * 1024, 0x25));
    return file;
  };

  await page.getByLabel("File 1", { exact: true }).setInputFiles(annex(26));
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "attention" })).toContainText(
    '"annex.pdf" is larger than 25 MB',
  );
  await expect(page.getByRole("textbox", { name: "Title", exact: true })).toHaveValue(title);

  await page.getByLabel("File 1", { exact: true }).setInputFiles(annex(12));
  await page.getByLabel("Title of file 1").fill("Annex A");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Uploading attachments" })).toBeVisible();
  await expect(page.getByRole("heading", { name: title })).toBeVisible({ timeout: 30_000 });
  const attachments = page.getByRole("region", { name: "Attachments" });
  await expect(attachments).toContainText("annex.pdf · application/pdf · 12.0 MB");
  await expect(attachments.getByRole("listitem")).toHaveCount(1);
});
