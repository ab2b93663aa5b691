/**
 * Issue 18: `npm run ingest` as an MTA pipe runs it — a file or standard input, the draft's URL on standard
 * output and exit 0, a named problem and a non-zero exit otherwise. With nothing holding the database it
 * ingests directly (embedded or PostgreSQL); while the app holds the embedded database it hands the message
 * to the app's endpoint and never opens the database.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "@/server/db/connection";
import { migrate } from "@/server/db/migrate";
import { startHandoffEndpoint } from "@/server/inbound/handoff";
import { seedDemo } from "@/server/seed/seed-demo";
import { setupDemoWorld } from "../support/demo-world";
import { buildEml } from "../support/inbound-mail";
import { testEngine } from "../support/test-database";

const root = mkdtempSync(path.join(tmpdir(), "ingest-cli-"));
const schema = `ingest_cli_${process.pid}_${randomBytes(4).toString("hex")}`;
const databaseUrl = (() => {
  if (!process.env.TEST_DATABASE_URL) return "";
  const url = new URL(process.env.TEST_DATABASE_URL);
  url.searchParams.set("schema", schema);
  return url.toString();
})();
const directDir = path.join(root, "direct");

/** Runs the CLI without blocking this process (the hand-off tests' endpoint answers from here). */
async function ingest(
  dataDir: string,
  args: string[],
  input?: Buffer,
  url = databaseUrl,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(
    process.execPath,
    [path.resolve("node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "scripts/ingest.ts", ...args],
    {
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        DATABASE_URL: url,
        APP_URL: "https://liaison.example.org",
        LOG_LEVEL: "silent",
      },
    },
  );
  let stdout = "";
  let stderr = "";
  let printedAt = 0;
  child.stdout.on("data", (d) => {
    stdout += d;
    printedAt ||= Date.now();
  });
  child.stderr.on("data", (d) => (stderr += d));
  child.stdin.end(input ?? Buffer.alloc(0));
  const { status, lingeredMs } = await new Promise<{ status: number | null; lingeredMs: number }>((resolve) =>
    child.on("close", (status) => resolve({ status, lingeredMs: printedAt ? Date.now() - printedAt : 0 })),
  );
  // A command must end once it has answered: the upload thread once kept it alive for a minute after the URL was
  // printed (PostgreSQL: its store's own connections, until the thread's idle timer). 30 s is far above any exit.
  expect(lingeredMs, "the command lingered after printing its answer").toBeLessThan(30_000);
  return { status, stdout: stdout.trim(), stderr };
}

const directTarget = () =>
  databaseUrl
    ? ({ kind: "postgres", url: databaseUrl } as const)
    : ({ kind: "pglite", dir: path.join(directDir, "pglite") } as const);

async function withDirect<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase(directTarget());
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

beforeAll(async () => {
  await withDirect(async (db) => {
    await migrate(db.sql);
    await seedDemo(db);
  });
}, 240_000);

afterAll(async () => {
  if (databaseUrl)
    await withDirect((db) =>
      db.sql.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE; DROP SCHEMA IF EXISTS "${schema}_never" CASCADE`),
    );
  rmSync(root, { recursive: true, force: true });
});

describe(`npm run ingest, directly (${testEngine})`, () => {
  it("a file: prints the draft's URL; the same file again prints the same URL and says so; standard input works too", async () => {
    const file = path.join(root, "ls.eml");
    writeFileSync(
      file,
      await buildEml({ subject: "LS on CLI ingestion (S2-2415151)", messageId: "<cli-1@3gpp.example.org>" }),
    );
    const first = await ingest(directDir, ["--", file]);
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^https:\/\/liaison\.example\.org\/statements\/\d+$/);
    const again = await ingest(directDir, [file]);
    expect([again.status, again.stdout]).toEqual([0, first.stdout]);
    expect(again.stderr).toMatch(/Already received \(the same Message-ID\)/);
    const piped = await ingest(
      directDir,
      [],
      await buildEml({ subject: "LS on standard input", messageId: "<cli-2@3gpp.example.org>" }),
    );
    expect(piped.status).toBe(0);
    const id = Number(piped.stdout.split("/").pop());
    const st = await withDirect((db) =>
      db.prisma.statement.findUniqueOrThrow({ where: { id }, include: { inboundMail: true } }),
    );
    expect([st.title, st.state, st.inboundMail?.channel]).toEqual(["LS on standard input", "draft", "command"]);
  }, 240_000);

  it("names what is wrong and exits non-zero: not a mail (65), no such file (64)", async () => {
    const junk = path.join(root, "junk.pdf");
    writeFileSync(junk, "%PDF-1.4 not a mail");
    const bad = await ingest(directDir, [junk]);
    expect(bad.status).toBe(65);
    expect(bad.stderr).toMatch(/not an e-mail message/);
    expect(bad.stdout).toBe("");
    const missing = await ingest(directDir, [path.join(root, "nope.eml")]);
    expect(missing.status).toBe(64);
    expect(missing.stderr).toMatch(/No such file/);
  }, 240_000);

  it("refuses what is not a mail before it opens (or creates) any database", async () => {
    // An MTA pipe may deliver anything: an empty message or one without mail headers is named and refused at once.
    // On a data directory with no database yet, nothing may be created (on PostgreSQL: no schema migrated).
    const fresh = path.join(root, "never-opened");
    const freshSchema = `${schema}_never`;
    const freshUrl = databaseUrl ? databaseUrl.replace(`schema=${schema}`, `schema=${freshSchema}`) : "";
    const junk = await ingest(fresh, [], Buffer.from("%PDF-1.4 not a mail"), freshUrl);
    expect([junk.status, junk.stderr]).toEqual([65, expect.stringMatching(/not an e-mail message/)]);
    const empty = await ingest(fresh, [], Buffer.alloc(0), freshUrl);
    expect([empty.status, empty.stderr]).toEqual([65, expect.stringMatching(/The message is empty/)]);
    expect(existsSync(path.join(fresh, "pglite")), "an embedded database was created").toBe(false);
    if (databaseUrl) {
      const found = await withDirect((db) =>
        db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_namespace WHERE nspname = '${freshSchema}'`),
      );
      expect(found[0]?.n, "a PostgreSQL schema was created").toBe(0);
    }
  }, 240_000);
});

