import { expect, test } from "./support/fixtures";
import { chooseGroup, signIn, signOut } from "./support/session";

/** Issue 15 §3-4: actions that end, post without sending, comments. */
// Each journey signs in two or three people on a shared, busy machine.
test.describe.configure({ timeout: 150_000 });

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

test("an outgoing action is closed by Mark reply received and its reminders stop", async ({
  page,
  expectNoA11yViolations,
}) => {
  const title = `LS on QUIC address discovery ${Date.now()}`;
  // The AD's own statement for a WG of her area is approved and posted at once.
  await signIn(page, "ad@example.org", { landing: "/statements/new?direction=outgoing" });
  await chooseGroup(page, "From", "quic", /^QUIC/);
  await chooseGroup(page, "To", "3gpp-tsgsa-sa2", /3gpp-tsgsa-sa2/);
  await page.getByLabel("To-Contact").fill("3GPP SA2 Chair <sa2-chair@example.net>");
  await page.getByRole("textbox", { name: "Title", exact: true }).fill(title);
  await page.getByLabel("Purpose").selectOption("action");
  await page.getByLabel("Deadline").fill(inDays(10));
  await page.getByLabel("Body").fill("Please tell us whether SA2 needs QUIC address discovery.");
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  await expect(page.getByText("Posted", { exact: true })).toBeVisible();
  // d-14 lies before the posting day: the next reminder is d-7.
  await expect(page.getByText(`next on ${inDays(3)}`)).toBeVisible();
  const url = page.url();
  await signOut(page);

  // The 3GPP liaison manager got SA2's answer through the 3GPP portal.
  await signIn(page, "lm-3gpp@example.org", { landing: "/desk" });
  await expect(page.getByRole("link", { name: title })).toBeVisible();
  await page.goto(url);
  const awaited = page.getByRole("region", { name: /Reply awaited by/ });
  await expect(awaited).toBeVisible();
  await expectNoA11yViolations(page);
  await shots(page, "awaited-reply");
  // A note is required: the error names the field, nothing is lost.
  await awaited.getByLabel("Link to the reply").fill("https://www.3gpp.org/ftp/tsg_sa/WG2/S2-2601234.zip");
  await awaited.getByRole("button", { name: "Mark reply received" }).click();
  await expect(awaited.getByLabel("What reply came")).toHaveAttribute("aria-invalid", "true");
  await expect(awaited.getByLabel("Link to the reply")).toHaveValue(
    "https://www.3gpp.org/ftp/tsg_sa/WG2/S2-2601234.zip",
  );
  await awaited.getByLabel("What reply came").fill("SA2 answered through the 3GPP portal (S2-2601234).");
  await awaited.getByRole("button", { name: "Mark reply received" }).click();

  const history = page.getByRole("region", { name: "History" });
  await expect(history).toContainText(
    "Reply received: SA2 answered through the 3GPP portal (S2-2601234). (https://www.3gpp.org/ftp/tsg_sa/WG2/S2-2601234.zip) — Mia Tanaka",
  );
  await expect(page.getByRole("region", { name: /Reply awaited by/ })).toHaveCount(0);
  await expect(page.getByText("none: closed")).toBeVisible();
  await expect(page.getByText("Closed (see the history)")).toBeVisible();
  await expectNoA11yViolations(page);
  // No longer awaiting the peer on the desk.
  await page.goto("/desk");
  await expect(page.getByRole("link", { name: title })).toHaveCount(0);
});

