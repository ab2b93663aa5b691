import { describe, expect, it } from "vitest";
import { MigrationError, migrate, readMigrations } from "@/server/db/migrate";
import { createTestDatabase } from "../support/test-database";

describe("migrator", () => {
  it("applies every migration once, and a second run applies nothing", async () => {
    const db = await createTestDatabase({ migrated: false });
    try {
      const all = readMigrations().map((m) => m.name);
      const first = await migrate(db.sql);
      expect(first.applied).toEqual(all);
      const second = await migrate(db.sql);
      expect(second.applied).toEqual([]);
      expect(second.alreadyApplied).toEqual(all);
      const rows = await db.sql.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
        `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name`,
      );
      expect(rows.map((r) => r.migration_name)).toEqual(all);
      expect(rows.every((r) => r.finished_at !== null && /^[0-9a-f]{64}$/.test(r.checksum))).toBe(true);
    } finally {
      await db.close();
    }
  });

  it("refuses a migration that was edited after it was applied", async () => {
    const db = await createTestDatabase();
    try {
      const edited = readMigrations().map((m, i) => (i === 0 ? { ...m, checksum: "0".repeat(64) } : m));
      await expect(migrate(db.sql, edited)).rejects.toThrow(MigrationError);
      await expect(migrate(db.sql, edited)).rejects.toThrow(/checksum mismatch/);
    } finally {
      await db.close();
    }
  });

  it("rolls back a failing migration completely and records nothing", async () => {
    const db = await createTestDatabase();
    try {
      const broken = [
        ...readMigrations(),
        {
          name: "99999999999999_broken",
          sql: `CREATE TABLE "Half" (id int); SELECT * FROM "NoSuchTable";`,
          checksum: "x".repeat(64),
        },
      ];
      await expect(migrate(db.sql, broken)).rejects.toThrow(/99999999999999_broken failed/);
      const half = await db.sql.query(`SELECT to_regclass('"Half"') AS t`);
      expect(half[0]).toEqual({ t: null });
      const recorded = await db.sql.query(
        `SELECT 1 FROM "_prisma_migrations" WHERE migration_name = '99999999999999_broken'`,
      );
      expect(recorded).toHaveLength(0);
    } finally {
      await db.close();
    }
  });
});
