/**
 * Issue 8, item 6 — crash safety. A second production server (same build, its own data and SMTP sink) takes
 * concurrent submissions with multi-megabyte attachments and is killed with SIGKILL (its whole process
 * group) while some are in flight. Then, reading the database directly (not through the app):
 *  - every statement that exists is whole: exactly the attachments the client sent (count, names, SHA-256
 *    of the stored bytes), its events, its groups, its one approval-request mail — and nothing else was
 *    written by the run (no half-written statement, attachment, event or mail);
 *  - every submission the server had answered with success is there (durability of a commit);
 *  - no mail was delivered that the database does not hold (no mail for a rolled-back submission);
 * and after a restart on the same data the outbox resumes: every queued mail reaches the SMTP sink, each
 * Message-ID exactly once.
 * Runs on the embedded PGlite (a real DATA_DIR on disk) — or, when the run is on PostgreSQL
 * (E2E_DATABASE_URL, as in .ci/run), on a throwaway schema next to the one the other specs use.
 */
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { freePort, launchApp, type RunningApp, waitUntilReady } from "../scripts/bench/server";
import {
  formGroupIds,
  type HttpSession,
  quicToSg15Submission,
  saveStatementOverHttp,
  signInOverHttp,
} from "./support/app-http";
import { startMailSink } from "./support/mail-sink";

const ROOT = path.resolve(import.meta.dirname, "..");
/** concurrent clients submitting */
const CLIENTS = 6;
/** the server is killed as soon as this many submissions have been answered */
const KILL_AFTER_ANSWERS = 6;
/** src/server/mail/deliver.ts: a mail left in `sending` this long is claimed again (ADR 005) */
const STALE_SENDING_MS = 5 * 60_000;

interface Sent {
  title: string;
  files: { name: string; sha256: string; size: number }[];
  outcome: "pending" | "answered" | "error" | "cut";
  id?: number;
  detail?: string;
}

/** Plain SQL against the app's database while the app is down (PGlite) or alongside it (PostgreSQL). */
interface Sql {
  query<T>(text: string, params?: unknown[]): Promise<T[]>;
  /** PGlite: where the attachments' files are */
  attachmentsDir?: string;
  close(): Promise<void>;
}

/** SHA-256 and length of the bytes stored under `sha256`: a file under DATA_DIR/attachments, or PostgreSQL chunks. */
async function storedHash(db: Sql, sha256: string): Promise<{ actual: string | null; bytes: number }> {
  if (db.attachmentsDir) {
    const file = path.join(db.attachmentsDir, sha256.slice(0, 2), sha256);
    if (!existsSync(file)) return { actual: null, bytes: 0 };
    const bytes = readFileSync(file);
    return { actual: createHash("sha256").update(bytes).digest("hex"), bytes: bytes.byteLength };
  }
  const [row] = await db.query<{ actual: string | null; bytes: number | null }>(
    `SELECT encode(sha256(string_agg(data, ''::bytea ORDER BY seq)), 'hex') AS actual, sum(octet_length(data))::int AS bytes
       FROM "AttachmentChunk" WHERE sha256 = $1`,
    [sha256],
  );
  return { actual: row?.actual ?? null, bytes: Number(row?.bytes ?? 0) };
}

async function openSql(target: { pgliteDir: string } | { url: string; schema: string }): Promise<Sql> {
  if ("pgliteDir" in target) {
    // Opening the directory after SIGKILL is PGlite's crash recovery (WAL replay): the same code the
    // server runs when it starts on it again.
    const db = await PGlite.create(target.pgliteDir);
    return {
      attachmentsDir: path.join(path.dirname(target.pgliteDir), "attachments"),
      query: async <T>(text: string, params: unknown[] = []) => (await db.query<T>(text, params)).rows,
      close: () => db.close(),
    };
  }
  const client = new pg.Client({ connectionString: target.url, options: `-c search_path="${target.schema}"` });
  await client.connect();
  return {
    query: async <T>(text: string, params: unknown[] = []) => (await client.query(text, params)).rows as T[],
    close: () => client.end(),
  };
}

