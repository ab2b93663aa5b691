#!/usr/bin/env node
// The end-to-end tests in N Playwright processes at once, each on its own share of the spec files
// (`--shard=i/N`) and — through its own global setup — its own app server, database, mail sink and OpenID
// provider (e2e/support/global-setup.ts: its own port and, on PostgreSQL, its own schema). ADR 037.
//
//   node scripts/e2e-shards.mjs --json=FILE [--shards=N] [--beside=CONFIG --beside-json=FILE]
//                               [playwright test arguments, e.g. -c CONFIG]
//
// --beside runs one more Playwright process, unsharded, with another configuration (npm test: the Datatracker
// cutover, playwright.datatracker-import.config.ts), its lines prefixed "[beside]" and its JSON report in its own
// file. It starts when the first shard is done: the shards never end together, and a core is idle meanwhile.
//
// N defaults to $E2E_SHARDS, else 2. Each shard's list output is printed with a "[i/N]" prefix as it comes;
// its JSON report goes to FILE.shard-i.json, and FILE gets their merge (the stats summed, the suites and
// errors of every shard), which scripts/test-report.mjs reads as one run. Exits non-zero when any shard did.
// The production build is made (when the sources changed) before the shards start, so they never build at once.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
const args = process.argv.slice(2);
const option = (name) => {
  const found = args.find((a) => a.startsWith(`--${name}=`));
  return found ? found.slice(name.length + 3) : undefined;
};
const json = option("json");
const shards = Number(option("shards") ?? process.env.E2E_SHARDS ?? 2);
const beside = option("beside");
const besideJson = option("beside-json");
const passOn = args.filter((a) => !/^--(json|shards|beside|beside-json)=/.test(a));
if (beside && !besideJson) {
  console.error("--beside=CONFIG needs --beside-json=FILE");
  process.exit(64);
}
if (!json || !Number.isInteger(shards) || shards < 1) {
  console.error("usage: node scripts/e2e-shards.mjs --json=FILE [--shards=N] [playwright test arguments]");
  process.exit(64);
}

const build = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/ensure-build.ts"], {
  cwd: ROOT,
  stdio: "inherit",
});
if (build.status !== 0) {
  console.error(`[e2e-shards] the production build failed (exit ${build.status}); no shard started`);
  process.exit(build.status ?? 1);
}

const shardFile = (i) => `${json}.shard-${i}.json`;

function runShard(i) {
  const prefix = shards > 1 ? `[${i}/${shards}] ` : "";
  const shardArgs = shards > 1 ? [`--shard=${i}/${shards}`, `--output=test-results/shard-${i}`] : [];
  return runPlaywright(prefix, [...shardArgs, ...passOn], shardFile(i));
}

function runPlaywright(prefix, playwrightArgs, jsonFile) {
  rmSync(jsonFile, { force: true });
  const child = spawn(
    process.execPath,
    [
      path.join(ROOT, "node_modules", "@playwright", "test", "cli.js"),
      "test",
      "--reporter=list,json",
      ...playwrightArgs,
    ],
    {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_FILE: jsonFile, FORCE_COLOR: "0" },
    },
  );
  const relay = (stream, out) => {
    let buffered = "";
    stream.on("data", (chunk) => {
      buffered += chunk.toString("utf8");
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines) out.write(`${prefix}${line}\n`);
    });
    stream.on("end", () => {
      if (buffered) out.write(`${prefix}${buffered}\n`);
    });
  };
  relay(child.stdout, process.stdout);
  relay(child.stderr, process.stderr);
  return new Promise((resolve) => {
    child.on("error", (error) => {
      console.error(`${prefix}could not start Playwright: ${error.message}`);
      resolve(1);
    });
    child.on("close", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

// The shards stay in this process group: Ctrl-C or a kill of the group stops them (and their teardown runs).
const shardRuns = Array.from({ length: shards }, (_, n) => runShard(n + 1));
// The run beside starts when the first shard is done: from then on a core is free until the last one ends (started
// with the shards, its app's start competed with theirs and the whole took as long).
const besideRun = beside
  ? Promise.race(shardRuns).then(() =>
      runPlaywright("[beside] ", ["-c", beside, "--output=test-results/beside"], besideJson),
    )
  : Promise.resolve(0);
const codes = await Promise.all(shardRuns);
const besideCode = await besideRun;
if (beside) console.log(`[e2e-shards] beside (${beside}): exit code ${besideCode}`);

const merged = { config: null, suites: [], errors: [], stats: { expected: 0, unexpected: 0, flaky: 0, skipped: 0 } };
const missing = [];
for (let i = 1; i <= shards; i++) {
  if (!existsSync(shardFile(i))) {
    missing.push(i);
    continue;
  }
  const report = JSON.parse(readFileSync(shardFile(i), "utf8"));
  merged.config ??= report.config;
  merged.suites.push(...(report.suites ?? []));
  merged.errors.push(...(report.errors ?? []));
  for (const key of Object.keys(merged.stats)) merged.stats[key] += report.stats?.[key] ?? 0;
  merged.stats.duration = Math.max(merged.stats.duration ?? 0, report.stats?.duration ?? 0);
}
for (const i of missing) merged.errors.push({ message: `shard ${i}/${shards} wrote no report (exit ${codes[i - 1]})` });
writeFileSync(json, JSON.stringify(merged));
const s = merged.stats;
console.log(
  `[e2e-shards] ${shards} shard(s): ${s.expected + s.flaky} passed (${s.flaky} flaky), ${s.unexpected} failed, ${s.skipped} skipped; exit codes ${codes.join(", ")}`,
);
process.exit(codes.some((c) => c !== 0) || missing.length > 0 || besideCode !== 0 ? 1 : 0);
