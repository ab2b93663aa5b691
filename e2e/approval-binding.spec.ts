/**
 * Issue 13, item 2 — approve-then-swap, in two browsers. The AD opens a pending statement; the QUIC chair
 * then saves a new body; the AD's Approve on the page still showing the old body is refused and records
 * nothing. After a reload the AD approves what the page now shows, and the statement posts with the new
 * body; its public history says it was changed after submission.
 */
import { expect, test } from "./support/fixtures";
import { fillQuicToSg15, signIn } from "./support/session";

const CHANGED = "This statement changed since you opened it — review the new version";

test("the AD's Approve for a version the chair has since changed is refused; after a reload it posts the new body", async ({
  page,
  browser,
  mail,
}) => {
  const title = `LS approved as reviewed ${Date.now()}`;
  // The chair enters and submits it (body "hello").
  await signIn(page, "chair@example.org");
  await fillQuicToSg15(page, title, "hello");
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByText("Pending approval")).toBeVisible();
  const statementPath = new URL(page.url()).pathname;
  await mail.waitFor((m) => m.subject === `Approval requested: liaison statement "${title}"`, {
    description: "approval request",
  });

  // The AD opens it in another browser.
  const adContext = await browser.newContext();
  const ad = await adContext.newPage();
  try {
    await signIn(ad, "ad@example.org", { landing: statementPath });
    const body = ad.getByRole("region", { name: "Body" });
    await expect(body).toContainText("hello");

    // The chair saves a new body meanwhile.
    await page.goto(`${statementPath}/edit`);
    await page.getByLabel("Body").fill("goodbye — not what the AD reviewed");
    // (the edit form of a pending statement names its save button "Save draft"; the state stays pending)
    await page.getByRole("button", { name: "Save draft" }).click();
    await expect(page.getByRole("heading", { name: title })).toBeVisible();
    await expect(page.getByRole("region", { name: "Body" })).toContainText("goodbye — not what the AD reviewed");
    const again = await mail.waitFor(
      (m) => m.subject === `Changed, approval requested again: liaison statement "${title}"`,
      { description: "the approval request sent again after the change" },
    );
    expect(again.to.map((m) => m.address)).toContain("ad@example.org");
    expect(again.text).toContain("goodbye — not what the AD reviewed");

    // The AD's page still shows "hello": Approve is refused, and nothing is recorded.
    await ad.getByRole("button", { name: "Approve" }).click();
    await expect(ad.getByRole("region", { name: "Actions" }).getByRole("alert")).toContainText(CHANGED);
    await ad.reload();
    await expect(ad.getByText("Pending approval")).toBeVisible();
    await expect(ad.getByText(/Approved for QUIC/)).toHaveCount(0);

    // Reloaded, the AD sees the new body and approves it: posted with the new body.
    await expect(body).toContainText("goodbye — not what the AD reviewed");
    await ad.getByRole("button", { name: "Approve" }).click();
    await expect(ad.getByText("Approved for QUIC by Ada Lindqvist as AD of Web and Internet Transport")).toBeVisible();
    await expect(ad.getByText("Posted", { exact: true }).first()).toBeVisible();
    const posted = await mail.waitFor((m) => m.subject === `New Liaison Statement, "${title}"`, {
      description: "distribution mail",
    });
    expect(posted.text).toContain("goodbye — not what the AD reviewed");
    expect(posted.text).not.toContain("hello");
  } finally {
    await adContext.close();
  }

  // Anyone can see in the public history that it was changed after submission, before the approval.
  const anonymous = await browser.newContext();
  try {
    const visitor = await anonymous.newPage();
    await visitor.goto(statementPath);
    const history = visitor.getByRole("region", { name: "History" });
    await expect(history).toContainText(
      "Changed after submission (Body); the approvers are asked to review the new version",
    );
    await expect(history).toContainText("Approved for QUIC by Ada Lindqvist");
    await expect(history).not.toContainText("staff only");
  } finally {
    await anonymous.close();
  }
});