/** E2E_DATABASE_URL with `?schema=x` → the server URL without it, and a schema of our own. */
function postgresTarget(): { url: string; schema: string; appUrl: string } | null {
  const configured = process.env.E2E_DATABASE_URL;
  if (!configured) return null;
  const parsed = new URL(configured);
  const base = parsed.searchParams.get("schema") ?? "e2e";
  parsed.searchParams.delete("schema");
  const schema = `${base}_crash`.slice(0, 63);
  const appUrl = new URL(parsed);
  appUrl.searchParams.set("schema", schema);
  return { url: parsed.toString(), schema, appUrl: appUrl.toString() };
}

/** The content-addressed files of an embedded database's DATA_DIR (their names are SHA-256s). */
function storedFiles(dataDir: string): string[] {
  const root = path.join(dataDir, "attachments");
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((d) => /^[0-9a-f]{2}$/.test(d))
    .flatMap((d) => readdirSync(path.join(root, d)));
}

function groupGone(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return false;
  } catch {
    return true;
  }
}

test("SIGKILL in the middle of submissions with attachments: nothing half-written, the outbox resumes", async () => {
  test.setTimeout(180_000);
  const began = Date.now();
  const log = (message: string) => console.log(`[crash ${((Date.now() - began) / 1000).toFixed(1)}s] ${message}`);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "liaison-crash-"));
  const postgres = postgresTarget();
  const dropSchema = async () => {
    if (!postgres) return;
    const client = new pg.Client({ connectionString: postgres.url });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${postgres.schema}" CASCADE`);
    await client.end();
  };
  await dropSchema();
  const sink = await startMailSink();
  const port = await freePort();
  const env = {
    NODE_ENV: "production",
    PORT: String(port),
    APP_URL: `http://127.0.0.1:${port}`,
    DATA_DIR: dataDir,
    DATABASE_URL: postgres?.appUrl ?? "",
    SMTP_URL: `smtp://127.0.0.1:${sink.smtpPort}`,
    AUTH_SECRET: randomBytes(36).toString("base64url"),
    // The e2e run built the app already (global setup); this is a second server on the same build.
    SKIP_BUILD: "1",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const start = async (round: number) => {
    const app = launchApp({ root: ROOT, port, env, logFile: path.join(dataDir, `app-${round}.log`), log: () => {} });
    await waitUntilReady(app, 90_000);
    return app;
  };
  const sql = () => openSql(postgres ? postgres : { pgliteDir: path.join(dataDir, "pglite") });
  let app: RunningApp | null = null;

  try {
    app = await start(1);
    log(`server up on ${postgres ? `PostgreSQL schema ${postgres.schema}` : `PGlite ${dataDir}`}`);
    const since = new Date();
    const storedBeforeRun = new Set(postgres ? [] : storedFiles(dataDir));
    const chair: HttpSession = await signInOverHttp(app.baseUrl, "chair@example.org");
    const groups = await formGroupIds(chair);
    const quic = groups.from.get("quic");
    const sg15 = groups.to.get("itu-t-sg15");
    expect(quic && sg15, "the QUIC chair's form offers quic → itu-t-sg15").toBeTruthy();

    // ---- phase 1: concurrent submissions, each with two 1–3 MB attachments; SIGKILL mid-flight ----
    const run = randomBytes(4).toString("hex");
    const sent: Sent[] = [];
    let answered = 0;
    let killed = false;
    let killedWhileInFlight = 0;
    const victim = app;
    const kill = () => {
      if (killed) return;
      killed = true;
      killedWhileInFlight = sent.filter((s) => s.outcome === "pending").length;
      process.kill(-victim.pid, "SIGKILL");
      log(`SIGKILL after ${answered} answers, ${killedWhileInFlight} submissions in flight`);
    };
    const client = async () => {
      while (!killed) {
        const n = sent.length + 1;
        const files = [1, 2].map((k) => {
          const content = randomBytes(1_000_000 + Math.floor(Math.random() * 2_000_000));
          return { name: `crash-${n}-${k}.pdf`, content, sha256: createHash("sha256").update(content).digest("hex") };
        });
        const entry: Sent = {
          title: `crash-${run}-${n}`,
          files: files.map((f) => ({ name: f.name, sha256: f.sha256, size: f.content.byteLength })),
          outcome: "pending",
        };
        sent.push(entry);
        try {
          const answer = await saveStatementOverHttp(
            chair,
            quicToSg15Submission({ quic, sg15 }, entry.title, `Crash-safety submission ${n}.`),
            files,
          );
          if (answer.status === "success" && answer.id) {
            entry.outcome = "answered";
            entry.id = answer.id;
          } else {
            entry.outcome = "error";
            entry.detail = JSON.stringify(answer);
          }
          answered++;
          if (answered >= KILL_AFTER_ANSWERS) kill();
        } catch (error) {
          entry.outcome = "cut";
          entry.detail = (error as Error).message;
        }
      }
    };
    const watchdog = setTimeout(kill, 40_000);
    await Promise.all(Array.from({ length: CLIENTS }, client));
    clearTimeout(watchdog);
    const deadline = Date.now() + 10_000;
    while (!groupGone(app.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(groupGone(app.pid), "every process of the server is gone").toBe(true);
    await app.stop();
    app = null;
    expect(
      sent.filter((s) => s.outcome === "error").map((s) => s.detail),
      "no submission was refused",
    ).toEqual([]);
    expect(killedWhileInFlight, "the kill caught submissions in flight").toBeGreaterThan(0);
    const cut = sent.filter((s) => s.outcome === "cut");
    log(`${sent.length} submissions: ${answered} answered, ${cut.length} cut by the kill`);

    // ---- the database as the crash left it ----
    const statementIdsAtCrash = new Map<string, number>();
    let stuckSending = new Set<string>();
    let mailAtCrash: { messageId: string; state: string }[] = [];
    {
      const db = await sql();
      try {
        const rows = await db.query<{ id: number; title: string; state: string; direction: string }>(
          `SELECT id, title, state::text, direction::text FROM "Statement" WHERE title LIKE $1 ORDER BY id`,
          [`crash-${run}-%`],
        );
        const byTitle = new Map(sent.map((s) => [s.title, s]));
        expect(
          rows.map((r) => r.title).filter((t) => !byTitle.has(t)),
          "no statement the client did not send",
        ).toEqual([]);
        expect(new Set(rows.map((r) => r.title)).size, "each submission stored at most once").toBe(rows.length);
        for (const row of rows) statementIdsAtCrash.set(row.title, row.id);

        // Durability: everything answered with success was committed.
        for (const s of sent.filter((x) => x.outcome === "answered")) {
          expect(statementIdsAtCrash.get(s.title), `answered submission ${s.title} is stored under its id`).toBe(s.id);
        }

        for (const row of rows) {
          const expected = byTitle.get(row.title)!;
          expect([row.direction, row.state], `${row.title}: an outgoing statement awaiting approval`).toEqual([
            "outgoing",
            "pending",
          ]);
          // The stored bytes themselves (ADR 012: content-addressed files on PGlite, chunks in PostgreSQL),
          // hashed here, not trusted from the recorded hash.
          const rows = await db.query<{ filename: string; size: number; sha256: string }>(
            `SELECT filename, size, sha256 FROM "Attachment" WHERE "statementId" = $1 AND "removedAt" IS NULL ORDER BY filename`,
            [row.id],
          );
          const attachments = [];
          for (const a of rows) attachments.push({ ...a, ...(await storedHash(db, a.sha256)) });
          expect(
            attachments.map((a) => ({ name: a.filename, sha256: a.actual, size: a.bytes })),
            `${row.title}: exactly the attachments sent, byte for byte`,
          ).toEqual([...expected.files].sort((a, b) => a.name.localeCompare(b.name)));
          for (const a of attachments)
            expect([a.sha256, a.size], `${row.title}: recorded hash and size`).toEqual([a.actual, a.bytes]);

          const events = await db.query<{ type: string; n: number }>(
            `SELECT type::text, count(*)::int AS n FROM "StatementEvent" WHERE "statementId" = $1 GROUP BY type ORDER BY type`,
            [row.id],
          );
          expect(events, `${row.title}: its events`).toEqual([
            { type: "attachment_added", n: 2 },
            { type: "created", n: 1 },
            { type: "submitted", n: 1 },
          ]);
          const sides = await db.query<{ side: string; groupId: number }>(
            `SELECT side::text, "groupId" FROM "StatementGroup" WHERE "statementId" = $1 ORDER BY side`,
            [row.id],
          );
          expect(sides, `${row.title}: its groups`).toEqual([
            { side: "from", groupId: quic },
            { side: "to", groupId: sg15 },
          ]);
          const mails = await db.query<{ kind: string }>(`SELECT kind::text FROM "Mail" WHERE "statementId" = $1`, [
            row.id,
          ]);
          expect(mails, `${row.title}: one approval request`).toEqual([{ kind: "approval_request" }]);
        }

        // Nothing else written by the run: no statement, attachment, event or mail outside those statements.
        const ids = [...statementIdsAtCrash.values()];
        const strays = await db.query<{ what: string; n: number }>(
          `SELECT 'statement' AS what, count(*)::int AS n FROM "Statement" WHERE "createdAt" >= $1 AND NOT (id = ANY($2::int[]))
           UNION ALL SELECT 'attachment', count(*)::int FROM "Attachment" WHERE "createdAt" >= $1 AND NOT ("statementId" = ANY($2::int[]))
           UNION ALL SELECT 'attachment without statement', count(*)::int FROM "Attachment" a WHERE NOT EXISTS (SELECT 1 FROM "Statement" s WHERE s.id = a."statementId")
           UNION ALL SELECT 'event', count(*)::int FROM "StatementEvent" WHERE "createdAt" >= $1 AND NOT ("statementId" = ANY($2::int[]))
           UNION ALL SELECT 'approval request', count(*)::int FROM "Mail" WHERE "createdAt" >= $1 AND kind = 'approval_request' AND NOT (coalesce("statementId", 0) = ANY($2::int[]))`,
          [since, ids],
        );
        expect(
          strays.filter((s) => s.n > 0),
          "no stray rows",
        ).toEqual([]);

        mailAtCrash = await db.query<{ messageId: string; state: string }>(
          `SELECT "messageId", state::text FROM "Mail" ORDER BY id`,
        );
        stuckSending = new Set(mailAtCrash.filter((m) => m.state === "sending").map((m) => m.messageId));
        if (postgres) {
          // On PostgreSQL a mail claimed by the killed worker stays `sending` until its claim goes stale
          // (5 minutes, ADR 005: another worker might still be sending it), then any worker takes it again.
          // Rather than wait, move those claims back in time. (On PGlite the restarted app releases them itself:
          // nobody else can have the database open. That is part of what this test checks.)
          await db.query(`UPDATE "Mail" SET "lockedAt" = "lockedAt" - $1::interval WHERE state = 'sending'`, [
            `${STALE_SENDING_MS / 1000} seconds`,
          ]);
        }
      } finally {
        await db.close();
      }
    }
    const counts = (state: string) => mailAtCrash.filter((m) => m.state === state).length;
    log(
      `${statementIdsAtCrash.size} statements stored whole; outbox at the crash: ${counts("sent")} sent, ` +
        `${counts("queued")} queued, ${counts("sending")} claimed by the dead worker`,
    );
    const known = new Set(mailAtCrash.map((m) => m.messageId));
    const beforeRestart = sink.messages();
    expect(
      beforeRestart.map((m) => m.messageId).filter((id) => !id || !known.has(id)),
      "no mail went out that the database does not hold",
    ).toEqual([]);
    const received = new Set(beforeRestart.map((m) => m.messageId));
    expect(
      mailAtCrash.filter((m) => m.state === "sent" && !received.has(m.messageId)).map((m) => m.messageId),
      "mail marked sent was received",
    ).toEqual([]);

    // ---- phase 2: restart on the same data; the outbox resumes ----
    app = await start(2);
    log("server restarted on the same data");
    if (!postgres) {
      // The restart swept what the kill left: no temporary file of an interrupted upload, and no stored
      // file that no attachment names (bytes of a submission whose transaction never committed).
      const attachmentsDir = path.join(dataDir, "attachments");
      expect(readdirSync(path.join(attachmentsDir, "tmp")), "temporary upload files after the restart").toEqual([]);
      const stored = storedFiles(dataDir).filter((sha) => !storedBeforeRun.has(sha));
      const named = new Set(
        [...statementIdsAtCrash.keys()].flatMap((title) =>
          sent.find((x) => x.title === title)!.files.map((f) => f.sha256),
        ),
      );
      expect(
        stored.filter((sha) => !named.has(sha)),
        "stored files the run left that no surviving submission names",
      ).toEqual([]);
    }
    const expectedIds = mailAtCrash.map((m) => m.messageId);
    const drained = Date.now() + 30_000;
    let missing = expectedIds;
    while (Date.now() < drained) {
      const got = new Set(sink.messages().map((m) => m.messageId));
      missing = expectedIds.filter((id) => !got.has(id));
      if (missing.length === 0) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(missing, "every mail of the outbox was delivered after the restart").toEqual([]);

    // The restarted server serves what survived: one stored attachment, downloaded, is the bytes sent.
    const survivor = sent.find((s) => statementIdsAtCrash.has(s.title))!;
    const page = await fetch(`${app.baseUrl}/statements/${statementIdsAtCrash.get(survivor.title)}`, {
      headers: { cookie: chair.cookie },
    });
    const html = await page.text();
    expect(page.status).toBe(200);
    const link = /href="(\/statements\/\d+\/attachments\/\d+)"/.exec(html)?.[1];
    expect(link, "the statement page links its attachments").toBeTruthy();
    const download = await fetch(`${app.baseUrl}${link}`, { headers: { cookie: chair.cookie } });
    const bytes = new Uint8Array(await download.arrayBuffer());
    expect(survivor.files.map((f) => f.sha256)).toContain(createHash("sha256").update(bytes).digest("hex"));

    // Stop cleanly (PGlite is single-process), then compare the whole outbox with what the sink received.
    await app.stop();
    app = null;
    const db = await sql();
    try {
      const finalMail = await db.query<{ messageId: string; state: string }>(
        `SELECT "messageId", state::text FROM "Mail" ORDER BY id`,
      );
      expect(
        finalMail.filter((m) => m.state !== "sent"),
        "the outbox is drained",
      ).toEqual([]);
      const times = new Map<string, number>();
      for (const m of sink.messages())
        times.set(m.messageId ?? "(none)", (times.get(m.messageId ?? "(none)") ?? 0) + 1);
      const inDb = new Set(finalMail.map((m) => m.messageId));
      expect(
        [...times.keys()].filter((id) => !inDb.has(id)),
        "every mail received is in the outbox",
      ).toEqual([]);
      // Exactly once — except a mail the dead worker may have handed to SMTP before it could record that:
      // the documented at-least-once window (ADR 005), which its stable Message-ID lets receivers collapse.
      const repeated = [...times].filter(([id, n]) => n > (stuckSending.has(id) ? 2 : 1));
      expect(repeated, "each mail delivered exactly once").toEqual([]);
      const twice = [...times].filter(([, n]) => n === 2).length;
      log(
        `after the restart: ${finalMail.length} mails sent, ${sink.messages().length} received ` +
          `(${twice} twice, from the ${stuckSending.size} claimed at the crash)`,
      );
    } finally {
      await db.close();
    }
  } finally {
    if (app) await app.stop();
    await sink.close();
    await dropSchema();
    if (process.env.E2E_KEEP_DATA === "1") log(`kept ${dataDir}`);
    else rmSync(dataDir, { recursive: true, force: true });
  }
});
