/**
 * Issue 17: "Sign in with IETF Datatracker" in the browser, against the real OpenID Connect provider the
 * global setup starts (tests/support/oidc-provider.ts, configured like the Datatracker's). The user's
 * answer at the provider (sign in as an account, or refuse) is scripted through its test-control endpoint.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { signIn, signOut } from "./support/session";

interface Account {
  email?: string;
  name?: string;
  roles: [string, string][];
}

async function provider(command: { accounts?: Record<string, Account>; nextLogin?: { accountId: string } | "deny" }) {
  const url = process.env.E2E_OIDC_URL;
  if (!url) throw new Error("E2E_OIDC_URL is not set: run the tests through playwright.config.ts (global setup)");
  const response = await fetch(`${url}/test-control`, { method: "POST", body: JSON.stringify(command) });
  expect(response.status).toBe(204);
}

// Each journey signs in three or four times (the provider's round trip, then the Secretariat's password, which
// is hashed on purpose slowly): on this shared 2-core machine that takes 25–40 s, past Playwright's 30 s default.
// That timeout, hit while the last sign-in still showed "Signing in…", is why the role-removal check "failed in
// the browser" before; nothing was wrong with the removal itself.
test.describe.configure({ timeout: 120_000 });

async function clickDatatrackerButton(page: Page, callbackUrl = "/") {
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  await page
    .getByRole("region", { name: "With your IETF Datatracker account" })
    .getByRole("link", { name: "Sign in with IETF Datatracker" })
    .click();
}

/** The Secretariat's view of the person's roles: [role, on, source] per row. */
async function rolesShownToSecretariat(page: Page, email: string): Promise<string[][]> {
  await signIn(page, "secretariat@example.org", { landing: `/admin/people?q=${encodeURIComponent(email)}` });
  await page
    .getByRole("main")
    .getByRole("link", { name: /Dana Datatracker/ })
    .first()
    .click();
  const table = page.getByRole("table", { name: "Roles" });
  await expect(table).toBeVisible();
  const rows = await table.getByRole("row").all();
  const shown: string[][] = [];
  for (const row of rows.slice(1)) {
    const cells = await row.getByRole("cell").allInnerTexts();
    shown.push([cells[0] ?? "", cells[1] ?? "", (cells[3] ?? "").split("\n")[0] ?? ""]);
  }
  await signOut(page);
  return shown;
}

test("a Datatracker account signs in with the button; its roles come from the Datatracker, refusals are explained", async ({
  page,
}) => {
  const suffix = Math.random().toString(36).slice(2, 8);
  const email = `dana-${suffix}@e2e.example.net`;
  const id = `dt-${suffix}`;
  await provider({
    accounts: {
      [id]: {
        email,
        name: `Dana Datatracker ${suffix}`,
        roles: [
          ["chair", "quic"],
          ["liaiman", "itu-t-sg15"],
        ],
      },
    },
    nextLogin: { accountId: id },
  });

  // First sign-in: a new person, signed in, with the QUIC chair's menu.
  await clickDatatrackerButton(page, "/approvals");
  await expect(page).toHaveURL(/\/approvals$/);
  await expect(page.getByRole("banner").getByRole("button", { name: "Sign out" })).toBeVisible();
  await signOut(page);
  expect(await rolesShownToSecretariat(page, email)).toEqual([
    ["Chair", "QUIC (quic)", "from the Datatracker"],
    ["Liaison manager", expect.stringContaining("itu-t-sg15"), "from the Datatracker"],
  ]);

  // The user refuses at the Datatracker: back on /sign-in with a clear message, not signed in.
  // (A fresh browser: otherwise the provider remembers the earlier login and asks nothing.)
  await page.context().clearCookies();
  await provider({ nextLogin: "deny" });
  await clickDatatrackerButton(page);
  await expect(page).toHaveURL(/\/sign-in\?error=datatracker-denied$/);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    "You did not allow the IETF Datatracker to sign you in here. Sign in with your password or a link instead.",
  );
  await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
});

test("a role removed at the Datatracker is gone at the next sign-in; a role granted here stays", async ({ page }) => {
  const suffix = Math.random().toString(36).slice(2, 8);
  const email = `dana-${suffix}@e2e.example.net`;
  const id = `dt-${suffix}`;
  const account = (roles: [string, string][]) => ({ [id]: { email, name: `Dana Datatracker ${suffix}`, roles } });
  await provider({
    accounts: account([
      ["chair", "quic"],
      ["liaiman", "itu-t-sg15"],
    ]),
    nextLogin: { accountId: id },
  });
  await clickDatatrackerButton(page);
  await expect(page.getByRole("banner").getByRole("button", { name: "Sign out" })).toBeVisible();
  await signOut(page);

  // The Secretariat grants a role here (local): no sign-in may take it away.
  await signIn(page, "secretariat@example.org", { landing: `/admin/people?q=${encodeURIComponent(email)}` });
  await page
    .getByRole("main")
    .getByRole("link", { name: /Dana Datatracker/ })
    .first()
    .click();
  await page.getByRole("combobox", { name: /^Role/ }).selectOption({ label: "Secretary" });
  await page
    .getByRole("combobox", { name: "Group", exact: true })
    .selectOption({ label: "ccamp — Common Control and Measurement Plane" });
  await page.getByLabel("Address used in this role").fill(email);
  await page.getByRole("button", { name: "Assign role" }).click();
  await expect(page.getByRole("table", { name: "Roles" }).getByRole("row")).toHaveCount(4);
  await signOut(page);

  // At the Datatracker the liaison manager role ends; the next sign-in (same browser: the provider
  // remembers the login and asks nothing) drops it here too.
  await provider({ accounts: account([["chair", "quic"]]), nextLogin: { accountId: id } });
  await clickDatatrackerButton(page);
  await expect(page.getByRole("banner").getByRole("button", { name: "Sign out" })).toBeVisible();
  await signOut(page);
  expect(await rolesShownToSecretariat(page, email)).toEqual([
    ["Chair", "QUIC (quic)", "from the Datatracker"],
    ["Secretary", expect.stringContaining("ccamp"), "local"],
  ]);
});
