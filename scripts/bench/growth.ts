/**
 * npm run bench, growth (issue 19): the same figures at each size of one archive grown step by step (2k →
 * 20k → 100k statements by default), and how each grows. Per size: the start of the production server on it
 * (reminder mails queued by the first reminder run, how long until the server is quiet), its memory idle,
 * and at one connection a new search, the filtered list, a statement page nobody asked for yet and the list
 * page — latency and the server's CPU per request — beside the filtered count's EXPLAIN ANALYZE from the
 * profile.
 */
import { readFileSync } from "node:fs";
import { cpuSampler, groupCpuMs } from "./cpu";
import { type LatencySummary, runLoad } from "./load";
import type { RunningApp } from "./server";

export interface StartupResult {
  /** from the spawn until GET / answered 200 */
  readyS: number;
  /** from the first answer until the server was quiet: outbox empty and the process group idle */
  quietS: number;
  /** whether it got quiet before the timeout */
  quiet: boolean;
  /** mails the first reminder run queued (its log line; 0 when it logged none) */
  remindersQueued: number;
  /** mail files written by the time it was quiet */
  mailsWritten: number;
  /** the server's CPU from the first answer until quiet, ms */
  cpuMs: number;
}

/** The figure of the first reminder run in the server's log ("reminders queued", pino JSON); 0 when none. */
export function remindersQueuedInLog(logText: string): number {
  for (const line of logText.split("\n")) {
    if (!line.includes("reminders queued")) continue;
    try {
      const entry = JSON.parse(line) as { queued?: unknown };
      if (typeof entry.queued === "number") return entry.queued;
    } catch {
      const match = /queued["=: ]+(\d+)/.exec(line);
      if (match?.[1]) return Number(match[1]);
    }
  }
  return 0;
}

interface OutboxState {
  queued: number;
  sending: number;
}

async function outbox(baseUrl: string): Promise<OutboxState | null> {
  try {
    const response = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(10_000) });
    const body = (await response.json()) as { outbox?: OutboxState | null };
    return body.outbox ?? null;
  } catch {
    return null;
  }
}

/**
 * Waits, from the server's first answer, until it is quiet: /readyz reports no queued or sending mail and
 * the whole process group used under `idleCores` of a core over `stableMs`. The quiet moment is the start
 * of that idle window (the polling itself is counted in the CPU, and is small).
 */
