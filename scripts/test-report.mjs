// Reads a vitest or Playwright JSON report for scripts/test-all.sh and .ci/run.
//   node scripts/test-report.mjs count vitest|playwright FILE     -> "passed failed skipped" (0 0 0 when missing)
//   node scripts/test-report.mjs failures vitest|playwright FILE  -> one line per failed test: file › name
// CI shows only the tail of its output, so both scripts end with the failures by name: a red run must say
// which test failed without the rest of the log.
import { existsSync, readFileSync } from "node:fs";
import { relative } from "node:path";

const [command, kind, file] = process.argv.slice(2);
if (!["count", "failures"].includes(command) || !["vitest", "playwright"].includes(kind) || !file) {
  console.error("usage: node scripts/test-report.mjs count|failures vitest|playwright FILE");
  process.exit(64);
}
const report = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : null;

function vitestFailures(r) {
  const out = [];
  for (const f of r.testResults ?? []) {
    const name = relative(process.cwd(), f.name ?? "");
    const failed = (f.assertionResults ?? []).filter((a) => a.status === "failed");
    for (const a of failed) out.push(`${name} › ${a.fullName ?? a.title}`);
    // a test file that fails to load has no failed test of its own
    if (f.status === "failed" && failed.length === 0)
      out.push(`${name} › (the file failed: ${(f.message ?? "").split("\n")[0].slice(0, 200)})`);
  }
  return out;
}

function playwrightFailures(r) {
  const out = [];
  const walk = (suite, titles) => {
    const here = suite.title && !suite.title.endsWith(".ts") ? [...titles, suite.title] : titles;
    for (const spec of suite.specs ?? [])
      for (const test of spec.tests ?? [])
        if (test.status === "unexpected") out.push(`${spec.file}:${spec.line} › ${[...here, spec.title].join(" › ")}`);
    for (const child of suite.suites ?? []) walk(child, here);
  };
  for (const suite of r.suites ?? []) walk(suite, []);
  for (const e of r.errors ?? []) out.push(`(run error) ${(e.message ?? "").split("\n")[0].slice(0, 200)}`);
  return out;
}

if (command === "count") {
  if (!report) console.log("0 0 0");
  else if (kind === "vitest") {
    let failed = report.numFailedTests;
    for (const f of report.testResults ?? [])
      if (f.status === "failed" && !(f.assertionResults ?? []).some((a) => a.status === "failed")) failed++;
    console.log(report.numPassedTests, failed, report.numPendingTests + report.numTodoTests);
  } else {
    const s = report.stats ?? {};
    const errors = (report.errors ?? []).length > 0 && !s.unexpected ? 1 : 0;
    console.log((s.expected ?? 0) + (s.flaky ?? 0), (s.unexpected ?? 0) + errors, s.skipped ?? 0);
  }
} else if (report) {
  for (const line of kind === "vitest" ? vitestFailures(report) : playwrightFailures(report)) console.log(line);
}
