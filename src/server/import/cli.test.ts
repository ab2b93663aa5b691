import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { embeddedDatabaseHolder, heldDatabaseMessage, parseCommand, progressLine, UsageError } from "./cli";

const dir = mkdtempSync(path.join(tmpdir(), "dt-cli-unit-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("parseCommand", () => {
  it("reads an import from a directory or a URL, and a snapshot", () => {
    expect(parseCommand(["--source", dir, "--attachments", dir, "--dry-run", "--strict"])).toEqual({
      kind: "import",
      source: dir,
      attachments: dir,
      dryRun: true,
      strict: true,
      delayMs: 1000,
    });
    expect(parseCommand(["--source", "https://datatracker.ietf.org"])).toMatchObject({ kind: "import", dryRun: false });
    expect(parseCommand(["--snapshot", "https://datatracker.ietf.org", "--out", dir, "--delay", "250"])).toEqual({
      kind: "snapshot",
      url: "https://datatracker.ietf.org",
      out: dir,
      delayMs: 250,
    });
  });

  it.each([
    [[], "--source <dir|url> is required"],
    [["--source", path.join(dir, "nope")], "no such directory"],
    [["--source", dir, "--attachments", path.join(dir, "nope")], "no such directory"],
    [["--snapshot", "https://x.example"], "--snapshot needs --out"],
    [["--snapshot", "not-a-url", "--out", dir], "needs the Datatracker's URL"],
    [["--snapshot", "https://x.example", "--out", dir, "--source", dir], "do not go together"],
    [["--source", dir, "--delay", "soon"], "--delay must be"],
    [["--source", dir, "--colour"], "Unknown option"],
  ])("%j → %s", (argv, message) => {
    expect(() => parseCommand(argv)).toThrow(UsageError);
    expect(() => parseCommand(argv)).toThrow(message);
  });
});

describe("embeddedDatabaseHolder", () => {
  it("names the live process that holds the directory (ADR 045); not a crashed one, never for PostgreSQL", () => {
    const pglite = path.join(dir, "pglite");
    mkdirSync(pglite, { recursive: true });
    expect(embeddedDatabaseHolder({ kind: "pglite", dir: pglite })).toBeNull();
    // What PGlite leaves behind when its process is killed says nothing about who holds the directory.
    writeFileSync(path.join(pglite, "postmaster.pid"), "-42\n");
    expect(embeddedDatabaseHolder({ kind: "pglite", dir: pglite })).toBeNull();
    writeFileSync(`${pglite}.lock`, `${process.pid}\n`);
    expect(embeddedDatabaseHolder({ kind: "pglite", dir: pglite })).toEqual({
      dir: pglite,
      lockFile: `${pglite}.lock`,
      pid: process.pid,
    });
    const gone = spawnSync(process.execPath, ["-e", ""]).pid as number;
    writeFileSync(`${pglite}.lock`, `${gone}\n`);
    expect(embeddedDatabaseHolder({ kind: "pglite", dir: pglite })).toBeNull();
    expect(embeddedDatabaseHolder({ kind: "postgres", url: "postgresql://x@127.0.0.1/db" })).toBeNull();
  });
});

describe("heldDatabaseMessage", () => {
  it("names the holder's PID, what to do, and the lock to remove if that process is gone — in that order", () => {
    const holder = { dir: "/srv/data/pglite", lockFile: "/srv/data/pglite.lock", pid: 4242 };
    expect(heldDatabaseMessage(holder, "Stop the app, then run the import again.").split("\n")).toEqual([
      "The embedded database at /srv/data/pglite is in use: the app (npm start) or another process holds it (PID 4242).",
      "Stop the app, then run the import again.",
      "If no process 4242 runs, remove /srv/data/pglite.lock and try again.",
    ]);
  });
});

describe("progressLine", () => {
  it("is a plain line without a terminal, a bar redrawn in place on one", () => {
    const progress = { resource: "liaisons/liaisonstatement", read: 1200, step: 6, steps: 9 };
    expect(progressLine(progress, false)).toBe("[import] 6/9 liaisons/liaisonstatement: 1200 read");
    const bar = progressLine(progress, true, 18);
    expect(bar.startsWith("\r[##########--------] 6/9 liaisons/liaisonstatement")).toBe(true);
    expect(bar).toMatch(/ 1200 read$/);
  });
});
