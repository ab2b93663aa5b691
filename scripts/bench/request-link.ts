/**
 * npm run bench:request-link [-- --pg] [-- --calls=N] [-- --gap-ms=N] — issue 13, item 6: does the answer
 * time of "Send me a sign-in link" / "Send reset link" tell whether an address has an account?
 *
 * Starts the production build (scripts/bench/server.ts: as `npm start`, building first when the sources
 * changed) on a throwaway embedded database (or, with --pg, a throwaway schema on $BENCH_DATABASE_URL,
 * default postgresql://postgres@127.0.0.1:5432/test), demo-seeded, mail written as .eml files. The
 * Secretariat creates `calls / 4` people through the admin action (so a known address is asked at most 4
 * times, under the 5-per-15-minutes link limit: every known call does the full work). Then, alternating,
 * `calls` requestLink and `calls` forgotPassword server actions (POST with Next-Action, as React sends
 * them) for a known and an unknown address, one at a time with `gap-ms` between calls; the time is from
 * sending the request to the end of the answer. Prints medians and p90 per path and the difference.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { callFormAction, serverActionId, signInOverHttp } from "../../e2e/support/app-http";
import { freePort, launchApp, productionEnv, waitUntilReady } from "./server";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const log = (message: string) => console.log(`[request-link] ${message}`);

function option(name: string, fallback: number): number {
  const match = process.argv.find((a) => a.startsWith(`--${name}=`));
  return match ? Number(match.split("=")[1]) : fallback;
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { n: sorted.length, median: quantile(sorted, 0.5), p90: quantile(sorted, 0.9), min: sorted[0] ?? NaN };
}
const ms = (v: number) => `${v.toFixed(1)} ms`;

async function main() {
  const onPg = process.argv.includes("--pg");
  const calls = option("calls", 200);
  const gapMs = option("gap-ms", 50);
  const tmp = mkdtempSync(path.join(os.tmpdir(), "liaison-request-link-"));
  const cleanups: (() => Promise<void> | void)[] = [() => rmSync(tmp, { recursive: true, force: true })];
  let databaseUrl = "";
  if (onPg) {
    const server = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
    const schema = `bench_link_${randomBytes(4).toString("hex")}`;
    const url = new URL(server);
    url.searchParams.set("schema", schema);
    databaseUrl = url.toString();
    cleanups.push(async () => {
      const admin = new pg.Client({ connectionString: server });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.end();
    });
  }
  const port = await freePort();
  const app = launchApp({
    root: ROOT,
    port,
    logFile: path.join(tmp, "app.log"),
    log,
    env: productionEnv({ port, dataDir: tmp, databaseUrl, smtpUrl: "", seedDemo: true }),
  });
  cleanups.unshift(() => app.stop());
  try {
    await waitUntilReady(app, 15 * 60_000);
    const base = app.baseUrl;
    const secretariat = await signInOverHttp(base, "secretariat@example.org");
    const createPerson = serverActionId(ROOT, "src/actions/admin.ts", "createPersonAction");
    const people = Math.ceil(calls / 4);
    log(`creating ${people} accounts through the admin action ...`);
    for (let i = 0; i < people; i++) {
      const answer = await callFormAction(secretariat, "/admin/people/new", createPerson, {
        name: `Bench Person ${i}`,
        primaryEmail: `bench-${i}@example.org`,
        canSignIn: "on",
      });
      if (answer.state?.status === "error") throw new Error(`creating bench-${i}: ${JSON.stringify(answer.state)}`);
    }
    const anonymous = { baseUrl: base, cookie: "" };
    const results: Record<string, { known: number[]; unknown: number[] }> = {};
    for (const [name, page] of [
      ["requestLink", "/sign-in"],
      ["forgotPassword", "/forgot-password"],
    ] as const) {
      const id = serverActionId(ROOT, "src/actions/auth.ts", name);
      const times = { known: [] as number[], unknown: [] as number[] };
      const answers = new Set<string>();
      const timed = async (email: string) => {
        const started = performance.now();
        const answer = await callFormAction(anonymous, page, id, { email });
        const elapsed = performance.now() - started;
        if (answer.httpStatus !== 200 || answer.state?.status !== "success")
          throw new Error(`${name} for ${email}: HTTP ${answer.httpStatus} ${JSON.stringify(answer.state)}`);
        answers.add((answer.state.message ?? "").replace(email, "<address>"));
        return elapsed;
      };
      // warm-up (first calls compile and cache): not counted
      for (let i = 0; i < 5; i++) await timed(`warm-up-${i}@example.org`);
      for (let i = 0; i < calls; i++) {
        // alternate which path goes first, so neither always follows the other's background work
        const order = i % 2 === 0 ? (["known", "unknown"] as const) : (["unknown", "known"] as const);
        for (const path_ of order) {
          const email = path_ === "known" ? `bench-${i % people}@example.org` : `nobody-${name}-${i}@example.org`;
          times[path_].push(await timed(email));
          await new Promise((resolve) => setTimeout(resolve, gapMs));
        }
      }
      if (answers.size !== 1) throw new Error(`${name}: the answers differ: ${[...answers].join(" / ")}`);
      results[name] = times;
    }
    console.log(
      `\n### requestLink timing (${onPg ? "PostgreSQL" : "embedded PGlite"}, ${calls} calls per path, ${gapMs} ms apart)\n`,
    );
    console.log("| action | path | n | median | p90 | min |");
    console.log("|---|---|---|---|---|---|");
    for (const [name, times] of Object.entries(results)) {
      for (const path_ of ["known", "unknown"] as const) {
        const s = summary(times[path_]);
        console.log(`| ${name} | ${path_} address | ${s.n} | ${ms(s.median)} | ${ms(s.p90)} | ${ms(s.min)} |`);
      }
      const difference = summary(times.known).median - summary(times.unknown).median;
      console.log(`| ${name} | known − unknown (medians) | | ${ms(difference)} | | |`);
    }
  } finally {
    for (const cleanup of cleanups) await cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
