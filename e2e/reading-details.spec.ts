/**
 * Issue 16, the details a careful reader notices: the home page for signed-out visitors, search by what
 * readers type, "Back to results" on the script-free public pages, lists that name external groups and say
 * "overdue", dates that never break, and a statement page that says each thing once and plainly.
 */
import type { Page } from "@playwright/test";
import { expect, expectNoHorizontalScroll, PHONE, test } from "./support/fixtures";
import { signIn, signOut } from "./support/session";

// (a regexp: incoming.spec.ts renames it for a while, and a run cut short by a timeout may leave it renamed)
const MPQUIC = /^LS on Security considerations for MPQUIC/;

/** Every <time> in the main content is on one line (a date never breaks inside), and dates are <time>s. */
async function expectDatesUnbroken(page: Page) {
  const problems = await page.evaluate(() => {
    const out: string[] = [];
    for (const time of document.querySelectorAll("main time")) {
      if (time.getClientRects().length > 1) out.push(`broken: ${time.textContent}`);
      if (getComputedStyle(time).whiteSpace !== "nowrap") out.push(`wraps: ${time.textContent}`);
    }
    // table cells holding a bare date (no <time>) could break inside on a phone
    for (const cell of document.querySelectorAll("main td")) {
      if (/^\d{4}-\d{2}-\d{2}/.test((cell.textContent ?? "").trim()) && !cell.querySelector("time"))
        out.push(`bare date: ${cell.textContent}`);
    }
    return out;
  });
  expect(problems, page.url()).toEqual([]);
}

test.describe("signed out (script-free public pages)", () => {
  test("the home page says what the tool is, searches, lists the latest statements and leads on", async ({
    page,
    expectNoA11yViolations,
  }) => {
    const response = await page.goto("/");
    expect(await response!.text()).not.toContain("<script");
    const main = page.getByRole("main");
    await expect(main.getByRole("heading", { level: 1 })).toHaveText("IETF and IAB liaison statements");
    const latest = main.getByRole("region", { name: "Latest statements" });
    await expect(latest.getByRole("listitem")).toHaveCount(8);
    await expect(latest.getByRole("link").first()).toBeVisible();
    await expect(main.getByRole("link", { name: "Directory" })).toHaveAttribute("href", "/directory");
    await expect(main.getByRole("link", { name: "Atom feed of all statements" })).toHaveAttribute(
      "href",
      "/feeds/statements.atom",
    );
    await expectNoA11yViolations(page);

    await main.getByLabel("Search the statements").fill("240987");
    await main.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/\/statements\?q=240987$/);
    await expect(page.getByRole("link", { name: MPQUIC })).toBeVisible();
  });

  test("search finds the numeric part of an identifier, shows it once, and 'Back to results' returns to the search", async ({
    page,
    expectNoA11yViolations,
  }) => {
    await page.goto("/statements?q=240987");
    const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: MPQUIC }) });
    await expect(row).toContainText("Other identifiers: SP-240987");
    await expect(row.locator("mark")).toHaveText(["240987"]);
    await expectNoA11yViolations(page);

    await row.getByRole("link", { name: MPQUIC }).click();
    await expect(page.getByRole("heading", { level: 1, name: MPQUIC })).toBeVisible();
    await page.getByRole("link", { name: "← Back to results" }).click();
    await expect(page).toHaveURL(/\/statements\?q=240987$/);

    // a draft name that this statement's body has only inside a link
    await page.goto("/statements?q=draft-ietf-quic-multipath");
    await expect(page.getByRole("link", { name: MPQUIC })).toBeVisible();

    // only a /statements list can be "back": anything else shows no link at all
    await page.goto("/statements?q=240987");
    const link = page.getByRole("link", { name: MPQUIC });
    expect(await link.getAttribute("href")).toBe(
      `${(await link.getAttribute("href"))!.split("?")[0]}?back=%2Fstatements%3Fq%3D240987`,
    );
    const statementPath = (await link.getAttribute("href"))!.split("?")[0];
    for (const back of [
      "https://evil.example/statements",
      "//evil.example/statements",
      "/admin",
      "javascript:alert(1)",
    ]) {
      await page.goto(`${statementPath}?back=${encodeURIComponent(back)}`);
      await expect(page.getByRole("heading", { level: 1, name: MPQUIC })).toBeVisible();
      await expect(page.getByRole("link", { name: "← Back to results" })).toHaveCount(0);
    }
  });

  test("the list names external groups, says overdue, and keeps dates whole", async ({ page }) => {
    await page.goto("/statements?q=early+data");
    const row = page
      .getByRole("row")
      .filter({ hasText: "LS on TLS 1.3 early data in the 5G Service Based Architecture" });
    await expect(row).toContainText("3GPP TSG SA WG3");
    await expect(row).not.toContainText("3gpp-tsgsa-sa3");
    await expect(row).toContainText("overdue");
    await page.goto("/statements");
    await expectDatesUnbroken(page);
  });

  test("a withdrawn statement says its state once and links its replacement; history times show UTC", async ({
    page,
  }) => {
    await page.goto("/statements?q=L4S");
    await page.getByRole("link", { name: "LS on L4S support in the 5G System", exact: true }).click();
    const header = page.locator("article > header");
    await expect(header).toContainText(/Withdrawn \(posted \d{4}-\d{2}-\d{2}\)/);
    await expect(page.getByRole("note")).toContainText("Replaced by LS on L4S support in the 5G System (corrected)");
    await page.getByRole("note").getByRole("link", { name: "LS on L4S support in the 5G System (corrected)" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("LS on L4S support in the 5G System (corrected)");
    const stateLine = page.locator("article > header p").filter({ hasText: "liaison statement ·" });
    await expect(stateLine).toHaveText(/^Outgoing liaison statement · Posted \d{4}-\d{2}-\d{2}$/);
    const times = await page.getByRole("region", { name: "History" }).locator("time").allInnerTexts();
    expect(times.length).toBeGreaterThan(0);
    for (const t of times) expect(t).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);
  });
});

