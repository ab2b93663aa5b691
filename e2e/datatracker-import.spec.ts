/**
 * Issue 17 in the browser, as a cutover: the global setup imported the fixture archive (≥ 200 statements in the
 * Datatracker's API format, tests/support/datatracker-archive.ts) twice into a fresh database before the app
 * first started, on the embedded database as on PostgreSQL. Here: the second run changed nothing (its output and
 * the audit log), list counts per state, a statement page with its legacy fields and history, an attachment's
 * bytes and hash, the old URLs, an empty outbox, and no reminder queued by the worker's next tick.
 * The imported Secretariat (secr on the Datatracker's `secretariat` group) signs in with the Datatracker button:
 * there is no demo data on an imported database.
 *
 * Run: npx playwright test -c playwright.datatracker-import.config.ts (and with E2E_DATABASE_URL for PostgreSQL).
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { buildArchive, GROUPS } from "../tests/support/datatracker-archive";
import { expect, test } from "./support/fixtures";
import { signOut } from "./support/session";

const fixture = buildArchive();
const statements = fixture.archive["liaisons/liaisonstatement"]!;
const events = fixture.archive["liaisons/liaisonstatementevent"]!;
const slug = (uri: unknown) => String(uri).split("/").at(-2);
const stateOf = (id: number) => slug(statements.find((s) => s.id === id)!.state);
// id 111 (i = 10): posted, with legacy technical and action-holder contacts.
const ID = 111;

async function signInAsSecretariat(page: Page) {
  const url = process.env.E2E_OIDC_URL!;
  const response = await fetch(`${url}/test-control`, {
    method: "POST",
    body: JSON.stringify({
      accounts: {
        "dt-ivan": { email: "ivan@amsl.example", name: "Ivan Secretariat", roles: [["secr", "secretariat"]] },
      },
      nextLogin: { accountId: "dt-ivan" },
    }),
  });
  expect(response.status).toBe(204);
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Sign in with IETF Datatracker" }).click();
  await expect(page.getByRole("banner").getByRole("button", { name: "Sign out" })).toBeVisible();
}

test.describe("after importing the Datatracker's archive", () => {
  // Sign-ins through the provider on a loaded 2-core machine: past Playwright's 30 s default.
  test.describe.configure({ timeout: 120_000 });
  test.skip(
    process.env.E2E_IMPORT_DATATRACKER !== "1",
    "run with -c playwright.datatracker-import.config.ts: the archive is imported before the app starts",
  );

  test("the second import changed nothing; both runs are in the audit log", async ({ page }) => {
    const second = readFileSync(path.join(process.env.E2E_DATA_DIR!, "import-2.log"), "utf8");
    const lines = second.split("\n").filter((l) => /^ {2}[a-z]+\/[a-z]+: read \d+/.test(l));
    expect(lines.length).toBeGreaterThanOrEqual(8);
    for (const line of lines) expect(line).toMatch(/created 0, updated 0, unchanged/);
    expect(lines.find((l) => l.includes("liaisons/liaisonstatement:"))).toContain(
      `read ${statements.length}, created 0, updated 0, unchanged ${statements.length}`,
    );
    await signInAsSecretariat(page);
    await page.goto("/admin/audit");
    await expect(page.getByRole("main").getByText(/Imported from the IETF Datatracker/)).toHaveCount(2);
  });

  test("the lists count the imported statements per state", async ({ page }) => {
    const ids = statements.map((s) => s.id as number);
    const wasPosted = (id: number) =>
      events.some((e) => e.statement === `/api/v1/liaisons/liaisonstatement/${id}/` && slug(e.type) === "posted");
    const count = (state: string) => ids.filter((id) => stateOf(id) === state).length;
    expect([count("pending"), count("approved"), count("posted"), count("dead")]).toEqual([55, 55, 55, 55]);
    // Public: posted, and withdrawn after posting (still visible at its URL, as withdrawn).
    const publicCount = count("posted") + ids.filter((id) => stateOf(id) === "dead" && wasPosted(id)).length;
    await page.goto("/statements");
    await expect(page.locator("#result-count")).toContainText(`${publicCount} statements`);
    const response = await page.request.get("/api/v1/statements?pageSize=1");
    expect(((await response.json()) as { total: number }).total).toBe(publicCount);
    // Staff: every pending statement from an IETF-side group waits in the Secretariat's approval queue (from an
    // SDO, or from no group at all, a legacy quirk, there is nobody to approve it).
    const isSdo = new Map(GROUPS.map(([id, , , type]) => [id, type === "sdo"]));
    const awaiting = statements.filter(
      (s) =>
        slug(s.state) === "pending" &&
        (s.from_groups as string[]).some((uri) => isSdo.get(Number(slug(uri))) === false),
    ).length;
    expect(awaiting).toBeGreaterThan(10);
    await signInAsSecretariat(page);
    await page.goto("/approvals");
    await expect(
      page
        .getByRole("table", { name: "Statements waiting for approval" })
        .getByRole("row")
        .filter({ hasNot: page.getByRole("columnheader") }),
    ).toHaveCount(awaiting);
  });

  test("an imported statement shows where it came from, its legacy fields and its history", async ({ page }) => {
    await page.goto(`/statements/${ID}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Liaison statement ${ID} on topic 10`);
    await expect(page.getByText(`Imported from the IETF Datatracker (liaison ${ID})`)).toBeVisible();
    await expect(page.getByText("Legacy fields: Technical contacts")).toBeVisible();
    await expect(page.getByText("Carol Editor <carol@example.org>; dave@example.org")).toBeVisible();
    await expect(page.getByRole("heading", { name: "History" })).toBeVisible();
    await expect(page.getByText("Statement Posted")).toBeVisible();
  });

  test("the old Datatracker URLs lead to the statement, its history, its attachment and the feeds", async ({
    page,
    request,
  }) => {
    await page.goto(`/liaison/${ID}/`);
    await expect(page).toHaveURL(new RegExp(`/statements/${ID}$`));
    await page.goto(`/liaison/${ID}/history/`);
    await expect(page).toHaveURL(new RegExp(`/statements/${ID}#history$`));
    await expect(page.getByRole("heading", { name: "History" })).toBeInViewport();
    // The groups of a posted statement: their old feeds must list something.
    const acronym = new Map(GROUPS.map(([id, a]) => [id, a]));
    const posted = statements.find((s) => slug(s.state) === "posted" && (s.from_groups as string[]).length > 0)!;
    const from = acronym.get(Number(slug((posted.from_groups as string[])[0])));
    const to = acronym.get(Number(slug((posted.to_groups as string[])[0])));
    for (const feed of ["/feed/liaison/recent/", `/feed/liaison/from/${from}/`, `/feed/liaison/to/${to}/`]) {
      const response = await request.get(feed);
      expect(response.status(), feed).toBe(200);
      const text = await response.text();
      expect(text, feed).toContain("<feed");
      expect(text, feed).toContain("<entry>");
    }
    const link = fixture.archive["liaisons/liaisonstatementattachment"]!.find(
      (a) => a.statement === `/api/v1/liaisons/liaisonstatement/${ID}/` && a.removed === false,
    )!;
    const doc = fixture.archive["doc/document"]!.find((d) => d.resource_uri === link.document)!;
    const file = String(doc.uploaded_filename);
    for (const old of [`/lib/dt/documents/LIAISON/${file}`, `/documents/LIAISON/${file}`]) {
      const redirect = await request.get(old, { maxRedirects: 0 });
      expect(redirect.status(), old).toBe(301);
    }
    const response = await request.get(`/lib/dt/documents/LIAISON/${file}`);
    expect(response.status()).toBe(200);
    const body = await response.body();
    expect(body.toString()).toBe(fixture.files[file]);
    const sha = createHash("sha256").update(body).digest();
    expect(response.headers().digest).toBe(`sha-256=${sha.toString("base64")}`);
  });

  test("nothing imported sends mail: an empty outbox, also after the worker's next tick", async ({ page, mail }) => {
    // The worker ticks every MAIL_WORKER_INTERVAL_MS (1 s in this configuration); its first tick looks for
    // due reminders. Wait out a few ticks before looking.
    await page.waitForTimeout(3_000);
    await signInAsSecretariat(page);
    await page.goto("/outbox");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Outbox");
    for (const state of ["queued", "sending", "sent", "delivered to file", "failed"]) {
      await expect(page.getByRole("navigation", { name: "Filter by state" })).toContainText(`${state} (0)`);
    }
    await signOut(page);
    expect(await mail.list()).toEqual([]);
  });
});
