/**
 * Issue 16, the two pickers (ADR 020): From/To as a type-to-filter combobox with chips, tried with 300 groups,
 * keyboard only; "In response to" as a search over the statements the person may see. Both also without
 * JavaScript (the checkboxes, and a "Find statements" button that reloads the form with every value kept).
 * Screenshots of both pickers, open and closed, at 390 and 1280 px go to ./screenshots/pickers/.
 */
import path from "node:path";
import type { APIRequestContext, Browser, Locator, Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { chooseGroup, chosenGroups, signIn } from "./support/session";

const COUNT = 300;
// Letters only: the group numbers are what the tests type.
const ORG = `pickers${Date.now().toString(36).replace(/[0-9]/g, "")}`;
const groupName = (n: number) => `Picker Test Group ${String(n).padStart(3, "0")}`;
const SHOTS = path.resolve("screenshots", "pickers");

const decode = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** The hidden fields React writes into a server-action form for posting it without JavaScript. */
function actionFields(html: string, marker: string): Record<string, string> {
  const at = html.indexOf(marker);
  const form = html.slice(html.lastIndexOf("<form", at), html.indexOf("</form>", at));
  const fields: Record<string, string> = {};
  for (const [tag] of form.matchAll(/<input\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(tag)?.[1];
    if (name?.startsWith("$ACTION")) fields[decode(name)] = decode(/\bvalue="([^"]*)"/.exec(tag)?.[1] ?? "");
  }
  return fields;
}

/** The Secretariat creates an external body and its 300 groups through /admin, as its forms post without JavaScript. */
async function seedGroups(browser: Browser, baseURL: string) {
  const page = await browser.newPage();
  await signIn(page, "secretariat@example.org", { landing: "/admin/organizations/new" });
  await page.getByLabel("Acronym").fill(ORG);
  await page.getByLabel("Name").fill("Picker Test Body");
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page).toHaveURL(/\/admin\/organizations\/\d+/);
  const organizationId = /\/admin\/organizations\/(\d+)/.exec(page.url())![1]!;
  const request: APIRequestContext = page.request;
  const html = await (await request.get("/admin/groups/new")).text();
  const fields = actionFields(html, 'name="acronym"');
  expect(Object.keys(fields).length).toBeGreaterThan(0);
  for (let n = 1; n <= COUNT; n++) {
    const response = await request.post("/admin/groups/new", {
      headers: { Origin: new URL(baseURL).origin },
      multipart: {
        ...fields,
        organizationId,
        acronym: `${ORG}-${String(n).padStart(3, "0")}`,
        name: groupName(n),
        type: "sdo",
        state: "active",
        parentId: "",
        listAddress: "",
        defaultContacts: "",
      },
      maxRedirects: 0,
    });
    expect(response.status(), `group ${n}`).toBe(303);
  }
  await page.close();
}

async function fillRest(page: Page, title: string) {
  await page.getByLabel("To-Contact").fill("Picker Body <body@example.net>");
  await page.getByRole("textbox", { name: "Title", exact: true }).fill(title);
  await page.getByLabel("Purpose").selectOption("information");
  await page.getByLabel("Body").fill("Three hundred groups to choose from.");
}

