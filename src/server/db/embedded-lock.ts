import "server-only";
import { readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * One process at a time on an embedded (PGlite) data directory (ADR 045). PGlite does not lock its directory:
 * a second process opening it runs a second Postgres over the same files, and both write. Its `postmaster.pid`
 * (always "-42") does not say who holds it, and a killed process leaves it behind. So the process that opens the
 * directory writes its PID and start time into `<dir>.lock` beside it (created exclusively), and removes it when it
 * closes the database. A lock whose process is gone (a crash, SIGKILL) is stale and taken over.
 */

export class EmbeddedDatabaseBusyError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(
      `The embedded database in ${dir} is open in another process (PID ${pid}: the app, or a command such as npm run ` +
        "db:migrate). Only one process may open it at a time: stop that one first. (If no such process runs, delete " +
        `${lockFileOf(dir)}.)`,
    );
    this.name = "EmbeddedDatabaseBusyError";
  }
}

export const lockFileOf = (dir: string) => `${path.resolve(dir)}.lock`;

/**
 * When a process started, in clock ticks since boot (Linux: /proc/<pid>/stat, field 22); null elsewhere. With the
 * PID it names one process: a PID alone may have been given to another process since (a container restarted after
 * a crash numbers its processes as before, so the new app could meet its own PID, or its parent's, in the old lock).
 */
function startTimeOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch {
    return null;
  }
}

/** The PID of the live process holding `dir`, or null (no lock, or a stale one). This process counts too. */
export function embeddedLockHolder(dir: string): number | null {
  let pid: number;
  let started: string | undefined;
  try {
    const [first, second] = readFileSync(lockFileOf(dir), "utf8").trim().split(/\s+/);
    pid = Number.parseInt(first ?? "", 10);
    started = second;
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists, under another user.
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return null;
  }
  // Alive — but the same process only if it started when the lock says (where that can be read).
  const now = startTimeOf(pid);
  return started && now && started !== now ? null : pid;
}

/**
 * Takes `dir` for this process, or throws EmbeddedDatabaseBusyError naming the process that has it (this one
 * included: opening the same directory twice in one process corrupts it just the same). Returns the release.
 */
export function lockEmbeddedDatabase(dir: string): () => void {
  const file = lockFileOf(dir);
  for (let attempt = 1; ; attempt++) {
    try {
      writeFileSync(file, `${process.pid} ${startTimeOf(process.pid) ?? ""}\n`, { flag: "wx" });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST" || attempt === 3) throw error;
      const holder = embeddedLockHolder(dir);
      if (holder !== null) throw new EmbeddedDatabaseBusyError(path.resolve(dir), holder);
      // Stale: its process is gone. Removed, then taken like a free one (two racing for it: one wins `wx`, the
      // other finds the winner on its next attempt).
      try {
        unlinkSync(file);
      } catch {
        // another process removed it first
      }
    }
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    try {
      if (Number.parseInt(readFileSync(file, "utf8"), 10) === process.pid) unlinkSync(file);
    } catch {
      // already gone
    }
  };
}

/** For the commands (`npm run db:migrate`, `db:seed`): a busy directory is said in one line, exit 1; else rethrown. */
export function exitWhenBusy(error: unknown): never {
  if (!(error instanceof EmbeddedDatabaseBusyError)) throw error;
  console.error(error.message);
  process.exit(1);
}
