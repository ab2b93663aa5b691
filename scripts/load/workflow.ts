/**
 * npm run bench:workflow — issue 8, item 7 ("Load"): many signed-in people submitting and approving at once
 * against the production build on PostgreSQL, then an audit of the mail. Figures: docs/reliability.md.
 *
 *  Environment: LOAD_DATABASE_URL, LOAD_SCHEMA, LOAD_SMTP_POOL=1 (pooled SMTP connections), SKIP_BUILD=1.
 *  1. a throwaway schema load_<random> (or $LOAD_SCHEMA) on $LOAD_DATABASE_URL (default
 *     postgresql://postgres@127.0.0.1:5432/test), migrated and demo-seeded by the server's own start script;
 *  2. an SMTP sink (e2e/support/mail-sink.ts) and the production server (scripts/start.mjs via
 *     scripts/bench/server.ts: builds first when the sources changed, unless SKIP_BUILD=1) with SMTP_URL
 *     pointing at it, so the app's in-process worker delivers the outbox for real;
 *  3. --users virtual users (default 50), each with its own session (signed in through next-auth), closed
 *     loop without think time for --duration seconds (default 60):
 *       - WG chairs (QUIC chair account): POST /statements/save with intent=submit and one attachment —
 *         the statement form's upload endpoint, same wrapper and use-case as the server action;
 *       - ADs (the wit AD account, --approvers of the users, default 20): GET /approvals, then the approve
 *         server action (POST with Next-Action, its id read from this build's manifest) on a statement a
 *         chair submitted (each statement is handed to exactly one approver);
 *  4. waits for the outbox to drain, then checks in the database and at the sink: every statement the
 *     clients were told about exists in the right state; each posted one has exactly one distribution mail,
 *     each has exactly one approval-request mail; every Mail row is `sent` and the sink received each
 *     Message-ID exactly once, and nothing else;
 *  5. prints a Markdown report (and writes bench-results/<timestamp>-workflow.json). Exits 1 on any error.
 * The schema, the server and the temp dir are removed at the end (also on failure or Ctrl-C).
 */
import { randomBytes } from "node:crypto";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import {
  callFormAction,
  formGroupIds,
  type HttpSession,
  quicToSg15Submission,
  saveStatementOverHttp,
  serverActionId,
  signInOverHttp,
} from "../../e2e/support/app-http";
import { startMailSink } from "../../e2e/support/mail-sink";
import { type LatencySummary, summarize } from "../bench/load";
import { freePort, launchApp, productionEnv, type RunningApp, waitUntilReady } from "../bench/server";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const log = (message: string) => console.log(`[load] ${message}`);

function options(argv: string[]) {
  const flags = new Map<string, string>();
  for (const arg of argv) {
    const match = /^--([a-z-]+)=(\d+)$/.exec(arg);
    if (!match?.[1] || !match[2])
      throw new Error(`Unknown argument ${arg}: use --users=N --approvers=N --duration=S --attachment-kb=N`);
    flags.set(match[1], match[2]);
  }
  const get = (key: string, fallback: number) => Number(flags.get(key) ?? fallback);
  const result = {
    users: get("users", 50),
    approvers: get("approvers", 20),
    durationS: get("duration", 60),
    attachmentKb: get("attachment-kb", 100),
  };
  if (result.approvers >= result.users || result.approvers < 1)
    throw new Error("--approvers must be between 1 and --users - 1");
  return result;
}

type Operation = "submit" | "approval queue" | "approve";

interface Sample {
  op: Operation;
  ms: number;
  ok: boolean;
  detail?: string;
}

const cleanups: (() => Promise<void> | void)[] = [];
async function cleanup() {
  for (const step of cleanups.splice(0).reverse()) {
    try {
      await step();
    } catch (error) {
      console.error(`[load] cleanup failed: ${(error as Error).message}`);
    }
  }
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    log(`${signal}: cleaning up`);
    void cleanup().finally(() => process.exit(130));
  });
}

