import { expect, type Page } from "@playwright/test";

/** Signs in through the password form (scoped to its section: the link form has an E-mail field too). */
export async function signIn(page: Page, email: string, password = "liaison-demo") {
  await page.goto("/sign-in");
  const form = page.getByRole("region", { name: "With your password" });
  await form.getByLabel("E-mail").fill(email);
  await form.getByLabel("Password").fill(password);
  await form.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("banner").getByRole("button", { name: "Sign out" })).toBeVisible();
}

export async function signOut(page: Page) {
  await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
}

/**
 * Picks a group in the From or To combobox (ADR 020), as a user does: types `text` into it and clicks the
 * option whose name (group name, then acronym) matches `option`; the chosen group shows as a chip.
 */
export async function chooseGroup(
  page: Page,
  side: "From" | "To",
  text: string,
  option: RegExp = new RegExp(text, "i"),
) {
  await page.getByRole("combobox", { name: side, exact: true }).fill(text);
  await page.getByRole("listbox", { name: side, exact: true }).getByRole("option", { name: option }).first().click();
}

/** The names of the groups chosen in From or To (the chips' "Remove …" buttons). */
export function chosenGroups(page: Page, side: "From" | "To") {
  return page
    .getByRole("group", { name: side, exact: true })
    .getByRole("list", { name: `Chosen: ${side}` })
    .getByRole("button");
}

/** Opens the outgoing form as the QUIC chair's WG and fills a "For information" statement to ITU-T SG15. */
export async function fillQuicToSg15(page: Page, title: string, body: string) {
  await page.goto("/statements/new?direction=outgoing");
  await chooseGroup(page, "From", "quic", /^QUIC/);
  await chooseGroup(page, "To", "itu-t-sg15");
  await page.getByRole("textbox", { name: "Title", exact: true }).fill(title);
  await page.getByLabel("Purpose").selectOption("information");
  await page.getByLabel("Body").fill(body);
}
