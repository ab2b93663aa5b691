import { readdirSync } from "node:fs";
import os from "node:os";

/**
 * The niceness of background work (text extraction): pages and uploads, at 0, get ~90 % of a core they compete for
 * with it (Linux's scheduler weights 1024 against 110), and it still gets the rest — a lower priority, not a starved
 * one: on a machine busy for minutes, its work must still end within its time limit.
 */
export const BACKGROUND_NICENESS = 10;

/**
 * Lowers the CPU priority of every thread of the calling process — its JavaScript thread and the ones Node and V8
 * started before it ran (garbage collection, compilation, libuv's pool). On Linux the nice value is per thread:
 * setpriority() given a thread's id changes that thread alone, and a thread started later inherits its creator's.
 * Answers the niceness now in effect on the calling thread, or null where that cannot be done (another system, no
 * /proc, or not permitted): the process then runs as it was.
 */
export function lowerThisProcessPriority(niceness = BACKGROUND_NICENESS): number | null {
  try {
    for (const entry of readdirSync("/proc/self/task")) {
      const tid = Number(entry);
      if (!Number.isInteger(tid) || tid <= 0) continue;
      try {
        if (os.getPriority(tid) < niceness) os.setPriority(tid, niceness);
      } catch {
        // the thread ended meanwhile
      }
    }
    const now = os.getPriority(process.pid);
    return now >= niceness ? now : null;
  } catch {
    return null;
  }
}
