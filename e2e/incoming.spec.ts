import { expect, test } from "./support/fixtures";
import { chooseGroup, chosenGroups, fillQuicToSg15, signIn, signOut } from "./support/session";

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

test("3GPP liaison manager records an incoming For-action LS; the QUIC chair's reply closes the loop", async ({
  page,
  mail,
  expectNoA11yViolations,
}) => {
  const title = `LS on QUIC in 5G core ${Date.now()}`;
  await signIn(page, "lm-3gpp@example.org");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Record incoming" }).click();
  await expect(page.getByRole("heading", { name: "Record an incoming statement" })).toBeVisible();

  // From offers only the 3GPP groups this manager looks after; To offers IETF groups.
  await page.getByRole("combobox", { name: "From", exact: true }).focus();
  const fromOptions = page.getByRole("listbox", { name: "From" }).getByRole("option");
  await expect(fromOptions).toHaveCount(5);
  await expect(fromOptions.filter({ hasText: /itu-t/ })).toHaveCount(0);
  await chooseGroup(page, "From", "3gpp-tsg-sa", /3gpp-tsg-sa$/);
  await chooseGroup(page, "To", "quic", /^QUIC/);
  await expect(page.getByLabel("To-Contact")).toHaveValue(/chair@example\.org[\s\S]*quic@ietf\.org/);

  await page.getByLabel("From-Contact").fill("3GPP TSG SA Chair <sa-chair@example.net>");
  await page.getByLabel("From-Liaison-Contact").fill("3GPP TSG SA Secretary <sa-secretary@example.net>");
  await page.getByLabel("To-Liaison-Contact").fill("statements@ietf.org");
  await page.getByRole("textbox", { name: "Title", exact: true }).fill(title);
  await page.getByLabel("Purpose").selectOption("action");
  await page.getByLabel("Deadline").fill("2027-04-30");
  await page.getByLabel("Body").fill("Dear IETF colleagues,\n\n3GPP SA kindly asks the QUIC WG to comment.\n");
  await page.getByLabel("Other identifiers").fill("SP-241015");
  await page
    .getByLabel("File 1", { exact: true })
    .setInputFiles({ name: "SP-241015.txt", mimeType: "text/plain", buffer: Buffer.from("Original LS text\n") });
  await page.getByLabel("Title of file 1").fill("SP-241015 original LS");
  await page.getByLabel("Date received").fill(daysAgo(40));
  await page.getByRole("button", { name: "Post" }).click();

  // A date more than 30 days away asks for confirmation; every value is kept.
  await expect(page.getByLabel("Date received")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("textbox", { name: "Title", exact: true })).toHaveValue(title);
  await page.getByLabel("The date is correct").check();
  await page
    .getByLabel("File 1", { exact: true })
    .setInputFiles({ name: "SP-241015.txt", mimeType: "text/plain", buffer: Buffer.from("Original LS text\n") });
  await page.getByRole("button", { name: "Post" }).click();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  await expect(page.getByText(/Needed — assigned to Mia Tanaka/)).toBeVisible();
  await expectNoA11yViolations(page);
  const originalUrl = page.url();

  const distribution = await mail.waitFor((m) => m.subject === `New Liaison Statement, "${title}"`, {
    description: "distribution",
  });
  expect(distribution.to.map((m) => m.address)).toEqual(expect.arrayContaining(["chair@example.org", "quic@ietf.org"]));
  expect(distribution.cc.map((m) => m.address)).toEqual(["lm-3gpp@example.org", "liaison-coordination@iab.org"]);
  const ack = await mail.waitFor((m) => m.subject === `Received: ${title}`, { description: "acknowledgement" });
  expect(ack.to.map((m) => m.address)).toEqual(["sa-secretary@example.net"]);
  expect(ack.text).toContain(new URL(originalUrl).pathname);
  console.log(
    `incoming distribution: To: ${distribution.headers.to} | Cc: ${distribution.headers.cc}; ack To: ${ack.headers.to}`,
  );

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Action needed" }).click();
  const row = page.getByRole("row", { name: new RegExp(title) });
  await expect(row).toContainText("Mia Tanaka");
  await expect(row).toContainText("2027-04-30");
  await signOut(page);

  // The QUIC chair replies: groups swapped, Send-to = the original's Send-Reply-to, In response.
  await signIn(page, "chair@example.org", { landing: originalUrl });
  await page.getByRole("link", { name: "Reply" }).click();
  await expect(chosenGroups(page, "From")).toHaveAccessibleName("Remove QUIC");
  await expect(chosenGroups(page, "To")).toHaveAccessibleName("Remove 3GPP TSG SA (Service and System Aspects)");
  await expect(page.getByLabel("To-Liaison-Contact")).toHaveValue("3GPP TSG SA Secretary <sa-secretary@example.net>");
  await expect(page.getByLabel("Purpose")).toHaveValue("response");
  await page.getByLabel("Body").fill("Thank you for your LS. QUIC WG comments follow.");
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByText("Pending approval")).toBeVisible();
  const replyUrl = page.url();
  await signOut(page);

  await signIn(page, "ad@example.org", { landing: replyUrl });
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByText("Approved for QUIC by Ada Lindqvist as AD of Web and Internet Transport")).toBeVisible();
  const replyMail = await mail.waitFor((m) => m.subject === `New Liaison Statement, "Reply to "${title}""`, {
    description: "reply distribution",
  });
  expect(replyMail.to.map((m) => m.address)).toEqual(["sa-secretary@example.net"]);

  await page.goto(originalUrl);
  await expect(page.getByText("Taken", { exact: true })).toBeVisible();
  await expect(page.getByText(/Action taken: answered by/)).toBeVisible();
  await expect(page.getByRole("link", { name: `Reply to "${title}"` })).toBeVisible();
});