/** A screenshot of the viewport with the picker near its top, so an open list is in the picture. */
async function shoot(page: Page, name: string, picker: Locator) {
  await picker.evaluate((el) => {
    (el.closest("fieldset") ?? el).scrollIntoView({ block: "start" });
    window.scrollBy(0, -16);
  });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

test.describe("group pickers with 300 groups", () => {
  test.beforeAll(async ({ browser, baseURL }) => {
    test.setTimeout(300_000);
    await seedGroups(browser, baseURL!);
  });

  test("keyboard only: type to filter, pick, move, remove with Backspace and the chip's button; saved and shown on edit", async ({
    page,
    expectNoA11yViolations,
  }) => {
    test.setTimeout(180_000);
    const title = `Three hundred groups ${Date.now()}`;
    await signIn(page, "secretariat@example.org", { landing: "/statements/new?direction=outgoing" });
    const to = page.getByRole("combobox", { name: "To", exact: true });
    const options = page.getByRole("listbox", { name: "To" }).getByRole("option");
    await to.focus();
    await expect(to).toHaveAttribute("aria-expanded", "true");
    await expect(options).toHaveCount(50);
    await expect(page.getByRole("status").filter({ hasText: /groups, the first 50 shown/ })).toHaveText(
      /^3\d\d groups/,
    );
    await page.setViewportSize({ width: 1280, height: 900 });
    await shoot(page, "groups-open-1280", to);

    await page.keyboard.type("group 123");
    await expect(options).toHaveCount(1);
    await expect(options.first()).toHaveAccessibleName(/Picker Test Group 123/);
    await expect(options.first()).toHaveAttribute("aria-selected", "false");
    await expect(to).toHaveAttribute("aria-activedescendant", (await options.first().getAttribute("id"))!);
    await page.keyboard.press("Enter");
    await expect(chosenGroups(page, "To")).toHaveAccessibleName("Remove Picker Test Group 123");
    await expect(to).toHaveValue("");
    await expect(to).toBeFocused();

    // Arrow keys move the active option; Enter adds it; Backspace in the empty field removes the last chip.
    await page.keyboard.type("picker test group 2");
    const third = await options.nth(2).getAttribute("id");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await expect(to).toHaveAttribute("aria-activedescendant", third!);
    await page.keyboard.press("Enter");
    await expect(chosenGroups(page, "To")).toHaveCount(2);
    await page.keyboard.press("Backspace");
    await expect(chosenGroups(page, "To")).toHaveCount(1);

    // A chip's remove button, reached with Shift+Tab, removes that group and gives the field its focus back.
    await page.keyboard.type("group 300");
    await page.keyboard.press("Enter");
    await expect(chosenGroups(page, "To")).toHaveCount(2);
    await page.keyboard.press("Shift+Tab");
    await expect(page.getByRole("button", { name: "Remove Picker Test Group 300" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(chosenGroups(page, "To")).toHaveAccessibleName("Remove Picker Test Group 123");
    await expect(to).toBeFocused();
    await page.keyboard.type("group");
    await expect(to).toHaveAttribute("aria-expanded", "true");
    await page.keyboard.press("Escape");
    await expect(to).toHaveAttribute("aria-expanded", "false");
    await page.keyboard.press("Escape");
    await expect(to).toHaveValue("");

    const from = page.getByRole("combobox", { name: "From", exact: true });
    await from.focus();
    await page.keyboard.type("quic");
    await page.keyboard.press("Enter");
    await expect(chosenGroups(page, "From")).toHaveAccessibleName("Remove QUIC");
    await expect(page.getByLabel("From-Contact")).toHaveValue(/quic@ietf\.org/);
    await page.keyboard.press("Tab");
    await expect(from).toHaveAttribute("aria-expanded", "false");
    await shoot(page, "groups-closed-1280", to);
    await expectNoA11yViolations(page);
    await to.focus();
    await page.keyboard.type("group 1");
    await expectNoA11yViolations(page);
    await page.setViewportSize({ width: 390, height: 844 });
    await shoot(page, "groups-open-390", to);
    await page.keyboard.press("Escape");
    await page.keyboard.press("Escape");
    await shoot(page, "groups-closed-390", to);
    await page.setViewportSize({ width: 1280, height: 900 });

    await fillRest(page, title);
    await page.getByRole("button", { name: "Save draft" }).click();
    await expect(page.getByRole("heading", { name: title })).toBeVisible();
    await expect(page.getByText("Picker Test Group 123").first()).toBeVisible();
    const url = page.url();

    // Editing shows the chosen groups as chips, in sight, and saves them unchanged.
    await page.goto(`${url}/edit`);
    await expect(chosenGroups(page, "To")).toHaveAccessibleName("Remove Picker Test Group 123");
    await expect(chosenGroups(page, "From")).toHaveAccessibleName("Remove QUIC");
    await expect(page.getByRole("button", { name: "Remove Picker Test Group 123" })).toBeInViewport();
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });
    test("the checkboxes still save, and an edited statement's group is listed first", async ({ page }) => {
      test.setTimeout(120_000);
      const title = `Three hundred groups, no JS ${Date.now()}`;
      await signIn(page, "secretariat@example.org", { landing: "/statements/new?direction=outgoing" });
      await expect(page.getByRole("combobox", { name: "To", exact: true })).toHaveCount(0);
      await page
        .getByRole("group", { name: "To" })
        .getByRole("checkbox", { name: new RegExp(groupName(242)) })
        .check();
      await page.getByRole("group", { name: "From" }).getByRole("checkbox", { name: "QUIC quic", exact: true }).check();
      await page.getByLabel("From-Contact").fill("Quentin Hale <chair@example.org>");
      await fillRest(page, title);
      await page.getByRole("button", { name: "Save draft" }).click();
      await expect(page.getByRole("heading", { name: title })).toBeVisible();
      await expect(page.getByText(groupName(242)).first()).toBeVisible();
      await page.goto(`${page.url()}/edit`);
      const first = page.getByRole("group", { name: "To" }).getByRole("checkbox").first();
      await expect(first).toHaveAccessibleName(new RegExp(groupName(242)));
      await expect(first).toBeChecked();
    });
  });
});

test.describe("In response to", () => {
  test("search as you type over the statements one may see; the choice is saved", async ({
    page,
    expectNoA11yViolations,
  }) => {
    test.setTimeout(120_000);
    const title = `Reply picked by search ${Date.now()}`;
    await signIn(page, "chair@example.org", { landing: "/statements/new?direction=outgoing" });
    await chooseGroup(page, "From", "quic", /^QUIC/);
    await chooseGroup(page, "To", "3gpp-tsg-sa", /3gpp-tsg-sa$/);
    await expect(page.getByRole("combobox", { name: "In response to" })).toHaveCount(0);
    await page.getByLabel("Purpose").selectOption("response");
    const related = page.getByRole("combobox", { name: "In response to" });
    await related.fill("security mpquic");
    const option = page
      .getByRole("listbox", { name: "In response to" })
      .getByRole("option", { name: /^LS on Security considerations for MPQUIC/ });
    await expect(option).toBeVisible();
    await expect(option).toContainText("SP-240987");
    await shoot(page, "related-open-1280", page.getByRole("combobox", { name: "In response to" }));
    await expectNoA11yViolations(page);
    await option.click();
    await expect(page.getByRole("button", { name: "Remove LS on Security considerations for MPQUIC" })).toBeVisible();
    // Another group's draft is not offered (the lookup applies the policy; tests/integration/related-search.test.ts).
    await related.fill("SG15 transport network work plan");
    await expect(
      page.getByRole("status").filter({ hasText: "No statement you may see matches these words." }),
    ).toBeAttached();
    await related.press("Escape");
    await related.press("Escape");
    await shoot(page, "related-closed-1280", page.getByRole("combobox", { name: "In response to" }));
    await page.setViewportSize({ width: 390, height: 844 });
    await related.fill("mpquic");
    await expect(page.getByRole("listbox", { name: "In response to" }).getByRole("option").first()).toBeVisible();
    await shoot(page, "related-open-390", page.getByRole("combobox", { name: "In response to" }));
    await related.press("Escape");
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.getByLabel("To-Contact").fill("3GPP TSG SA <sa@example.net>");
    await page.getByRole("textbox", { name: "Title", exact: true }).fill(title);
    await page.getByLabel("Body").fill("Our answer.");
    await page.getByRole("button", { name: "Save draft" }).click();
    await expect(page.getByRole("heading", { name: title })).toBeVisible();
    await expect(page.getByRole("link", { name: "LS on Security considerations for MPQUIC" }).first()).toBeVisible();
    await page.goto(`${page.url()}/edit`);
    await expect(page.getByRole("button", { name: "Remove LS on Security considerations for MPQUIC" })).toBeVisible();
    await page.setViewportSize({ width: 390, height: 844 });
    await shoot(page, "related-closed-390", page.getByRole("combobox", { name: "In response to" }));
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });
    test("Find statements reloads the form with the matches and every value kept; the ticked one is saved", async ({
      page,
    }) => {
      test.setTimeout(120_000);
      const title = `Reply found without JS ${Date.now()}`;
      await signIn(page, "chair@example.org", { landing: "/statements/new?direction=outgoing" });
      await page.getByRole("group", { name: "From" }).getByRole("checkbox", { name: /QUIC/ }).check();
      await page
        .getByRole("group", { name: "To" })
        .getByRole("checkbox", { name: /3gpp-tsg-sa\b/ })
        .first()
        .check();
      await page.getByLabel("From-Contact").fill("Quentin Hale <chair@example.org>");
      await page.getByLabel("To-Contact").fill("3GPP TSG SA <sa@example.net>");
      await page.getByRole("textbox", { name: "Title", exact: true }).fill(title);
      await page.getByLabel("Purpose").selectOption("response");
      await page.getByLabel("Body").fill("Line one\n  kept as typed\n");
      await page.getByLabel("Find a statement").fill("nothing-matches-this");
      await page.getByRole("button", { name: "Find statements" }).click();
      await expect(page.getByText("No statement you may see matches “nothing-matches-this”.")).toBeVisible();
      await page.getByLabel("Find a statement").fill("security mpquic");
      await page.getByRole("button", { name: "Find statements" }).click();
      const match = page
        .getByRole("group", { name: "In response to" })
        .getByRole("checkbox", { name: /^LS on Security considerations for MPQUIC/ });
      await expect(match).toBeVisible();
      await expect(page.getByLabel("Find a statement")).toBeFocused();
      await expect(page.getByRole("textbox", { name: "Title", exact: true })).toHaveValue(title);
      await expect(page.getByLabel("Body")).toHaveValue("Line one\n  kept as typed\n");
      await expect(page.getByLabel("Purpose")).toHaveValue("response");
      await expect(page.getByRole("group", { name: "From" }).getByRole("checkbox", { name: /QUIC/ })).toBeChecked();
      await match.check();
      // A second search keeps the ticked statement (and its title) while showing new matches.
      await page.getByLabel("Find a statement").fill("SP-240987");
      await page.getByRole("button", { name: "Find statements" }).click();
      await expect(
        page
          .getByRole("group", { name: "In response to" })
          .getByRole("checkbox", { name: /^LS on Security considerations for MPQUIC/ }),
      ).toBeChecked();
      await page.getByRole("button", { name: "Save draft" }).click();
      await expect(page.getByRole("heading", { name: title })).toBeVisible();
      await expect(page.getByRole("link", { name: "LS on Security considerations for MPQUIC" }).first()).toBeVisible();
    });
  });
});