async function main() {
  const opts = options(process.argv.slice(2));
  const serverUrl = process.env.LOAD_DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/test";
  const schema = process.env.LOAD_SCHEMA || `load_${randomBytes(4).toString("hex")}`;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`Bad schema name ${schema}`);
  const appDbUrl = new URL(serverUrl);
  if (!["127.0.0.1", "localhost"].includes(appDbUrl.hostname))
    throw new Error("LOAD_DATABASE_URL must be a local server");
  appDbUrl.searchParams.set("schema", schema);

  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  cleanups.push(async () => {
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  });
  const tmp = mkdtempSync(path.join(os.tmpdir(), "liaison-load-"));
  cleanups.push(() => rmSync(tmp, { recursive: true, force: true }));

  const sink = await startMailSink();
  cleanups.push(() => sink.close());
  const port = await freePort();
  log(`PostgreSQL schema ${schema}; SMTP sink on ${sink.smtpPort}; starting the production server on ${port} ...`);
  const app: RunningApp = launchApp({
    root: ROOT,
    port,
    logFile: path.join(tmp, "app.log"),
    log,
    env: productionEnv({
      port,
      dataDir: tmp,
      databaseUrl: appDbUrl.toString(),
      // LOAD_SMTP_POOL=1: nodemailer keeps SMTP connections open (SMTP_URL ?pool=true) instead of one per mail
      smtpUrl: `smtp://127.0.0.1:${sink.smtpPort}${process.env.LOAD_SMTP_POOL === "1" ? "?pool=true" : ""}`,
      seedDemo: true,
    }),
  });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  cleanups.push(() => {
    mkdirSync(path.join(ROOT, "bench-results"), { recursive: true });
    copyFileSync(path.join(tmp, "app.log"), path.join(ROOT, "bench-results", `${stamp}-workflow.server.log`));
  });
  cleanups.push(() => app.stop());
  await waitUntilReady(app, 15 * 60_000);
  const base = app.baseUrl;
  const db = new pg.Client({ connectionString: serverUrl, options: `-c search_path="${schema}"` });
  await db.connect();
  cleanups.push(() => db.end());

  // Sessions: one per virtual user (several per account), signed in before the clock starts.
  const chairs = opts.users - opts.approvers;
  const signInStarted = performance.now();
  const sessions: HttpSession[] = [];
  for (let i = 0; i < opts.users; i += 5) {
    const batch = Array.from({ length: Math.min(5, opts.users - i) }, (_, k) =>
      signInOverHttp(base, i + k < chairs ? "chair@example.org" : "ad@example.org"),
    );
    sessions.push(...(await Promise.all(batch)));
  }
  log(
    `${opts.users} sessions signed in (${chairs} as the QUIC chair, ${opts.approvers} as the wit AD) in ${((performance.now() - signInStarted) / 1000).toFixed(1)} s`,
  );
  const groups = await formGroupIds(sessions[0]!);
  const quic = groups.from.get("quic");
  const sg15 = groups.to.get("itu-t-sg15");
  if (!quic || !sg15) throw new Error("The QUIC chair's form does not offer quic → itu-t-sg15");
  const approveId = serverActionId(ROOT, "src/actions/statements.ts", "approveAction");
  const [{ n: mailBefore }] = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Mail"`)).rows as [
    { n: number },
  ];

  // The run ---------------------------------------------------------------------------------------------------
  const run = randomBytes(3).toString("hex");
  const samples: Sample[] = [];
  const submitted: number[] = [];
  const approved = new Set<number>();
  const toApprove: number[] = [];
  let sequence = 0;
  const attachment = randomBytes(opts.attachmentKb * 1024);
  const started = performance.now();
  const stopAt = started + opts.durationS * 1000;
  const timed = async <T>(op: Operation, fn: () => Promise<T>, ok: (value: T) => string | null): Promise<T | null> => {
    const begin = performance.now();
    try {
      const value = await fn();
      const problem = ok(value);
      samples.push({ op, ms: performance.now() - begin, ok: problem === null, detail: problem ?? undefined });
      return problem === null ? value : null;
    } catch (error) {
      samples.push({ op, ms: performance.now() - begin, ok: false, detail: (error as Error).message });
      return null;
    }
  };

  const chair = async (session: HttpSession) => {
    while (performance.now() < stopAt) {
      const n = ++sequence;
      const answer = await timed(
        "submit",
        () =>
          saveStatementOverHttp(
            session,
            quicToSg15Submission({ quic, sg15 }, `load-${run}-${n}`, `Workflow load statement ${n}.`),
            [{ name: `load-${n}.pdf`, content: attachment }],
          ),
        (a) =>
          a.httpStatus === 200 && a.status === "success" && a.id ? null : `HTTP ${a.httpStatus} ${JSON.stringify(a)}`,
      );
      if (answer?.id) {
        submitted.push(answer.id);
        toApprove.push(answer.id);
      }
    }
  };
  const approver = async (session: HttpSession) => {
    while (performance.now() < stopAt) {
      const page = await timed(
        "approval queue",
        async () => {
          const response = await fetch(`${base}/approvals`, { headers: { cookie: session.cookie } });
          await response.arrayBuffer();
          return response.status;
        },
        (status) => (status === 200 ? null : `HTTP ${status}`),
      );
      if (page === null) continue;
      let id = toApprove.shift();
      while (id === undefined && performance.now() < stopAt) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        id = toApprove.shift();
      }
      if (id === undefined) break;
      const target = id;
      // Approve carries the version the AD's page showed (issue 13, item 2); read here as the page reads it.
      const seen = (await db.query<{ version: number }>(`SELECT version FROM "Statement" WHERE id = $1`, [target]))
        .rows[0]?.version;
      const result = await timed(
        "approve",
        () =>
          callFormAction(session, `/statements/${target}`, approveId, { id: String(target), version: String(seen) }),
        (a) =>
          a.httpStatus === 200 && a.redirect === `/statements/${target}`
            ? null
            : `HTTP ${a.httpStatus} redirect ${a.redirect} ${JSON.stringify(a.state)}`,
      );
      if (result) approved.add(target);
    }
  };
  log(`running ${opts.users} virtual users for ${opts.durationS} s ...`);
  const progress = setInterval(() => {
    void db
      .query<{ n: number }>(`SELECT count(*)::int AS n FROM "Mail" WHERE state = 'sent'`)
      .then(({ rows }) =>
        log(
          `  ${Math.round((performance.now() - started) / 1000)} s: ${submitted.length} submitted, ${approved.size} approved, ` +
            `${samples.filter((s) => !s.ok).length} errors; ${rows[0]?.n} mails sent`,
        ),
      );
  }, 10_000);
  await Promise.all(sessions.map((session, i) => (i < chairs ? chair(session) : approver(session))));
  clearInterval(progress);
  const elapsedS = (performance.now() - started) / 1000;
  log(`done after ${elapsedS.toFixed(1)} s (the last requests finished after the ${opts.durationS} s window)`);

  // The outbox drains ------------------------------------------------------------------------------------------
  const drainStarted = performance.now();
  let open = Number.POSITIVE_INFINITY;
  let drainReported = drainStarted;
  while (performance.now() - drainStarted < 600_000) {
    open = (
      (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Mail" WHERE state <> 'sent'`)).rows[0] as {
        n: number;
      }
    ).n;
    if (open === 0) break;
    if (performance.now() - drainReported > 10_000) {
      drainReported = performance.now();
      const states = await db.query<{ state: string; n: number; error: string | null }>(
        `SELECT state::text, count(*)::int AS n, max("lastError") AS error FROM "Mail" GROUP BY state ORDER BY state`,
      );
      log(
        `  outbox: ${states.rows.map((r) => `${r.n} ${r.state}${r.error ? ` (last error: ${r.error})` : ""}`).join(", ")}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const drainS = (performance.now() - drainStarted) / 1000;
  log(`outbox ${open === 0 ? "drained" : `NOT drained (${open} left)`} ${drainS.toFixed(1)} s after the last request`);
  await new Promise((resolve) => setTimeout(resolve, 1_000)); // the sink parses what the last SMTP session sent

  // The audit -------------------------------------------------------------------------------------------------
  const problems: string[] = [];
  const statements = (
    await db.query<{ id: number; state: string; distribution: number; approval: number; other: number }>(
      `SELECT s.id, s.state::text,
              count(m.id) FILTER (WHERE m.kind = 'distribution')::int AS distribution,
              count(m.id) FILTER (WHERE m.kind = 'approval_request')::int AS approval,
              count(m.id) FILTER (WHERE m.kind NOT IN ('distribution', 'approval_request'))::int AS other
         FROM "Statement" s LEFT JOIN "Mail" m ON m."statementId" = s.id
        WHERE s.title LIKE $1 GROUP BY s.id ORDER BY s.id`,
      [`load-${run}-%`],
    )
  ).rows;
  const byId = new Map(statements.map((s) => [s.id, s]));
  if (statements.length !== submitted.length)
    problems.push(`${statements.length} statements stored, ${submitted.length} answered`);
  for (const id of submitted) {
    const row = byId.get(id);
    const expectedState = approved.has(id) ? "posted" : "pending";
    if (!row) problems.push(`statement ${id} answered but not stored`);
    else {
      if (row.state !== expectedState) problems.push(`statement ${id} is ${row.state}, expected ${expectedState}`);
      if (row.approval !== 1) problems.push(`statement ${id} has ${row.approval} approval-request mails`);
      if (row.distribution !== (expectedState === "posted" ? 1 : 0))
        problems.push(`statement ${id} has ${row.distribution} distribution mails`);
      if (row.other !== 0) problems.push(`statement ${id} has ${row.other} other mails`);
    }
  }
  const mails = (await db.query<{ messageId: string; state: string }>(`SELECT "messageId", state::text FROM "Mail"`))
    .rows;
  const received = new Map<string, number>();
  for (const m of sink.messages())
    received.set(m.messageId ?? "(none)", (received.get(m.messageId ?? "(none)") ?? 0) + 1);
  const inDb = new Set(mails.map((m) => m.messageId));
  const notSent = mails.filter((m) => m.state !== "sent").length;
  const lost = mails.filter((m) => !received.has(m.messageId)).length;
  const duplicated = [...received.values()].filter((n) => n > 1).length;
  const unknown = [...received.keys()].filter((id) => !inDb.has(id)).length;
  if (notSent) problems.push(`${notSent} mails not sent`);
  if (lost) problems.push(`${lost} mails never reached the SMTP sink`);
  if (duplicated) problems.push(`${duplicated} Message-IDs received more than once`);
  if (unknown) problems.push(`${unknown} mails received that the outbox does not hold`);

  // The report ------------------------------------------------------------------------------------------------
  const ops: Operation[] = ["submit", "approval queue", "approve"];
  const fmt = (ms: number) => (Number.isFinite(ms) ? Math.round(ms).toLocaleString("en-US") : "–");
  const perOp = ops.map((op) => {
    const mine = samples.filter((s) => s.op === op);
    const latency: LatencySummary = summarize(mine.filter((s) => s.ok).map((s) => s.ms));
    return {
      op,
      requests: mine.length,
      errors: mine.filter((s) => !s.ok).length,
      perSecond: mine.length / elapsedS,
      latency,
    };
  });
  const errors = samples.filter((s) => !s.ok);
  const lines = [
    `### Workflow load: ${opts.users} users (${chairs} chairs submitting, ${opts.approvers} ADs approving), ${opts.durationS} s, PostgreSQL`,
    "",
    "| operation | requests | errors | per second | p50 ms | p95 ms | max ms |",
    "|---|--:|--:|--:|--:|--:|--:|",
    ...perOp.map(
      (o) =>
        `| ${o.op} | ${o.requests} | ${o.errors} | ${o.perSecond.toFixed(1)} | ${fmt(o.latency.p50)} | ${fmt(o.latency.p95)} | ${fmt(o.latency.max)} |`,
    ),
    `| **all** | ${samples.length} | ${errors.length} | ${(samples.length / elapsedS).toFixed(1)} | | | |`,
    "",
    `Statements: ${submitted.length} submitted (one ${opts.attachmentKb} KB attachment each), ${approved.size} approved and posted, ` +
      `${submitted.length - approved.size} left pending. Mail: ${mails.length - mailBefore} queued by the run ` +
      `(${mails.length} in the outbox with the start-up reminders), outbox drained ${drainS.toFixed(1)} s after the last request; ` +
      `SMTP sink: ${sink.messages().length} messages, ${received.size} distinct Message-IDs; lost ${lost}, duplicated ${duplicated}, unknown ${unknown}.`,
    "",
    problems.length || errors.length
      ? `**FAILED**: ${[...problems, ...errors.slice(0, 5).map((e) => `${e.op}: ${e.detail}`)].join("; ")}`
      : "Audit: every statement in its expected state with exactly its mails; every Message-ID delivered exactly once. **0 errors.**",
    "",
    `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, Node ${process.version}, load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}.`,
  ];
  console.log(`\n${lines.join("\n")}\n`);
  const resultsDir = path.join(ROOT, "bench-results");
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${stamp}-workflow.json`);
  writeFileSync(
    file,
    JSON.stringify(
      {
        options: opts,
        elapsedS,
        perOp,
        submitted: submitted.length,
        approved: approved.size,
        mails: mails.length,
        mailBefore,
        drainS,
        lost,
        duplicated,
        unknown,
        problems,
        errors: errors.slice(0, 50),
      },
      null,
      2,
    ),
  );
  log(`results in ${path.relative(ROOT, file)}`);
  return problems.length === 0 && errors.length === 0;
}

main()
  .then(async (ok) => {
    await cleanup();
    process.exit(ok ? 0 : 1);
  })
  .catch(async (error) => {
    console.error(error);
    await cleanup();
    process.exit(1);
  });