test.describe("phone, signed out", () => {
  test.use(PHONE);
  test("the home page and the list fit, and their dates stay whole", async ({ page }) => {
    for (const path of ["/", "/statements", "/statements?q=240987"]) {
      await page.goto(path);
      await expectNoHorizontalScroll(page);
      await expectDatesUnbroken(page);
    }
  });
});

test("signed in: waiting for approval says by whom; lists name groups and days one way; an edit shows old → new", async ({
  page,
  expectNoA11yViolations,
}) => {
  await signIn(page, "ad@example.org", { landing: "/approvals" });
  await expectDatesUnbroken(page);
  await page.getByRole("link", { name: "LS on QUIC connection migration across 3GPP and non-3GPP access" }).click();
  await expect(
    page.getByText("for QUIC, by an AD of the Web and Internet Transport area (Ada Lindqvist, Tomás Novak)"),
  ).toBeVisible();
  await expectNoA11yViolations(page);

  await signOut(page);
  await signIn(page, "secretariat@example.org", { landing: "/action-needed" });
  const overdue = page
    .getByRole("row")
    .filter({ hasText: "LS on TLS 1.3 early data in the 5G Service Based Architecture" });
  await expect(overdue).toContainText(/\d+ days? overdue/);
  await expect(overdue).toContainText("3GPP TSG SA WG3");
  await expect(
    page.getByRole("row").filter({ hasText: "LS on YANG models for fixed access network sharing" }),
  ).toContainText(/\d+ days? left/);
  await expectDatesUnbroken(page);

  // An edit of a posted statement: the history names the field as the form does, old → new.
  await page.goto("/statements?q=L4S");
  await page.getByRole("link", { name: "LS on L4S support in the 5G System (corrected)" }).click();
  const url = page.url().split("?")[0]!;
  await page.getByRole("link", { name: "Edit", exact: true }).click();
  await page.getByLabel("Other identifiers").fill("S2-2200001");
  await page.getByRole("button", { name: "Save changes" }).click();
  const history = page.getByRole("region", { name: "History" });
  // (the textarea sends the body back with CRLF line ends, which counts as a change today)
  await expect(history).toContainText(/Changed (Body, )?Other identifiers — Sandra Ortiz/);
  await expect(history.getByRole("listitem").filter({ hasText: /^Other identifiers: / })).toContainText(
    /Other identifiers: —\s*→\s*(changed to\s*)?S2-2200001/,
  );
  await expectNoA11yViolations(page);
  // put the demo data back for other specs
  await page.goto(`${url}/edit`);
  await page.getByLabel("Other identifiers").fill("");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("region", { name: "History" })).toContainText("Other identifiers: S2-2200001");
});
