/**
 * Issue 9, the liaison manager's desk: the 3GPP liaison manager sees only 3GPP, opens the quarterly status
 * report, downloads it as CSV, and sends it (the SMTP server started by the test receives it). A WG chair
 * gets 403 on the desk and the report.
 */
import { readFile } from "node:fs/promises";
import { expect, test } from "./support/fixtures";
import { signIn } from "./support/session";

const DAY = 86_400_000;
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** The last full calendar quarter (the report's default period). */
function lastFullQuarter(now = new Date()) {
  const quarterStart = Math.floor(now.getUTCMonth() / 3) * 3;
  const end = new Date(Date.UTC(now.getUTCFullYear(), quarterStart, 1) - DAY);
  const start = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - 2, 1));
  return { from: isoDay(start), to: isoDay(end) };
}

const MPQUIC = "LS on Security considerations for MPQUIC"; // demo data: received from 3GPP TSG SA 45 days ago
const EARLY_DATA = "LS on TLS 1.3 early data in the 5G Service Based Architecture"; // overdue, assigned to Samir Haddad

test("the 3GPP liaison manager sees only 3GPP, downloads the quarterly report as CSV and sends it", async ({
  page,
  mail,
  expectNoA11yViolations,
}) => {
  await signIn(page, "lm-3gpp@example.org");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Desk" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Liaison manager’s desk" })).toBeVisible();

  // One relationship: 3GPP, formal, with its liaison manager; nothing about other bodies.
  const main = page.getByRole("main");
  await expect(main.getByRole("heading", { level: 2 })).toHaveCount(1);
  const section = main.getByRole("region", { name: /3rd Generation Partnership Project/ });
  await expect(section).toContainText("Formal liaison relationship");
  await expect(section).toContainText("Mia Tanaka <lm-3gpp@example.org>");
  await expect(main).not.toContainText("ITU-T");
  await expect(main).not.toContainText("IEEE");

  // Incoming needing action, overdue first, with the assignee.
  const actions = section.getByRole("table", { name: /needing action/ });
  const firstRow = actions.getByRole("row").nth(1);
  await expect(firstRow).toContainText(EARLY_DATA);
  await expect(firstRow).toContainText("days overdue");
  await expect(firstRow).toContainText("Samir Haddad");
  await expect(section.getByRole("table", { name: /waiting for approval/ })).toContainText(
    "Reply LS on TLS 1.3 early data",
  );
  await expectNoA11yViolations(page);

  // Each number opens the list behind it.
  const received = section.getByRole("link", { name: /statements received from 3GPP in the last 90 days/ });
  await expect(received).toHaveAttribute(
    "href",
    /^\/statements\?direction=incoming&from=3gpp&since=\d{4}-\d{2}-\d{2}$/,
  );
  await expect(section.getByRole("link", { name: /incoming statements from 3GPP needing action$/ })).toHaveAttribute(
    "href",
    "/statements?direction=incoming&from=3gpp&actionNeeded=true",
  );

  // The quarterly report: the last full quarter by default.
  await section.getByRole("link", { name: "Status report for 3GPP" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Status report" })).toBeVisible();
  const quarter = lastFullQuarter();
  await expect(page.getByLabel("Relationship")).toHaveValue("3gpp");
  await expect(page.getByLabel("Start date")).toHaveValue(quarter.from);
  await expect(page.getByLabel("End date")).toHaveValue(quarter.to);
  await expect(page.getByRole("option", { name: "All relationships" })).toHaveCount(0);
  await expectNoA11yViolations(page);

  // Demo data is dated relative to today: a period of the last 100 days holds the MPQUIC exchange.
  const period = { from: isoDay(new Date(Date.now() - 100 * DAY)), to: isoDay(new Date()) };
  await page.getByLabel("Start date").fill(period.from);
  await page.getByLabel("End date").fill(period.to);
  await page.getByRole("button", { name: "Show report" }).click();
  await expect(page).toHaveURL(new RegExp(`/desk/report\\?org=3gpp&from=${period.from}&to=${period.to}$`));
  await expect(page.getByRole("region", { name: /^Statements received/ })).toContainText(MPQUIC);
  await expect(page.getByRole("region", { name: /^Replies sent/ })).toContainText(`Reply ${MPQUIC}`);
  await expect(page.getByRole("region", { name: /^Open actions/ })).toContainText(EARLY_DATA);

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`liaison-report-3gpp-${period.from}-to-${period.to}.csv`);
  const csv = (await readFile((await download.path()) as string, "utf8")).replace(/^\uFEFF/, "");
  expect(csv.split("\r\n")[0]).toBe("Section,Posted,Purpose,Title,From,To,Deadline,Status,Other identifiers,URL");
  expect(csv).toMatch(new RegExp(`^Received,\\d{4}-\\d{2}-\\d{2},For action,${MPQUIC},3gpp-tsg-sa,quic,`, "m"));
  expect(csv).not.toContain("itu-t");

  const text = await page.request.get(`/desk/report.txt?org=3gpp&from=${period.from}&to=${period.to}`);
  expect(text.headers()["content-type"]).toContain("text/plain");
  expect(await text.text()).toContain(
    `Liaison status report: 3rd Generation Partnership Project (3gpp)\nPeriod: ${period.from} to ${period.to}`,
  );

  // Send report: prefilled with the IESG and IAB, a bad address is named, then it goes out by SMTP.
  const recipients = page.getByLabel("Recipients");
  await expect(recipients).toHaveValue("iesg@ietf.org\niab@iab.org");
  await recipients.fill("iesg@ietf.org\nnot an address");
  await page.getByRole("button", { name: "Send report" }).click();
  await expect(recipients).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("alert").filter({ hasText: "Recipients" })).toContainText("not an address");
  await recipients.fill("iesg@ietf.org\niab@iab.org");
  await page.getByRole("button", { name: "Send report" }).click();
  await expect(page.getByRole("status")).toContainText(
    "The report was queued for sending to iesg@ietf.org, iab@iab.org.",
  );
  const sent = await mail.waitFor(
    (m) =>
      m.subject === `Liaison status report: 3rd Generation Partnership Project (3gpp), ${period.from} to ${period.to}`,
    { description: "the status report" },
  );
  expect(sent.to.map((m) => m.address)).toEqual(["iesg@ietf.org", "iab@iab.org"]);
  expect(sent.replyTo.map((m) => m.address)).toEqual(["lm-3gpp@example.org"]);
  expect(sent.text).toContain(`Statements received (`);
  expect(sent.text).toContain(MPQUIC);
  await expect(page.getByRole("region", { name: "Reports sent" })).toContainText(
    `Status report for 3rd Generation Partnership Project, ${period.from} to ${period.to}, sent to iesg@ietf.org, iab@iab.org`,
  );
});

