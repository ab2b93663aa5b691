/**
 * Each integration file gets a temporary directory of its own (TMPDIR, so `os.tmpdir()` and everything built on it:
 * the PostgreSQL store's upload staging directory, the extraction's temporary files, the files' own scratch
 * directories, the commands they spawn). Two files run at once (vitest.config.ts `maxWorkers`), and a test that
 * checks that nothing was left behind in a shared directory would otherwise see the other file's work.
 * Removed after the file.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";

const own = mkdtempSync(path.join(os.tmpdir(), "liaison-test-file-"));
process.env.TMPDIR = own;

afterAll(() => {
  rmSync(own, { recursive: true, force: true });
});
