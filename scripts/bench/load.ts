/**
 * A small closed-loop HTTP load generator: a fixed number of connections (keep-alive), each sending its next
 * request as soon as the previous response has been read completely, for a warm-up and then a measured
 * window. Every latency of the window is recorded. Loopback only, bounded in time and in request count.
 */
import http from "node:http";
import type { CpuSampler, CpuWindow } from "./cpu";

export interface LoadOptions {
  connections: number;
  warmupMs: number;
  durationMs: number;
  /** hard cap on requests in one run (warm-up included) */
  maxRequests: number;
  /** per request; a slower answer counts as an error */
  timeoutMs: number;
  /** CPU accounting over the measured window */
  sampler?: CpuSampler;
  /** extra request headers (a signed-in visitor's session cookie) */
  headers?: Record<string, string>;
}

export interface LatencySummary {
  min: number;
  mean: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
}

export interface LoadResult {
  connections: number;
  /** the measured window, seconds */
  seconds: number;
  /** completed requests in the measured window (successful or not) */
  requests: number;
  ok: number;
  errors: number;
  /** HTTP status (or error code) -> count, measured window */
  statuses: Record<string, number>;
  /** successful responses per second */
  rps: number;
  /** milliseconds, successful responses only */
  latency: LatencySummary;
  /** average response size on the wire (as sent, i.e. compressed when the server compressed) */
  avgBytes: number;
  /** CPU time per request and machine load during the window (Linux only) */
  cpu: CpuWindow | null;
}

/** Only loopback: the benchmark must never load anything else. */
export function assertLoopback(base: string): URL {
  const url = new URL(base);
  if (!["127.0.0.1", "localhost", "[::1]"].includes(url.hostname) || url.protocol !== "http:") {
    throw new Error(`Refusing to load ${base}: the benchmark only sends requests to http://127.0.0.1 / localhost.`);
  }
  return url;
}

interface Outcome {
  status: string;
  bytes: number;
}

function request(
  agent: http.Agent,
  base: URL,
  path: string,
  timeoutMs: number,
  extraHeaders: Record<string, string> = {},
): Promise<Outcome> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (outcome: Outcome) => {
      if (!settled) {
        settled = true;
        resolve(outcome);
      }
    };
    const req = http.request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        path,
        method: "GET",
        // What a browser sends: compressed responses are the realistic case (next start gzips by default).
        headers: { accept: "text/html,application/json,*/*", "accept-encoding": "gzip", ...extraHeaders },
        timeout: timeoutMs,
      },
      (res) => {
        let bytes = 0;
        res.on("data", (chunk: Buffer) => {
          bytes += chunk.length;
        });
        res.on("end", () => done({ status: String(res.statusCode ?? 0), bytes }));
        res.on("error", (error: NodeJS.ErrnoException) => done({ status: error.code ?? "ERESPONSE", bytes }));
      },
    );
    req.on("timeout", () => {
      req.destroy(Object.assign(new Error("timeout"), { code: "ETIMEDOUT" }));
    });
    req.on("error", (error: NodeJS.ErrnoException) => done({ status: error.code ?? "EREQUEST", bytes: 0 }));
    req.end();
  });
}

export function summarize(values: number[]): LatencySummary {
  if (values.length === 0)
    return {
      min: Number.NaN,
      mean: Number.NaN,
      p50: Number.NaN,
      p90: Number.NaN,
      p95: Number.NaN,
      p99: Number.NaN,
      max: Number.NaN,
    };
  const sorted = Float64Array.from(values).sort();
  // nearest-rank percentile
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    min: sorted[0] as number,
    mean: sum / sorted.length,
    p50: at(50),
    p90: at(90),
    p95: at(95),
    p99: at(99),
    max: sorted[sorted.length - 1] as number,
  };
}

/**
 * Runs `connections` loops against `paths` (rotated round-robin across all requests) for warm-up + duration.
 * Requests that start in the measured window are recorded; throughput is their count over the time from
 * the window's start to the last of them finishing.
 */
export async function runLoad(baseUrl: string, paths: readonly string[], options: LoadOptions): Promise<LoadResult> {
  const base = assertLoopback(baseUrl);
  if (paths.length === 0) throw new Error("runLoad: no paths");
  const agent = new http.Agent({
    keepAlive: true,
    maxSockets: options.connections,
    maxFreeSockets: options.connections,
  });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let sent = 0;
  let bytes = 0;
  let ok = 0;
  let requests = 0;
  let lastEnd = 0;
  const start = performance.now();
  const measureFrom = start + options.warmupMs;
  const stopAt = measureFrom + options.durationMs;

  const worker = async () => {
    while (performance.now() < stopAt && sent < options.maxRequests) {
      const path = paths[sent % paths.length] as string;
      sent++;
      const begin = performance.now();
      const outcome = await request(agent, base, path, options.timeoutMs, options.headers);
      const end = performance.now();
      if (begin < measureFrom) continue;
      requests++;
      lastEnd = Math.max(lastEnd, end);
      statuses[outcome.status] = (statuses[outcome.status] ?? 0) + 1;
      if (outcome.status === "200") {
        ok++;
        bytes += outcome.bytes;
        latencies.push(end - begin);
      }
    }
  };
  const sampler = options.sampler;
  const startSampling = setTimeout(() => sampler?.start(), Math.max(0, measureFrom - performance.now()));
  try {
    await Promise.all(Array.from({ length: options.connections }, worker));
  } finally {
    clearTimeout(startSampling);
    agent.destroy();
  }
  const seconds = Math.max(lastEnd - measureFrom, 1) / 1000;
  const cpu = sampler ? sampler.stop(requests, performance.now() - measureFrom) : null;
  return {
    connections: options.connections,
    seconds,
    requests,
    ok,
    errors: requests - ok,
    statuses,
    rps: ok / seconds,
    latency: summarize(latencies),
    avgBytes: ok ? bytes / ok : 0,
    cpu,
  };
}

/** One GET with the full body, for probing and page inspection (loopback only). */
export async function fetchText(
  baseUrl: string,
  path: string,
  timeoutMs = 60_000,
): Promise<{ status: number; text: string; ms: number }> {
  const url = new URL(path, assertLoopback(baseUrl));
  const begin = performance.now();
  const response = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
  const text = await response.text();
  return { status: response.status, text, ms: performance.now() - begin };
}

export async function fetchBytes(
  baseUrl: string,
  path: string,
  timeoutMs = 60_000,
): Promise<{ status: number; bytes: Buffer }> {
  const url = new URL(path, assertLoopback(baseUrl));
  // undici's fetch decompresses transparently; ask for identity so the size is the file's own.
  const response = await fetch(url, {
    headers: { "accept-encoding": "identity" },
    signal: AbortSignal.timeout(timeoutMs),
  });
  return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()) };
}
