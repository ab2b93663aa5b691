/**
 * Reads a V8 CPU profile (`node --cpu-prof`, written by the server when it stops, when launchApp was given a
 * cpuProfileDir: scripts/bench/server.ts) and says where a window of it went: self time by place (a package, a bundled chunk of the
 * app, the garbage collector, WebAssembly) and the functions that took most. A window is given in the
 * profile's own clock (microseconds of the monotonic clock, which `process.hrtime.bigint()` also reads on
 * Linux), so a benchmark can cut the profile into the requests it sent one page at a time.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface Window {
  /** µs, monotonic clock */
  from: number;
  to: number;
}

export interface ProfileSummary {
  /** sampled time inside the window(s), ms, idle excluded */
  busyMs: number;
  /** self time by place, ms, largest first */
  places: { place: string; ms: number }[];
  /** self time by function, ms, largest first */
  functions: { fn: string; ms: number }[];
}

/**
 * The main thread's profile in a directory: Node writes one per thread when it exits, named
 * CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile; the main thread is thread 0 (the newest, if several).
 */
export function mainThreadProfile(dir: string): string {
  const files = readdirSync(dir)
    .filter((f) => /^CPU\.\d+\.\d+\.\d+\.0\.\d+\.cpuprofile$/.test(f))
    .sort();
  const last = files.at(-1);
  if (!last)
    throw new Error(
      `no main-thread .cpuprofile in ${dir} (${readdirSync(dir).join(", ")}): did the server exit cleanly?`,
    );
  return path.join(dir, last);
}

/** The monotonic clock in the profile's unit (µs). */
export const monotonicMicros = () => Number(process.hrtime.bigint() / 1000n);

function placeOf(url: string, functionName: string): string {
  if (!url) {
    if (/^\(.*\)$/.test(functionName)) return functionName; // (garbage collector), (program), (idle)
    return /^(js-to-wasm|wasm-to-js|\$|wasm-function)/.test(functionName) ? "WebAssembly" : "(native)";
  }
  if (url.startsWith("wasm://")) return "WebAssembly";
  if (url.startsWith("node:")) return "node internals";
  const modules = url.lastIndexOf("/node_modules/");
  if (modules >= 0) {
    const rest = url.slice(modules + "/node_modules/".length).split("/");
    const pkg = rest[0]?.startsWith("@") ? `${rest[0]}/${rest[1]}` : (rest[0] ?? "?");
    if (pkg === "next" && rest[1] === "dist" && rest[2] === "compiled") return `next/compiled/${rest[3] ?? "?"}`;
    return pkg;
  }
  const chunk = url.indexOf("/.next/server/");
  if (chunk >= 0) {
    const file = url.slice(chunk + "/.next/server/".length);
    // Turbopack names a chunk after what it holds: keep the readable part.
    return `.next/${file.replace(/_[0-9a-z-]{10,}\._?\.js$|_[0-9a-z-]{10,}\.js$/i, "").replace(/\.js$/, "")}`;
  }
  const src = url.indexOf("/src/");
  if (src >= 0) return url.slice(src + 1);
  const scripts = url.indexOf("/scripts/");
  return scripts >= 0 ? url.slice(scripts + 1) : url;
}

export function summarizeProfile(file: string, windows?: Window[], top = 25): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const place = new Map<string, number>();
  const fn = new Map<string, number>();
  let busy = 0;
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    t += delta;
    // A sample stands for the time until the next one.
    const span = profile.timeDeltas[i + 1] ?? 0;
    if (windows && !windows.some((w) => t >= w.from && t < w.to)) continue;
    const node = byId.get(profile.samples[i] ?? -1);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === "(idle)") continue;
    busy += span;
    const where = placeOf(url, functionName);
    place.set(where, (place.get(where) ?? 0) + span);
    const key = `${functionName || "(anonymous)"} ${where}:${lineNumber + 1}`;
    fn.set(key, (fn.get(key) ?? 0) + span);
  }
  const sorted = (m: Map<string, number>) =>
    [...m].sort((a, b) => b[1] - a[1]).map(([k, us]) => ({ k, ms: us / 1000 }));
  if (windows && busy === 0) {
    const span = windows.map((w) => `${w.from}–${w.to}`).join(", ");
    throw new Error(`no sample in ${span}: the profile runs ${profile.startTime}–${profile.endTime} (another clock?)`);
  }
  return {
    busyMs: busy / 1000,
    places: sorted(place).map(({ k, ms }) => ({ place: k, ms })),
    functions: sorted(fn)
      .slice(0, top)
      .map(({ k, ms }) => ({ fn: k, ms })),
  };
}

/** A Markdown table of a summary, per request when `requests` is given. */
export function profileTable(title: string, summary: ProfileSummary, requests = 1, rows = 15): string {
  const per = (ms: number) => (ms / requests).toFixed(2);
  const share = (ms: number) => `${((100 * ms) / (summary.busyMs || 1)).toFixed(0)} %`;
  const out = [
    `#### ${title}: ${per(summary.busyMs)} ms of server CPU per request (${requests} requests, sampled)`,
    "",
    "| place | ms per request | share |",
    "|---|---|---|",
    ...summary.places.slice(0, rows).map((p) => `| ${p.place} | ${per(p.ms)} | ${share(p.ms)} |`),
    "",
    "| function (self time) | ms per request | share |",
    "|---|---|---|",
    ...summary.functions.slice(0, rows).map((f) => `| \`${f.fn}\` | ${per(f.ms)} | ${share(f.ms)} |`),
  ];
  return out.join("\n");
}
