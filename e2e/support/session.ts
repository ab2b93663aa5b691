import { expect, type Page } from "@playwright/test";

/** The page's session cookies (the app's is `liaison.session`, `__Secure-`/`__Host-` prefixed over HTTPS). */
export const sessionCookies = async (page: Page) =>
  (await page.context().cookies()).filter((c) => c.name.endsWith("liaison.session"));

/**
 * Signs in as `email` with the demo password and opens `landing` ("/" unless given), signed in. For the specs whose
 * subject is something else: it posts the password to next-auth's credentials endpoint through the page's own
 * request context (page.request shares the browser context's cookies), which checks the password, applies the rate
 * limit and starts a server session exactly as the form's action does (both call authenticate() and start a server
 * session, src/server/auth), then opens the page and waits for the signed-in header. The form itself, with and
 * without JavaScript, is the subject of auth.spec.ts and status-pages.spec.ts, which fill it in; the browser work of
 * loading /sign-in and following the form's redirect home was a third of a signed-in spec's browser time (ADR 042).
 */
export async function signIn(page: Page, email: string, options: { password?: string; landing?: string } = {}) {
  const context = page.context();
  const sessionCookie = async () => (await sessionCookies(page))[0]?.value;
  const before = await sessionCookie();
  const csrf = await context.request.get("/api/auth/csrf");
  expect(csrf.status(), "GET /api/auth/csrf").toBe(200);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const answer = await context.request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password: options.password ?? "liaison-demo", json: "true" },
    maxRedirects: 0,
  });
  // A refused sign-in answers {url: "…/sign-in?error=…"} and sets no new session cookie; an earlier session of the
  // same context (another person) must not pass for this one.
  const { url } = (await answer.json()) as { url?: string };
  expect(url ?? "", `signing in as ${email} was refused (HTTP ${answer.status()})`).not.toMatch(/[?&]error=/);
  const after = await sessionCookie();
  expect(after && after !== before, `signing in as ${email} gave no new session cookie`).toBe(true);
  await page.goto(options.landing ?? "/");
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