test("an LS recorded late asks about its passed deadline and its old date received at once, and keeps both answers", async ({
  page,
}) => {
  // Found trying a mail received months ago: the two questions took turns, each answer lost when the other was
  // asked, and the statement could never be posted.
  const title = `LS found in an old mailbox ${Date.now()}`;
  await signIn(page, "lm-3gpp@example.org", { landing: "/statements/new?direction=incoming" });
  await chooseGroup(page, "From", "3gpp-tsg-sa", /3gpp-tsg-sa$/);
  await chooseGroup(page, "To", "quic", /^QUIC/);
  await page.getByLabel("From-Contact").fill("3GPP TSG SA Chair <sa-chair@example.net>");
  await page.getByLabel("Purpose").selectOption("action");
  await page.getByLabel("Deadline").fill(daysAgo(60));
  await page.getByLabel("Body").fill("3GPP SA asked for comments by a date long gone.\n");
  await page.getByLabel("Date received").fill(daysAgo(90));
  await page.getByRole("button", { name: "Post" }).click();

  // One answer: the missing title, and both questions.
  await expect(page.getByRole("textbox", { name: "Title", exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Deadline")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Date received")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Record it anyway").check();
  await page.getByLabel("The date is correct").check();
  await page.getByRole("button", { name: "Post" }).click();

  // The title is still missing: the form comes back with both answers still ticked, not asked again.
  await expect(page.getByRole("textbox", { name: "Title", exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Deadline")).not.toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Date received")).not.toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Record it anyway")).toBeChecked();
  await expect(page.getByLabel("The date is correct")).toBeChecked();
  await page.getByRole("textbox", { name: "Title", exact: true }).fill(title);
  await page.getByRole("button", { name: "Post" }).click();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  await expect(page.getByRole("heading", { name: `Action needed by ${daysAgo(60)}` })).toBeVisible();
  const details = page.locator("dl").first();
  await expect(details).toContainText(`Deadline${daysAgo(60)}`);
  await expect(details).toContainText(`Received${daysAgo(90)}`);
});

test("a WG chair cannot record incoming statements", async ({ page }) => {
  await signIn(page, "chair@example.org");
  await expect(
    page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Record incoming" }),
  ).toHaveCount(0);
  const response = await page.goto("/statements/new?direction=incoming");
  expect(response?.status()).toBe(403);
});

test("the submitter withdraws a draft with a reason; it is then hidden from the public", async ({ page }) => {
  const title = `Draft to withdraw ${Date.now()}`;
  await signIn(page, "chair@example.org");
  await fillQuicToSg15(page, title, "Never mind.");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  const url = page.url();
  await page.getByRole("button", { name: "Withdraw" }).click();
  await expect(page.getByLabel("Reason for withdrawing")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Reason for withdrawing").fill("Superseded by a joint statement");
  await page.getByRole("button", { name: "Withdraw" }).click();
  await expect(page.getByText(/This statement was withdrawn.*Superseded by a joint statement/)).toBeVisible();
  await signOut(page);
  const anonymous = await page.goto(url);
  expect(anonymous?.status()).toBe(404);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("the outgoing form works (no pre-fill) and a rejected submit keeps every value", async ({ page }) => {
    const title = `No-JS statement ${Date.now()}`;
    await signIn(page, "chair@example.org", { landing: "/statements/new?direction=outgoing" });
    await page.getByRole("group", { name: "From" }).getByRole("checkbox", { name: /QUIC/ }).check();
    await page
      .getByRole("group", { name: "To" })
      .getByRole("checkbox", { name: /itu-t-sg15/ })
      .check();
    await expect(page.getByLabel("From-Contact")).toHaveValue("");
    await page.getByLabel("From-Contact").fill("Quentin Hale <chair@example.org>");
    await page.getByLabel("To-Contact").fill("broken@");
    await page.getByRole("textbox", { name: "Title", exact: true }).fill(title);
    await page.getByLabel("Purpose").selectOption("information");
    await page.getByLabel("Body").fill("Line one\n  line two, indented\n");
    await page.getByRole("button", { name: "Save draft" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "attention" })).toContainText("To-Contact");
    await expect(page.getByLabel("To-Contact")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByRole("textbox", { name: "Title", exact: true })).toHaveValue(title);
    await expect(page.getByLabel("Body")).toHaveValue("Line one\n  line two, indented\n");
    await expect(page.getByRole("group", { name: "From" }).getByRole("checkbox", { name: /QUIC/ })).toBeChecked();
    await page.getByLabel("To-Contact").fill("SG15 <sg15@example.net>");
    await page.getByRole("button", { name: "Save draft" }).click();
    await expect(page.getByRole("heading", { name: title })).toBeVisible();
    // The body is shown exactly as entered: no reflow, indentation kept.
    expect(await page.getByRole("region", { name: "Body" }).locator("pre").textContent()).toBe(
      "Line one\n  line two, indented\n",
    );
  });
});

test("a liaison manager reassigns an incoming action to the AD, who marks it taken with a note", async ({ page }) => {
  const title = `LS asking for review ${Date.now()}`;
  await signIn(page, "lm-3gpp@example.org", { landing: "/statements/new?direction=incoming" });
  await chooseGroup(page, "From", "3gpp-tsgsa-sa2");
  await chooseGroup(page, "To", "httpbis");
  await page.getByLabel("From-Contact").fill("SA2 Chair <sa2-chair@example.net>");
  await page.getByRole("textbox", { name: "Title", exact: true }).fill(title);
  await page.getByLabel("Purpose").selectOption("action");
  await page.getByLabel("Deadline").fill("2027-05-15");
  await page.getByLabel("Body").fill("Please review.");
  await page.getByLabel("Send an acknowledgement to the sender (received and recorded, with the public URL)").uncheck();
  await page.getByRole("button", { name: "Post" }).click();
  await expect(page.getByText(/Needed — assigned to Mia Tanaka/)).toBeVisible();
  await page.getByLabel("Assignee").selectOption({ label: "Ada Lindqvist" });
  await page.getByRole("button", { name: "Assign" }).click();
  await expect(page.getByText(/Needed — assigned to Ada Lindqvist/)).toBeVisible();
  const url = page.url();
  await signOut(page);

  await signIn(page, "ad@example.org", { landing: "/action-needed" });
  await page.getByRole("link", { name: title }).click();
  await page.getByRole("button", { name: "Mark action taken" }).click();
  await expect(page.getByLabel("What was done")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("What was done").fill("Reviewed on the httpbis list; no objections.");
  await page.getByLabel("Link").fill("https://mailarchive.ietf.org/arch/msg/httpbis/example");
  await page.getByRole("button", { name: "Mark action taken" }).click();
  await expect(page.getByText("Taken", { exact: true })).toBeVisible();
  await expect(page.getByText(/Action taken: Reviewed on the httpbis list; no objections\./)).toBeVisible();
  expect(page.url()).toBe(url);
});

test("a coordinator corrects a posted statement; the change is in its public history; a WG chair cannot edit it", async ({
  page,
}) => {
  await signIn(page, "coordinator@example.org");
  await page.goto("/directory/3gpp"); // lists 3GPP's statements, whatever other specs added meanwhile
  await page.getByRole("link", { name: "LS on Security considerations for MPQUIC", exact: true }).first().click();
  await expect(
    page.getByRole("heading", { name: "LS on Security considerations for MPQUIC", exact: true }),
  ).toBeVisible();
  const url = page.url();
  await page.getByRole("link", { name: "Edit" }).click();
  await expect(page.getByRole("note")).toContainText("every change is recorded in its public history");
  const title = page.getByRole("textbox", { name: "Title", exact: true });
  await title.fill("LS on Security considerations for MPQUIC (corrected)");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(
    page.getByRole("heading", { name: "LS on Security considerations for MPQUIC (corrected)" }),
  ).toBeVisible();
  await expect(page.getByRole("region", { name: "History" })).toContainText("Changed Title");
  await signOut(page);

  await page.goto(url); // anonymous: the correction is part of the public record
  await expect(page.getByRole("region", { name: "History" })).toContainText("Changed Title");
  await signIn(page, "chair@example.org");
  const response = await page.goto(`${url}/edit`);
  expect(response?.status()).toBe(403);
  // Put the demo title back for other specs.
  await signOut(page);
  await signIn(page, "coordinator@example.org", { landing: `${url}/edit` });
  await page.getByRole("textbox", { name: "Title", exact: true }).fill("LS on Security considerations for MPQUIC");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(
    page.getByRole("heading", { name: "LS on Security considerations for MPQUIC", exact: true }),
  ).toBeVisible();
});