test("an incoming statement is posted without sending mail", async ({ page, mail, expectNoA11yViolations }) => {
  const title = `LS on 5G QUIC profiles, delivered by portal ${Date.now()}`;
  await signIn(page, "lm-3gpp@example.org", { landing: "/statements/new?direction=incoming" });
  await chooseGroup(page, "From", "3gpp-tsg-sa", /3gpp-tsg-sa\b/);
  await chooseGroup(page, "To", "quic", /^QUIC/);
  await page.getByLabel("From-Contact").fill("3GPP TSG SA Chair <sa-chair@example.net>");
  await page.getByRole("textbox", { name: "Title", exact: true }).fill(title);
  await page.getByLabel("Purpose").selectOption("information");
  await page.getByLabel("Body").fill("For your information.");
  await page.getByLabel("Date received").fill(inDays(0));
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  const url = page.url();

  const actions = page.getByRole("region", { name: "Actions" });
  await actions.getByRole("button", { name: "Post without sending mail" }).click();
  await expect(actions.getByLabel("Why no mail is sent")).toHaveAttribute("aria-invalid", "true");
  await actions.getByLabel("Why no mail is sent").fill("Already delivered to the QUIC chairs through the 3GPP portal.");
  await actions.getByRole("button", { name: "Post without sending mail" }).click();
  await expect(page.getByText("Posted", { exact: true })).toBeVisible();
  await expect(page.getByRole("region", { name: "History" })).toContainText(
    "Recorded and posted without sending mail (record only): Already delivered to the QUIC chairs through the 3GPP portal.",
  );
  await expectNoA11yViolations(page);
  await signOut(page);

  // The outbox has no mail for it; the mail sink received none.
  await signIn(page, "secretariat@example.org", { landing: "/outbox" });
  await expect(page.getByRole("heading", { name: "Outbox" })).toBeVisible();
  await expect(page.getByRole("link", { name: new RegExp(title) })).toHaveCount(0);
  await page.goto(url);
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  expect((await mail.list()).filter((m) => m.subject.includes(title))).toEqual([]);
});

test("a comment on a pending statement reaches the approver", async ({ page, mail, expectNoA11yViolations }) => {
  const title = `LS on QUIC multipath for ATSSS ${Date.now()}`;
  await signIn(page, "chair@example.org", { landing: "/statements/new?direction=outgoing" });
  await chooseGroup(page, "From", "quic", /^QUIC/);
  await chooseGroup(page, "To", "3gpp-tsgsa-sa2", /3gpp-tsgsa-sa2/);
  await page.getByLabel("To-Contact").fill("3GPP SA2 Chair <sa2-chair@example.net>");
  await page.getByRole("textbox", { name: "Title", exact: true }).fill(title);
  await page.getByLabel("Purpose").selectOption("information");
  await page.getByLabel("Body").fill("QUIC multipath is ready for review.");
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByText("Pending approval")).toBeVisible();
  await signOut(page);

  // The 3GPP LM (consulted before sending) comments; the AD who must approve receives it.
  await signIn(page, "lm-3gpp@example.org");
  const statementUrl = await findStatementUrl(page, title);
  await page.goto(statementUrl);
  await page
    .getByRole("textbox", { name: "Comment", exact: true })
    .fill("Please cite TS 23.501 <clause 5.32>.\nSA2 meets on the 12th.");
  await page.getByRole("button", { name: "Add comment" }).click();
  const history = page.getByRole("region", { name: "History" });
  await expect(history).toContainText("Comment: Please cite TS 23.501 <clause 5.32>.");
  await expect(history).toContainText("— Mia Tanaka");
  await expectNoA11yViolations(page);
  await shots(page, "comment-pending");

  const received = await mail.waitFor((m) => m.subject === `Comment on "${title}" (waiting for approval)`, {
    description: "comment mail",
  });
  expect(received.to.map((m) => m.address)).toEqual(expect.arrayContaining(["chair@example.org", "ad@example.org"]));
  expect(received.to.map((m) => m.address)).not.toContain("lm-3gpp@example.org");
  expect(received.text).toContain("> Please cite TS 23.501 <clause 5.32>.\n> SA2 meets on the 12th.");
  expect(received.html).toBeNull(); // plain text only, never HTML
  console.log(`comment mail: To: ${received.headers.to}`);
});

/** Full-page screenshots at 1280 and 390 px (looked at by hand; not compared). */
async function shots(page: import("@playwright/test").Page, name: string) {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: test.info().outputPath(`${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

/** The LM finds the pending statement on her desk (pending approval), by its title. */
async function findStatementUrl(page: import("@playwright/test").Page, title: string): Promise<string> {
  await page.goto("/desk");
  const link = page.getByRole("link", { name: title });
  await expect(link).toBeVisible();
  return new URL((await link.getAttribute("href"))!, page.url()).toString();
}
