import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { EmbeddedDatabaseBusyError, embeddedLockHolder, lockEmbeddedDatabase, lockFileOf } from "./embedded-lock";

const dirs: string[] = [];
const dataDir = () => {
  const root = mkdtempSync(path.join(tmpdir(), "embedded-lock-"));
  dirs.push(root);
  return path.join(root, "pglite");
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The PID of a process that has exited (and been reaped): nobody holds a lock with it. */
const deadPid = () => spawnSync(process.execPath, ["-e", ""]).pid as number;

describe("one process at a time on an embedded data directory", () => {
  it("writes this process's PID beside the directory and removes it on release", () => {
    const dir = dataDir();
    const release = lockEmbeddedDatabase(dir);
    // Its PID and, on Linux, when it started (the kernel's clock ticks since boot).
    expect(readFileSync(lockFileOf(dir), "utf8").trim()).toMatch(new RegExp(`^${process.pid} \\d+$`));
    expect(embeddedLockHolder(dir)).toBe(process.pid);
    release();
    release(); // twice is harmless
    expect(existsSync(lockFileOf(dir))).toBe(false);
    expect(embeddedLockHolder(dir)).toBeNull();
  });

  it("refuses a second opener while the holder lives, naming it and the lock file — this process too", () => {
    const dir = dataDir();
    const release = lockEmbeddedDatabase(dir);
    let error: unknown;
    try {
      lockEmbeddedDatabase(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EmbeddedDatabaseBusyError);
    expect((error as Error).message).toContain(`is open in another process (PID ${process.pid}`);
    expect((error as Error).message).toContain(lockFileOf(dir));
    release();
    lockEmbeddedDatabase(dir)();
  });

  it("takes over a lock its process left behind (killed), and one that holds no PID", () => {
    const dir = dataDir();
    writeFileSync(lockFileOf(dir), `${deadPid()}\n`);
    expect(embeddedLockHolder(dir)).toBeNull();
    const release = lockEmbeddedDatabase(dir);
    expect(embeddedLockHolder(dir)).toBe(process.pid);
    release();
    writeFileSync(lockFileOf(dir), "-42\n");
    lockEmbeddedDatabase(dir)();
    expect(existsSync(lockFileOf(dir))).toBe(false);
  });

  it("a lock naming a live PID that started at another time is stale: the PID went to another process", () => {
    // A container restarted after a crash numbers its processes as before: the new app may meet its own PID (or its
    // parent's) in the lock the killed one left.
    const dir = dataDir();
    writeFileSync(lockFileOf(dir), `${process.pid} 12345\n`);
    expect(embeddedLockHolder(dir)).toBeNull();
    const release = lockEmbeddedDatabase(dir);
    expect(embeddedLockHolder(dir)).toBe(process.pid);
    release();
  });

  it("a release never removes a lock another process has taken since", () => {
    const dir = dataDir();
    const release = lockEmbeddedDatabase(dir);
    writeFileSync(lockFileOf(dir), "1\n"); // (PID 1: alive)
    release();
    expect(embeddedLockHolder(dir)).toBe(1);
  });
});
