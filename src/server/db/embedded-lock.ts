import "server-only";
import { readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * One process at a time on an embedded (PGlite) data directory (ADR 045). PGlite does not lock its directory:
 * a second process opening it runs a second Postgres over the same files, and both write. Its `postmaster.pid`
 * (always "-42") does not say who holds it, and a killed process leaves it behind. So the process that opens the
 * directory writes its PID into `<dir>.lock` beside it (created exclusively), and removes it when it closes the
 * database. A lock whose process is gone (a crash, SIGKILL) is stale and taken over.
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

/** The PID of the live process holding `dir`, or null (no lock, or a stale one). This process counts too. */
export function embeddedLockHolder(dir: string): number | null {
  let pid: number;
  try {
    pid = Number.parseInt(readFileSync(lockFileOf(dir), "utf8"), 10);
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === "EPERM" ? pid : null;
  }
}

/**
 * Takes `dir` for this process, or throws EmbeddedDatabaseBusyError naming the process that has it (this one
 * included: opening the same directory twice in one process corrupts it just the same). Returns the release.
 */
export function lockEmbeddedDatabase(dir: string): () => void {
  const file = lockFileOf(dir);
  for (let attempt = 1; ; attempt++) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: "wx" });
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
