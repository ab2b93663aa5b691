/** The benchmark's result: one JSON document, and its Markdown rendering (printed and written next to it). */

import type { GeneratedArchive } from "./generate";
import { type GrowthRow, growthMarkdown } from "./growth";
import { describeImportBench, IMPORT_TARGET_S, type ImportBenchResult } from "./import-stage";
import { describeInboundBench, type InboundBenchResult } from "./inbound-stage";
import type { PageWeight } from "./js-weight";
import type { LatencySummary, LoadResult } from "./load";
import type { Profile } from "./profile";

export interface TargetResult {
  key:
    | "static"
    | "list"
    | "search"
    | "search-attachments"
    | "search-varied"
    | "filtered"
    | "statement"
    | "statement-varied"
    | "api";
  name: string;
  paths: string[];
  /** status and time of the first request (cold for the server's caches) */
  probe: { status: number; ms: number; bytes: number };
  /** one connection, sequential: the server time of a single request */
  single: LatencySummary | null;
  /** the load at N connections; null when the probe did not answer 200 */
  load: LoadResult | null;
  /** requests/s relative to the static ceiling */
  ratio: number | null;
  /** the static asset's server CPU per request relative to this target's (contention-independent ratio) */
  cpuRatio: number | null;
}

export interface Check {
  name: string;
  target: string;
  value: string;
  pass: boolean;
}

export interface BenchReport {
  engine: "pglite" | "postgres";
  startedAt: string;
  finishedAt: string;
  machine: {
    cpus: number;
    cpuModel: string;
    memoryGiB: number;
    node: string;
    os: string;
    loadAverage: { start: number[]; end: number[] };
  };
  source: { commit: string; dirty: boolean | null };
  options: {
    statements: number;
    seed: number;
    connections: number;
    warmupS: number;
    durationS: number;
    searchWord: string;
  };
  dataset: (Omit<GeneratedArchive, "rotationIds" | "firstId" | "lastId"> & { seedS: number; migrateS: number }) | null;
  database: string;
  server: { readyS: number; backgroundS: number; startupMails: number };
  staticAsset: { path: string; kind: string } | null;
  targets: TargetResult[];
  checks: Check[];
  jsWeight: PageWeight[];
  profile: Profile | null;
  /** the Datatracker importer's stage (issue 17); null when left out (--import-statements=0) */
  importer?: ImportBenchResult | null;
  /** ingesting a received LS mail with a 10 MB zip (issue 18) */
  inbound?: InboundBenchResult;
  /** issue 19: the figures at each size of the grown archive */
  growth?: GrowthRow[];
  notes: string[];
}

const KB = 1024;
const f1 = (n: number | null | undefined) =>
  n === null || n === undefined || !Number.isFinite(n) ? "–" : n.toFixed(1);
const f0 = (n: number | null | undefined) =>
  n === null || n === undefined || !Number.isFinite(n) ? "–" : Math.round(n).toString();
const pct = (n: number | null) => (n === null || !Number.isFinite(n) ? "–" : `${Math.round(n * 100)}%`);
const kb = (n: number) => `${(n / KB).toFixed(1)} KB`;

export const JS_BUDGET = 60 * KB;

export function evaluate(targets: TargetResult[], weights: PageWeight[]): Check[] {
  const by = (key: TargetResult["key"]) => targets.find((t) => t.key === key);
  const checks: Check[] = [];
  const list = by("list");
  checks.push({
    name: "List page throughput vs static",
    target: "≥ 40% of the static page",
    value:
      list?.ratio !== null && list?.ratio !== undefined
        ? `${pct(list.ratio)}${list.cpuRatio !== null ? ` (by server CPU per request: ${pct(list.cpuRatio)})` : ""}`
        : `not measured (HTTP ${list?.probe.status ?? "?"})`,
    pass: (list?.ratio ?? 0) >= 0.4,
  });
  const p95 = (key: TargetResult["key"], name: string, limit: number) => {
    const t = by(key);
    const value = t?.load?.latency.p95;
    const measured = value !== undefined && Number.isFinite(value) && (t?.load?.errors ?? 1) === 0;
    checks.push({
      name: `${name} p95 at ${t?.load?.connections ?? "N"} connections`,
      target: `< ${limit} ms`,
      value: t?.load
        ? `${f1(value)} ms${t.load.errors ? ` (${t.load.errors} errors)` : ""}`
        : `not measured (HTTP ${t?.probe.status ?? "?"})`,
      pass: measured && (value as number) < limit,
    });
  };
  p95("list", "List page", 100);
  p95("search", "Search", 50);
  p95("search-attachments", "Search, a word only attachments hold", 50);
  p95("search-varied", "Search (a new query each time)", 50);
  p95("statement", "Statement page", 50);
  p95("statement-varied", "Statement page (a different statement each time)", 50);
  // The issue gives the connection count for the list page only; the unloaded figure is the other reading.
  const unloaded = (key: TargetResult["key"], name: string, limit: number) => {
    const value = by(key)?.single?.p95;
    checks.push({
      name: `${name} p95 at 1 connection (unloaded)`,
      target: `< ${limit} ms`,
      value: value !== undefined && Number.isFinite(value) ? `${f1(value)} ms` : "not measured",
      pass: value !== undefined && Number.isFinite(value) && value < limit,
    });
  };
  unloaded("search", "Search", 50);
  unloaded("search-attachments", "Search, a word only attachments hold", 50);
  unloaded("search-varied", "Search (a new query each time)", 50);
  unloaded("statement", "Statement page", 50);
  unloaded("statement-varied", "Statement page (a different statement each time)", 50);
  for (const w of weights) {
    checks.push({
      name: `JavaScript shipped by ${w.path}`,
      target: "≤ 60 KB gzipped",
      value: w.status === 200 ? kb(w.gzipTotal) : `HTTP ${w.status}`,
      pass: w.status === 200 && w.gzipTotal <= JS_BUDGET,
    });
  }
  return checks;
}

