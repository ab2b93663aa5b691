import { readlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * The niceness of background threads (text extraction): pages and uploads, at 0, get ~90 % of a core they compete for
 * with such a thread (Linux's scheduler weights 1024 against 110), and the thread still gets the rest — a lower
 * priority, not a starved one: on a machine busy for minutes, its work must still end within its time limit.
 */
export const BACKGROUND_NICENESS = 10;

/**
 * Lowers the CPU priority of the calling thread only: on Linux the nice value is per thread, and setpriority() given
 * a thread's id changes that thread alone (its id read from /proc/thread-self). Answers the niceness now in effect,
 * or null where that cannot be done (another system, no /proc, or not permitted): the thread then runs as it was.
 */
export function lowerThisThreadPriority(niceness = BACKGROUND_NICENESS): number | null {
  try {
    const tid = Number(path.basename(readlinkSync("/proc/thread-self")));
    if (!Number.isInteger(tid) || tid <= 0) return null;
    if (os.getPriority(tid) < niceness) os.setPriority(tid, niceness);
    return os.getPriority(tid);
  } catch {
    return null;
  }
}