test("the liaison manager may not report on another relationship", async ({ page }) => {
  await signIn(page, "lm-3gpp@example.org");
  expect((await page.goto("/desk/report?org=itu-t-sg15"))?.status()).toBe(403);
  expect((await page.goto("/desk/report?org=all"))?.status()).toBe(403);
  expect((await page.request.get("/desk/report.csv?org=itu-t-sg15")).status()).toBe(403);
});

test("a WG chair gets 403 on the desk and its report, and is not offered it", async ({ page }) => {
  await signIn(page, "chair@example.org");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Desk" })).toHaveCount(0);
  for (const path of ["/desk", "/desk/report", "/desk/report?org=3gpp"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
  }
  for (const path of ["/desk/report.csv?org=3gpp", "/desk/report.txt"]) {
    expect((await page.request.get(path)).status(), path).toBe(403);
  }
});

test("signed out, the desk asks to sign in", async ({ page }) => {
  await page.goto("/desk");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fdesk|\/sign-in\?callbackUrl=\/desk/);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("the period form works and lands in the URL", async ({ page }) => {
    await signIn(page, "lm-itu@example.org", { landing: "/desk" });
    await expect(page.getByRole("main").getByRole("heading", { level: 2 })).toHaveText([/ITU-T Study Group 15/]);
    await page.goto("/desk/report");
    await expect(page.getByLabel("Relationship")).toHaveValue("itu-t-sg15");
    await page.getByLabel("Start date").fill("2025-01-01");
    await page.getByLabel("End date").fill("2025-12-31");
    await page.getByRole("button", { name: "Show report" }).click();
    await expect(page).toHaveURL(/\/desk\/report\?org=itu-t-sg15&from=2025-01-01&to=2025-12-31$/);
    await expect(page.getByRole("main")).toContainText("2025-01-01 to 2025-12-31");
  });
});