/** Issue 17: the import within 2 minutes, and a second run over the same archive that changes nothing. */
export function evaluateImport(r: ImportBenchResult | null): Check[] {
  if (!r) return [];
  const volume = `${r.volume.statements} statements, ${r.volume.attachments} attachments, ${r.volume.events} events`;
  return [
    {
      name: `Datatracker import of ${volume}`,
      target: `< ${IMPORT_TARGET_S} s, no problems`,
      value: `${r.firstS.toFixed(1)} s${r.problems ? ` (${r.problems} problems)` : ""}`,
      pass: r.firstS < IMPORT_TARGET_S && r.problems === 0,
    },
    {
      name: "Datatracker import again (same archive)",
      target: "changes nothing",
      value: `${r.secondS.toFixed(1)} s, ${r.secondChanged ? "changed rows" : "no change"}`,
      pass: !r.secondChanged,
    },
  ];
}

export function toMarkdown(r: BenchReport): string {
  const out: string[] = [];
  const engineName = r.engine === "pglite" ? "embedded PGlite" : "PostgreSQL";
  out.push(`# Benchmark: ${engineName}, ${r.startedAt}`);
  out.push("");
  out.push(
    `Machine: ${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.memoryGiB} GiB, Node ${r.machine.node}, ${r.machine.os}; ` +
      `load average ${r.machine.loadAverage.start.map((n) => n.toFixed(1)).join("/")} at the start, ` +
      `${r.machine.loadAverage.end.map((n) => n.toFixed(1)).join("/")} at the end (1/5/15 min). ` +
      `Source: ${r.source.commit}${r.source.dirty ? " (with uncommitted changes)" : ""}.`,
  );
  out.push(
    `Database: ${r.database}. Load: ${r.options.connections} keep-alive connections, closed loop, ${r.options.warmupS} s warm-up then ` +
      `${r.options.durationS} s measured per target, from a second process on loopback, \`Accept-Encoding: gzip\`.`,
  );
  if (r.dataset) {
    const d = r.dataset;
    const states = Object.entries(d.byState)
      .sort((a, b) => b[1] - a[1])
      .map(([state, n]) => `${n} ${state}`)
      .join(", ");
    out.push(
      `Data: ${d.statements} generated statements (${states}; ${d.publicStatements} public) + the demo seed, ` +
        `${d.attachments} attachments, ${d.relations} relations, ${d.events} events; generated in ` +
        `${f1(d.generateMs / 1000)} s, inserted in ${f1(d.insertMs / 1000)} s, VACUUM ANALYZE ${f1(d.analyzeMs / 1000)} s.`,
    );
  }
  if (r.profile) {
    out.push(
      `Search word \`${r.options.searchWord}\` matches ${r.profile.counts.searchMatches} public statements; ` +
        `the filtered list matches ${r.profile.counts.filteredMatches}; ${r.profile.counts.public} public in all.`,
    );
  }
  out.push(
    `Static ceiling: ${r.staticAsset ? `\`${r.staticAsset.path}\` (the pages' ${r.staticAsset.kind})` : "none found"}. Server ready after ${f0(r.server.readyS)} s.`,
  );
  out.push("");
  out.push(`## Throughput and latency (${r.options.connections} connections)`);
  out.push("");
  out.push(
    "| Target | Path | req/s | p50 ms | p95 ms | p99 ms | errors | vs static | 1 conn p50 ms | server CPU ms/req | client CPU ms/req | other load (cores) | KB/resp |",
  );
  out.push("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
  for (const t of r.targets) {
    const path = t.paths.length > 1 ? `${t.paths[0]} (+${t.paths.length - 1} more)` : (t.paths[0] ?? "");
    if (!t.load) {
      out.push(`| ${t.name} | \`${path}\` | HTTP ${t.probe.status} | – | – | – | – | – | – | – | – | – | – |`);
      continue;
    }
    const l = t.load;
    out.push(
      `| ${t.name} | \`${path}\` | ${f0(l.rps)} | ${f1(l.latency.p50)} | ${f1(l.latency.p95)} | ${f1(l.latency.p99)} | ` +
        `${l.errors}${
          l.errors
            ? ` (${Object.keys(l.statuses)
                .filter((s) => s !== "200")
                .join(",")})`
            : ""
        } | ${pct(t.ratio)} | ` +
        `${f1(t.single?.p50)} | ${f1(l.cpu?.serverMsPerRequest)} | ${f1(l.cpu?.clientMsPerRequest)} | ${f1(l.cpu?.otherCores)} | ${f1(l.avgBytes / KB)} |`,
    );
  }
  out.push("");
  if (r.growth?.length) {
    out.push(`## Growth (issue 19): ${r.growth.map((g) => g.statements.toLocaleString("en")).join(" → ")} statements`);
    out.push("");
    out.push(...growthMarkdown(r.growth));
    out.push("");
  }
  out.push("## Targets (issue 7; the Datatracker import: issue 17; growth and start-up: issue 19)");
  out.push("");
  out.push("| Check | Target | Measured | Result |");
  out.push("|---|---|---|---|");
  for (const c of r.checks) out.push(`| ${c.name} | ${c.target} | ${c.value} | ${c.pass ? "PASS" : "**FAIL**"} |`);
  out.push("");
  if (r.importer) {
    out.push("## Datatracker import (issue 17)");
    out.push("");
    for (const line of describeImportBench(r.importer)) out.push(`- ${line.trim()}`);
    out.push("");
  }
  if (r.inbound) {
    out.push("## Incoming liaison mail (issue 18)");
    out.push("");
    for (const line of describeInboundBench(r.inbound)) out.push(`- ${line}`);
    out.push("");
  }
  out.push("## JavaScript shipped per public page");
  out.push("");
  out.push(
    "| Page | HTTP | `<script src>` files | JS raw | JS gzipped | inline scripts gzipped | HTML gzipped | `nomodule` polyfills gzipped (not counted) |",
  );
  out.push("|---|--:|--:|--:|--:|--:|--:|--:|");
  for (const w of r.jsWeight) {
    const counted = w.scripts.filter((s) => !s.nomodule).length;
    const legacy = w.scripts
      .filter((s) => s.nomodule)
      .reduce((sum, s) => sum + (Number.isFinite(s.gzip) ? s.gzip : 0), 0);
    out.push(
      `| \`${w.path}\` | ${w.status} | ${counted} | ${kb(w.rawTotal)} | ${kb(w.gzipTotal)} | ${kb(w.inlineGzip)} | ${kb(w.htmlGzip)} | ${kb(legacy)} |`,
    );
  }
  const largest = new Map<string, number>();
  for (const w of r.jsWeight)
    for (const s of w.scripts) if (!s.nomodule && Number.isFinite(s.gzip)) largest.set(s.src, s.gzip);
  const top = [...largest.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5);
  if (top.length) {
    out.push("");
    out.push(`Largest scripts (gzipped): ${top.map(([src, n]) => `\`${src.split("/").pop()}\` ${kb(n)}`).join(", ")}.`);
  }
  if (r.profile) {
    out.push("");
    out.push("## Profile (before the server started, same database)");
    out.push("");
    if (r.profile.explain.length) {
      out.push(
        "| Query (the archive's SQL as src/server/archive/ issued it when this was written) | execution ms | planning ms | top plan node |",
      );
      out.push("|---|--:|--:|---|");
      for (const e of r.profile.explain) {
        const top = e.plan.split("\n").find((l) => /\S/.test(l) && !/^\s*(Planning|Execution|Buffers)/.test(l)) ?? "";
        out.push(
          `| ${e.name} | ${f1(e.executionMs)} | ${f1(e.planningMs)} | \`${top.trim().replace(/\|/g, "\\|").slice(0, 90)}\` |`,
        );
      }
      out.push("");
    }
    if (r.profile.inProcess.length) {
      out.push("| In-process call (database + Prisma, no HTTP/React; result cache off) | p50 ms | p95 ms |");
      out.push("|---|--:|--:|");
      for (const t of r.profile.inProcess) out.push(`| ${t.name} | ${f1(t.p50)} | ${f1(t.p95)} |`);
      out.push("");
    }
    for (const s of r.profile.skipped) out.push(`- skipped: ${s}`);
  }
  if (r.notes.length) {
    out.push("");
    out.push("## Notes");
    out.push("");
    for (const n of r.notes) out.push(`- ${n}`);
  }
  out.push("");
  return out.join("\n");
}
