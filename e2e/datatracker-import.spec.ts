/**
 * Issue 17 in the browser: the fixture archive imported beside the running app (PostgreSQL only: on the
 * embedded database the importer refuses while the app holds it), then an imported statement's page with
 * its note, legacy fields and history, the old URLs, an attachment's bytes and hash, and no mail.
 * Run with E2E_DATABASE_URL='postgresql://…?schema=e2e_…'. Named to run last: it adds 220 statements to the database
 * the specs share, which would change what the others count.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { buildArchive, writeArchive, writeAttachments } from "../tests/support/datatracker-archive";
import { expect, test } from "./support/fixtures";

const DATABASE_URL = process.env.E2E_DATABASE_URL;
const root = mkdtempSync(path.join(tmpdir(), "e2e-dt-"));
const fixture = buildArchive();
// id 111 (i = 10): posted, with legacy technical and action-holder contacts.
const ID = 111;

test.describe("Datatracker import", () => {
  test.skip(!DATABASE_URL, "needs E2E_DATABASE_URL (PostgreSQL): the importer never opens the app's embedded database");

  test.beforeAll(async () => {
    test.setTimeout(240_000);
    writeArchive(path.join(root, "archive"), fixture.archive);
    writeAttachments(path.join(root, "files"), fixture.files);
    const run = spawnSync(
      process.execPath,
      [
        path.resolve("node_modules/tsx/dist/cli.mjs"),
        "--conditions=react-server",
        "scripts/import-datatracker.ts",
        "--source",
        path.join(root, "archive"),
        "--attachments",
        path.join(root, "files"),
      ],
      { encoding: "utf8", env: { ...process.env, DATABASE_URL, DATA_DIR: path.join(root, "data") }, timeout: 200_000 },
    );
    if (run.status !== 0) throw new Error(`import failed:\n${run.stdout}\n${run.stderr}`);
  });
  test.afterAll(() => rmSync(root, { recursive: true, force: true }));

  test("an imported statement shows where it came from, its legacy fields and its history", async ({ page }) => {
    await page.goto(`/statements/${ID}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Liaison statement ${ID} on topic 10`);
    await expect(page.getByText(`Imported from the IETF Datatracker (liaison ${ID})`)).toBeVisible();
    await expect(page.getByText("Legacy fields: Technical contacts")).toBeVisible();
    await expect(page.getByText("Carol Editor <carol@example.org>; dave@example.org")).toBeVisible();
    await expect(page.getByRole("heading", { name: "History" })).toBeVisible();
    await expect(page.getByText("Statement Posted")).toBeVisible();
  });

  test("the old Datatracker URLs lead to the statement and its attachment, with the same bytes", async ({
    page,
    request,
  }) => {
    await page.goto(`/liaison/${ID}/`);
    await expect(page).toHaveURL(new RegExp(`/statements/${ID}$`));
    const link = fixture.archive["liaisons/liaisonstatementattachment"]!.find(
      (a) => a.statement === `/api/v1/liaisons/liaisonstatement/${ID}/` && a.removed === false,
    )!;
    const doc = fixture.archive["doc/document"]!.find((d) => d.resource_uri === link.document)!;
    const file = String(doc.uploaded_filename);
    const redirect = await request.get(`/lib/dt/documents/LIAISON/${file}`, { maxRedirects: 0 });
    expect(redirect.status()).toBe(301);
    const response = await request.get(`/lib/dt/documents/LIAISON/${file}`);
    expect(response.status()).toBe(200);
    const body = await response.body();
    expect(body.toString()).toBe(fixture.files[file]);
    const sha = createHash("sha256").update(body).digest();
    expect(response.headers().digest).toBe(`sha-256=${sha.toString("base64")}`);
  });

  test("the import queued no mail at all", async () => {
    const url = new URL(DATABASE_URL!);
    const schema = url.searchParams.get("schema");
    url.searchParams.delete("schema");
    const client = new pg.Client({
      connectionString: url.toString(),
      ...(schema ? { options: `-c search_path="${schema}"` } : {}),
    });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT count(*)::int AS n FROM "Mail" m JOIN "Statement" s ON s.id = m."statementId" WHERE s."isImported"`,
      );
      expect(rows[0].n).toBe(0);
    } finally {
      await client.end();
    }
  });
});