export async function waitForQuiet(
  app: RunningApp,
  options: {
    readyS: number;
    mailCount: () => number;
    stableMs?: number;
    idleCores?: number;
    timeoutMs: number;
    log: (message: string) => void;
  },
): Promise<StartupResult> {
  const stableMs = options.stableMs ?? 3_000;
  const idleCores = options.idleCores ?? 0.05;
  const begin = Date.now();
  const cpuAtBegin = groupCpuMs(app.pid);
  const samples: { at: number; cpu: number; busyOutbox: boolean }[] = [];
  let reported = begin;
  let quietAt: { at: number; cpu: number } | null = null;
  while (Date.now() - begin < options.timeoutMs) {
    if (!app.alive()) throw new Error(`The app exited while starting up; see ${app.logFile}`);
    const state = await outbox(app.baseUrl);
    const now = { at: Date.now(), cpu: groupCpuMs(app.pid), busyOutbox: !state || state.queued + state.sending > 0 };
    samples.push(now);
    // The latest window of at least stableMs in which the outbox stayed empty and the CPU stayed low.
    const from = samples.findLast((s) => s.at <= now.at - stableMs);
    if (from) {
      const window = samples.filter((s) => s.at >= from.at);
      const cores = (now.cpu - from.cpu) / (now.at - from.at);
      if (window.every((s) => !s.busyOutbox) && cores < idleCores) {
        quietAt = from;
        break;
      }
    }
    if (Date.now() - reported >= 15_000) {
      reported = Date.now();
      options.log(
        `waiting for the server to be quiet: ${state ? `${state.queued} queued, ${state.sending} sending` : "no outbox figure"}, ` +
          `${options.mailCount()} mails written ...`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  let logText = "";
  try {
    logText = readFileSync(app.logFile, "utf8");
  } catch {
    // no log
  }
  const end = quietAt ?? { at: Date.now(), cpu: groupCpuMs(app.pid) };
  return {
    readyS: options.readyS,
    quietS: (end.at - begin) / 1000,
    quiet: quietAt !== null,
    remindersQueued: remindersQueuedInLog(logText),
    mailsWritten: options.mailCount(),
    cpuMs: end.cpu - cpuAtBegin,
  };
}

export type GrowthKey = "search-varied" | "filtered" | "statement-varied" | "list";

export interface GrowthMeasure {
  key: GrowthKey;
  name: string;
  /** one connection, sequential, warm-up excluded */
  latency: LatencySummary | null;
  requests: number;
  errors: number;
  /** the server's CPU per request in that window */
  serverCpuMs: number | null;
}

export interface GrowthRow {
  /** statements generated so far (the demo seed's few besides) */
  statements: number;
  publicStatements: number;
  attachments: number;
  /** this step: generating and inserting, the attachment text stage, VACUUM ANALYZE (seconds) */
  generateS: number;
  textS: number;
  vacuumS: number;
  /** EXPLAIN ANALYZE execution ms of the filtered count (direction=incoming&purpose=action) and its plan's top */
  filteredCountMs: number | null;
  filteredCountPlan: string | null;
  /** the same for the other filters the list offers (name → ms) */
  otherCountsMs: Record<string, number>;
  startup: StartupResult;
  /** the server's process group, idle after the start-up work and after the measures (MiB) */
  rssIdleMiB: number;
  rssAfterMiB: number;
  measures: GrowthMeasure[];
  /** the machine's load average when this size's measures began */
  load: number[];
}

export async function measureGrowthTargets(
  app: RunningApp,
  targets: { key: GrowthKey; name: string; paths: string[] }[],
  options: { warmupMs: number; durationMs: number; log: (message: string) => void },
): Promise<GrowthMeasure[]> {
  const out: GrowthMeasure[] = [];
  for (const target of targets) {
    const result = await runLoad(app.baseUrl, target.paths, {
      connections: 1,
      warmupMs: options.warmupMs,
      durationMs: options.durationMs,
      maxRequests: 100_000,
      timeoutMs: 60_000,
      sampler: cpuSampler(app.pid),
    });
    const measure: GrowthMeasure = {
      key: target.key,
      name: target.name,
      latency: result.ok > 0 ? result.latency : null,
      requests: result.requests,
      errors: result.errors,
      serverCpuMs: result.cpu?.serverMsPerRequest ?? null,
    };
    out.push(measure);
    options.log(
      `  ${target.name}: p50 ${measure.latency?.p50.toFixed(1) ?? "–"} ms, p95 ${measure.latency?.p95.toFixed(1) ?? "–"} ms, ` +
        `server CPU ${measure.serverCpuMs?.toFixed(1) ?? "–"} ms/request (${result.requests} requests, ${result.errors} errors)`,
    );
    if (!app.alive()) throw new Error(`The server died during the ${target.name} run; see ${app.logFile}`);
  }
  return out;
}

const f1 = (n: number | null | undefined) =>
  n === null || n === undefined || !Number.isFinite(n) ? "–" : n.toFixed(1);
const f0 = (n: number | null | undefined) =>
  n === null || n === undefined || !Number.isFinite(n) ? "–" : Math.round(n).toLocaleString("en");
const growth = (first: number | null | undefined, last: number | null | undefined) =>
  first && last && Number.isFinite(first) && Number.isFinite(last) && first > 0 ? `${(last / first).toFixed(2)}×` : "–";

/** Targets of issue 19 at the largest size (100k): p50 of a new search, the filtered count. */
export const NEW_SEARCH_P50_MS = 30;
export const FILTERED_COUNT_MS = 10;
export const QUIET_WITHIN_S = 10;

/** The growth table: one row per figure, one column per size, then last/first. */
export function growthMarkdown(rows: GrowthRow[]): string[] {
  if (rows.length === 0) return [];
  const out: string[] = [];
  const sizes = rows.map((r) => r.statements);
  const firstSize = sizes[0] as number;
  const lastSize = sizes.at(-1) as number;
  const ratioLabel = rows.length > 1 ? `${f0(lastSize / 1000)}k / ${f0(firstSize / 1000)}k` : "";
  out.push(`| Figure | ${sizes.map((n) => `${f0(n)}`).join(" | ")} |${rows.length > 1 ? ` ${ratioLabel} |` : ""}`);
  out.push(`|---|${sizes.map(() => "--:").join("|")}|${rows.length > 1 ? "--:|" : ""}`);
  const line = (name: string, values: (number | null | undefined)[], format = f1) =>
    out.push(
      `| ${name} | ${values.map((v) => format(v)).join(" | ")} |${rows.length > 1 ? ` ${growth(values[0], values.at(-1))} |` : ""}`,
    );
  const keys: GrowthKey[] = ["search-varied", "filtered", "statement-varied", "list"];
  for (const key of keys) {
    const measures = rows.map((r) => r.measures.find((m) => m.key === key));
    const name = measures.find(Boolean)?.name ?? key;
    line(
      `${name}: p50 ms`,
      measures.map((m) => m?.latency?.p50),
    );
    line(
      `${name}: p95 ms`,
      measures.map((m) => m?.latency?.p95),
    );
    line(
      `${name}: server CPU ms/request`,
      measures.map((m) => m?.serverCpuMs),
    );
  }
  line(
    "Filtered count (EXPLAIN ANALYZE) ms",
    rows.map((r) => r.filteredCountMs),
  );
  for (const name of Object.keys(rows[0]?.otherCountsMs ?? {})) {
    line(
      `Count, ${name} (EXPLAIN ANALYZE) ms`,
      rows.map((r) => r.otherCountsMs[name]),
    );
  }
  line(
    "Start: server ready s (from spawn)",
    rows.map((r) => r.startup.readyS),
  );
  line(
    "Start: reminder mails queued by the first run",
    rows.map((r) => r.startup.remindersQueued),
    f0,
  );
  line(
    "Start: quiet after s (from the first answer)",
    rows.map((r) => r.startup.quietS),
  );
  line(
    "Start: quiet after s (from the spawn)",
    rows.map((r) => r.startup.readyS + r.startup.quietS),
  );
  line(
    "Start: server CPU until quiet, s",
    rows.map((r) => r.startup.cpuMs / 1000),
  );
  line(
    "RSS idle after start, MiB (process group)",
    rows.map((r) => r.rssIdleMiB),
    f0,
  );
  line(
    "RSS idle after the measures, MiB",
    rows.map((r) => r.rssAfterMiB),
    f0,
  );
  line(
    "Generation s (this step)",
    rows.map((r) => r.generateS),
  );
  line(
    "Attachment text s (this step)",
    rows.map((r) => r.textS),
  );
  line(
    "VACUUM ANALYZE s",
    rows.map((r) => r.vacuumS),
  );
  out.push("");
  out.push(
    `Load average (1 min) when each size's measures began: ${rows.map((r) => r.load[0]?.toFixed(1) ?? "?").join(" / ")}. ` +
      "Measured at one connection, sequential; a new search draws a new query for every request, a statement page a statement not asked for yet.",
  );
  const plans = rows.filter((r) => r.filteredCountPlan);
  if (plans.length) {
    out.push("");
    out.push(
      `Filtered count plan: ${plans.map((r) => `${f0(r.statements)}: \`${(r.filteredCountPlan ?? "").replace(/\|/g, "\\|")}\``).join("; ")}.`,
    );
  }
  return out;
}

/** Pass/fail of issue 19's growth and start-up targets, at the largest size. */
export function growthChecks(rows: GrowthRow[]): { name: string; target: string; value: string; pass: boolean }[] {
  const last = rows.at(-1);
  if (!last) return [];
  const at = `at ${f0(last.statements)} statements`;
  const search = last.measures.find((m) => m.key === "search-varied")?.latency?.p50;
  const first = rows[0];
  const page = (r: GrowthRow | undefined) => r?.measures.find((m) => m.key === "statement-varied")?.serverCpuMs;
  const pageGrowth = first && rows.length > 1 ? (page(last) ?? Number.NaN) / (page(first) ?? Number.NaN) : Number.NaN;
  return [
    {
      name: `New search p50 ${at} (1 connection)`,
      target: `≤ ${NEW_SEARCH_P50_MS} ms`,
      value: `${f1(search)} ms`,
      pass: search !== undefined && search <= NEW_SEARCH_P50_MS,
    },
    {
      name: `Filtered count ${at} (EXPLAIN ANALYZE)`,
      target: `≤ ${FILTERED_COUNT_MS} ms, by index`,
      value: `${f1(last.filteredCountMs)} ms${last.filteredCountPlan ? ` (${last.filteredCountPlan})` : ""}`,
      pass:
        last.filteredCountMs !== null &&
        last.filteredCountMs <= FILTERED_COUNT_MS &&
        !/Seq Scan/.test(last.filteredCountPlan ?? ""),
    },
    {
      name: `New statement page: server CPU ${rows.length > 1 ? `${f0(last.statements)} / ${f0(first?.statements)}` : ""}`,
      target: "flat in N (≤ 1.5×)",
      value: Number.isFinite(pageGrowth) ? `${pageGrowth.toFixed(2)}×` : "–",
      pass: Number.isFinite(pageGrowth) && pageGrowth <= 1.5,
    },
    {
      // From the spawn: the first reminder run may be over before the server answers its first request.
      name: `Server quiet after start ${at} (from the spawn)`,
      target: `≤ ${QUIET_WITHIN_S} s`,
      value: `${f1(last.startup.readyS + last.startup.quietS)} s (${last.startup.remindersQueued} reminder mails queued)`,
      pass: last.startup.quiet && last.startup.readyS + last.startup.quietS <= QUIET_WITHIN_S,
    },
  ];
}
