/**
 * Issue 15 §5: a person with several roles that fit picks one on the form ("Acting as"), the server checks it,
 * and the statement page and history name it. No demo persona needs two fitting roles for the other journeys,
 * so the Secretariat gives the AD (Ada Lindqvist, AD of wit) a second one through /admin — chair of QUIC, a WG
 * of her area — and takes it away again. Screenshots of the form at 390 and 1280 px go to
 * ./screenshots/acting-as/.
 */
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { chooseGroup, signIn } from "./support/session";

test.describe.configure({ timeout: 180_000 });

const SHOTS = path.resolve("screenshots", "acting-as");
const EXTRA_ROLE = /^Remove Ada Lindqvist as Chair of QUIC/;

/** The Secretariat, signed in once in a context of its own: the cleanup never has to sign in again. */
async function secretariatOnAda(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, "secretariat@example.org", { landing: "/admin/people" });
  await page.getByRole("link", { name: "Ada Lindqvist", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ada Lindqvist" })).toBeVisible();
  return page;
}

/** Removes the extra role if Ada has it (a run that stopped half-way may have left it); bounded, never hangs. */
async function removeExtraRole(admin: Page) {
  const roles = admin.getByRole("region", { name: "Roles" });
  const remove = roles.getByRole("button", { name: EXTRA_ROLE });
  if ((await remove.count()) === 0) return;
  await remove.first().click({ timeout: 10_000 });
  await expect(roles.getByRole("button", { name: EXTRA_ROLE })).toHaveCount(0, { timeout: 15_000 });
}

test("the AD who also chairs QUIC picks the role she acts in; the page and history name it; a forged role is refused", async ({
  browser,
  page,
  expectNoA11yViolations,
}) => {
  const admin = await secretariatOnAda(browser);
  try {
    await removeExtraRole(admin);
    const roles = admin.getByRole("region", { name: "Roles" });
    await roles.getByRole("combobox", { name: /^Role/ }).selectOption({ label: "Chair" });
    await roles.getByRole("combobox", { name: /^Group/ }).selectOption({ label: "quic — QUIC" });
    await roles.getByRole("button", { name: "Assign role" }).click();
    await expect(roles.getByRole("status")).toContainText("Role assigned.");
    await expect(roles.getByRole("button", { name: EXTRA_ROLE })).toHaveCount(1);

    const title = `LS on QUIC version negotiation ${Date.now()}`;
    await signIn(page, "ad@example.org", { landing: "/statements/new?direction=outgoing" });
    // Exactly QUIC: MASQUE's name ("… over QUIC …") matches a looser pattern.
    await chooseGroup(page, "From", "quic", /^QUIC quic$/);
    await chooseGroup(page, "To", "3gpp-tsgsa-sa2", /3gpp-tsgsa-sa2$/);
    await page.getByLabel("To-Contact").fill("3GPP SA2 Chair <sa2-chair@example.net>");
    await page.getByRole("textbox", { name: "Title", exact: true }).fill(title);
    await page.getByLabel("Purpose").selectOption("information");
    await page.getByLabel("Body").fill("For your information: QUIC version negotiation is now an RFC.");

    const actingAs = page.getByRole("group", { name: "Acting as" });
    await expect(actingAs.getByRole("radio")).toHaveCount(2);
    await expect(actingAs.getByRole("radio", { name: "AD of Web and Internet Transport" })).toBeVisible();
    await expect(actingAs.getByRole("radio", { name: "Chair of QUIC" })).toBeVisible();
    await expectNoA11yViolations(page);
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: width < 600 ? 844 : 900 });
      await actingAs.scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(SHOTS, `form-${width}.png`) });
    }
    await page.setViewportSize({ width: 1280, height: 900 });

    // A forged form: a role Ada does not hold. The server refuses it by name, and nothing is saved.
    const chair = actingAs.getByRole("radio", { name: "Chair of QUIC" });
    const chairKey = await chair.getAttribute("value");
    expect(chairKey).toMatch(/^wg_chair:\d+:$/);
    await chair.check();
    await chair.evaluate((radio: HTMLInputElement) => {
      radio.value = "iab_chair::";
    });
    await page.getByRole("button", { name: "Submit" }).click();
    await expect(page.getByText(/You do not hold the role that was sent/).first()).toBeVisible();
    await expect(page).toHaveURL(/\/statements\/new/);
    await expect(page.getByRole("textbox", { name: "Title", exact: true })).toHaveValue(title);

    // Back to the real choice: acting as chair of QUIC.
    await actingAs.getByRole("radio", { name: "Chair of QUIC" }).evaluate((radio: HTMLInputElement, key) => {
      radio.value = key;
    }, chairKey!);
    await actingAs.getByRole("radio", { name: "Chair of QUIC" }).check();
    await page.getByRole("button", { name: "Submit" }).click();
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(page.getByText("Ada Lindqvist as Chair of QUIC", { exact: true })).toBeVisible();
    await expect(page.getByRole("region", { name: "History" })).toContainText(
      "Submitted by Ada Lindqvist as Chair of QUIC",
    );
    await expectNoA11yViolations(page);
  } finally {
    await removeExtraRole(admin).catch(() => undefined);
    await admin.context().close();
  }
  // With one fitting role again, the form does not ask.
  await page.goto("/statements/new?direction=outgoing");
  await expect(page.getByRole("textbox", { name: "Title", exact: true })).toBeVisible();
  await expect(page.getByRole("group", { name: "Acting as" })).toHaveCount(0);
});
