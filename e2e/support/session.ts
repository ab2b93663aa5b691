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
