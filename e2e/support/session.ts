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

/** Opens the outgoing form as the QUIC chair's WG and fills a "For information" statement to ITU-T SG15. */
export async function fillQuicToSg15(page: Page, title: string, body: string) {
  await page.goto("/statements/new?direction=outgoing");
  await page.getByRole("group", { name: "From" }).getByRole("checkbox", { name: /QUIC/ }).check();
  await page.getByRole("group", { name: "To" }).getByRole("checkbox", { name: /itu-t-sg15/ }).check();
  await page.getByRole("textbox", { name: "Title", exact: true }).fill(title);
  await page.getByLabel("Purpose").selectOption("information");
  await page.getByLabel("Body").fill(body);
}
