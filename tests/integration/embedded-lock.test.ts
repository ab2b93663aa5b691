/**
 * The platform's rule: never two processes on one embedded (PGlite) data directory. PGlite does not lock it, so a
 * second `npm start` on the same DATA_DIR (or `npm run db:migrate`, `db:seed`) opened the directory the running
 * app held — a second Postgres writing the same files — migrated it and swept its attachments, and only then
 * failed on the port. Now the second opener is refused with the holder named (ADR 045).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/server/db/connection";
import { EmbeddedDatabaseBusyError } from "@/server/db/embedded-lock";
import { migrate } from "@/server/db/migrate";
import { testEngine } from "../support/test-database";

const root = mkdtempSync(path.join(tmpdir(), "embedded-lock-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe.skipIf(testEngine !== "pglite")("an embedded data directory is opened by one process at a time", () => {
  it("a second open is refused while the first holds it, and succeeds once it is closed", async () => {
    const dir = path.join(root, "one", "pglite");
    const first = await openDatabase({ kind: "pglite", dir });
    await migrate(first.sql);
    await expect(openDatabase({ kind: "pglite", dir })).rejects.toBeInstanceOf(EmbeddedDatabaseBusyError);
    await first.close();
    const second = await openDatabase({ kind: "pglite", dir });
    expect(await second.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "_prisma_migrations"`)).toEqual([
      { n: expect.any(Number) },
    ]);
    await second.close();
  }, 120_000);

  it("npm run db:migrate while the app holds the directory says so and exits non-zero, touching nothing", async () => {
    const dataDir = path.join(root, "two");
    const held = await openDatabase({ kind: "pglite", dir: path.join(dataDir, "pglite") });
    try {
      const run = spawnSync(
        process.execPath,
        [path.resolve("node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "scripts/db-migrate.ts"],
        { encoding: "utf8", env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", LOG_LEVEL: "silent" } },
      );
      expect(run.status).not.toBe(0);
      expect(run.stderr).toContain(`is open in another process (PID ${process.pid}`);
      // Not migrated behind the holder's back: the holder never migrated it, and it is still empty.
      expect(
        await held.sql.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = '_prisma_migrations'`,
        ),
      ).toEqual([{ n: 0 }]);
    } finally {
      await held.close();
    }
  }, 120_000);
});