describe.skipIf(!!databaseUrl)("npm run ingest while the app holds the embedded database (hand-off)", () => {
  // The "app": this test process, with its own database and the hand-off endpoint; the CLI's data directory
  // has a held PGlite directory (its lock names a live process: this one, ADR 045) it must never open.
  const world = setupDemoWorld();
  const appDir = path.join(root, "app");
  let stop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    mkdirSync(path.join(appDir, "pglite"), { recursive: true });
    writeFileSync(path.join(appDir, "pglite.lock"), `${process.pid}\n`);
  });
  afterAll(async () => stop?.());

  it("with no endpoint yet it exits 75 (try again) and stores nothing", async () => {
    const result = await ingest(appDir, [], await buildEml({ subject: "too early" }));
    expect(result.status).toBe(75);
    expect(result.stderr).toMatch(/hand-off endpoint .* is not there yet/);
  }, 240_000);

  it("hands the message to the running app, which makes the draft; a duplicate gives the same URL", async () => {
    stop = await startHandoffEndpoint(path.join(appDir, "inbound-handoff.json"));
    const raw = await buildEml({ subject: "LS handed over", messageId: "<handoff-1@3gpp.example.org>" });
    const result = await ingest(appDir, [], raw);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const id = Number(/statements\/(\d+)$/.exec(result.stdout)?.[1]);
    const st = await world().prisma.statement.findUniqueOrThrow({ where: { id }, include: { inboundMail: true } });
    expect([st.title, st.inboundMail?.messageId]).toEqual(["LS handed over", "handoff-1@3gpp.example.org"]);
    const again = await ingest(appDir, [], raw);
    expect([again.status, again.stdout]).toEqual([0, result.stdout]);
    const bad = await ingest(appDir, [], Buffer.from("not a message at all"));
    expect([bad.status, bad.stderr]).toEqual([65, expect.stringMatching(/not an e-mail message/)]);
  }, 240_000);

  it("a wrong secret is refused before the message is read", async () => {
    const response = await fetch(
      JSON.parse((await import("node:fs")).readFileSync(path.join(appDir, "inbound-handoff.json"), "utf8")).url,
      {
        method: "POST",
        headers: { authorization: "Bearer guessed" },
        body: new Uint8Array(await buildEml({ subject: "forged hand-off" })),
      },
    );
    expect(response.status).toBe(401);
    expect(await world().prisma.statement.count({ where: { title: "forged hand-off" } })).toBe(0);
  });
});
