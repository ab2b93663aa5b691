/**
 * CPU accounting from /proc (Linux): CPU time used by the server's process group, by this process (the
 * load generator) and by the whole machine during a measured window. On a shared machine the wall-clock
 * figures depend on what else runs; CPU milliseconds per request do much less, and "other load" says how
 * much the rest of the machine took meanwhile. Returns nothing off Linux.
 */
import { readdirSync, readFileSync } from "node:fs";

const TICK_MS = 10; // USER_HZ is 100 on Linux (getconf CLK_TCK)

function statFields(pid: string): string[] | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // comm (field 2) may hold spaces and parentheses: split after the last ')'
    return text.slice(text.lastIndexOf(")") + 2).split(" ");
  } catch {
    return null;
  }
}

/** The live processes of process group `pgid` (empty off Linux). */
export function groupPids(pgid: number): string[] {
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return [];
  }
  // after comm: [0] state, [1] ppid, [2] pgrp, ..., [11] utime, [12] stime
  return entries.filter((entry) => /^\d+$/.test(entry) && Number(statFields(entry)?.[2]) === pgid);
}

/** Resident memory (bytes) of process `pid` (Linux /proc; 0 elsewhere, or when it is gone). */
export function processRss(pid: number | string): number {
  try {
    return Number(readFileSync(`/proc/${pid}/statm`, "utf8").split(" ")[1]) * 4096;
  } catch {
    return 0;
  }
}

/** Resident memory (bytes) of every process in process group `pgid` (Linux /proc; 0 elsewhere). */
export function groupRss(pgid: number): number {
  return groupPids(pgid).reduce((total, pid) => total + processRss(pid), 0);
}

/** CPU ms (user + system) of every live process in process group `pgid`. */
export function groupCpuMs(pgid: number): number {
  let ticks = 0;
  for (const pid of groupPids(pgid)) {
    const fields = statFields(pid);
    if (fields) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks * TICK_MS;
}

/** Whether `pid` is one of the server's background processes (the attachment reader, ADR 047: threads/entry.mjs). */
function isBackgroundProcess(pid: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("/src/server/threads/entry.mjs");
  } catch {
    return false;
  }
}

/**
 * CPU ms of the main threads of process group `pgid`: the server's JavaScript thread, which renders every
 * page (plus npm's when started through it, idle) — without its worker threads and without its background
 * processes (the attachment reader's main thread reads documents, not pages; it is in groupCpuMs).
 */
export function groupMainThreadCpuMs(pgid: number): number {
  let ticks = 0;
  for (const pid of groupPids(pgid)) {
    if (isBackgroundProcess(pid)) continue;
    const fields = statFields(`${pid}/task/${pid}`);
    if (fields) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks * TICK_MS;
}

/** Busy CPU ms of the whole machine (all cores), from /proc/stat. */
export function machineBusyMs(): number {
  try {
    const line = readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "";
    const [, ...values] = line.trim().split(/\s+/);
    const n = values.map(Number);
    const total = n.slice(0, 8).reduce((a, b) => a + b, 0);
    const idle = (n[3] ?? 0) + (n[4] ?? 0);
    return (total - idle) * TICK_MS;
  } catch {
    return Number.NaN;
  }
}

export interface CpuWindow {
  /** server process group CPU ms per completed request */
  serverMsPerRequest: number;
  /** load generator (this process) CPU ms per completed request */
  clientMsPerRequest: number;
  /** average cores busy with the server during the window */
  serverCores: number;
  /** average cores busy with everything else on the machine (other processes) during the window */
  otherCores: number;
}

export interface CpuSampler {
  start(): void;
  stop(requests: number, windowMs: number): CpuWindow | null;
}

export function cpuSampler(serverPgid: number): CpuSampler {
  let server = 0;
  let client = 0;
  let machine = 0;
  return {
    start() {
      server = groupCpuMs(serverPgid);
      const usage = process.cpuUsage();
      client = (usage.user + usage.system) / 1000;
      machine = machineBusyMs();
    },
    stop(requests, windowMs) {
      const usage = process.cpuUsage();
      const serverMs = groupCpuMs(serverPgid) - server;
      const clientMs = (usage.user + usage.system) / 1000 - client;
      const machineMs = machineBusyMs() - machine;
      if (!Number.isFinite(serverMs) || !Number.isFinite(machineMs) || requests === 0 || windowMs <= 0) return null;
      return {
        serverMsPerRequest: serverMs / requests,
        clientMsPerRequest: clientMs / requests,
        serverCores: serverMs / windowMs,
        otherCores: Math.max(0, (machineMs - serverMs - clientMs) / windowMs),
      };
    },
  };
}
