/**
 * The PGlite template databases (tests/support/pglite-templates.ts, ADR 032) stand in for initdb, migrate and
 * seedDemo in every other integration file: a copy must hold exactly what those steps give a fresh database.
 * On PostgreSQL there are no templates, and each file's schema is made by those steps themselves.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type Database, openDatabase } from "@/server/db/connection";
import { migrate, readMigrations } from "@/server/db/migrate";
import { seedDemo } from "@/server/seed/seed-demo";
import { storedBytes } from "../support/attachments";
import { createDemoDatabaseFromTemplate, createTestDatabase, testEngine } from "../support/test-database";

const templates = inject("pgliteTemplates");
const opened: Database[] = [];
afterAll(async () => {
  for (const db of opened.splice(0)) await db.close();
});

async function rowCounts(db: Database): Promise<Record<string, number>> {
  const tables = await db.sql.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
     WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const counts: Record<string, number> = {};
  for (const { table_name } of tables) {
    const [row] = await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table_name}"`);
    counts[table_name] = row?.n ?? -1;
  }
  return counts;
}

// Skipped on PostgreSQL, and when TEST_PGLITE_TEMPLATES=0 turns the templates off.
describe.runIf(testEngine === "pglite" && process.env.TEST_PGLITE_TEMPLATES !== "0")(
  "PGlite template databases",
  () => {
    let fresh: Database;
    beforeAll(async () => {
      // What every file did before the templates: initdb, migrate, seedDemo (with the template's `now`).
      fresh = await openDatabase({ kind: "pglite" });
      opened.push(fresh);
      await migrate(fresh.sql);
      await seedDemo(fresh, { now: new Date(templates?.demoSeededAt ?? Date.now()) });
    });

    it("are made by the integration project's global setup", () => {
      expect(templates).not.toBeNull();
    });

    it("an unmigrated database from the template is as initdb leaves it: no tables", async () => {
      const db = await createTestDatabase({ migrated: false });
      opened.push(db);
      expect(await rowCounts(db)).toEqual({});
      expect((await migrate(db.sql)).applied).toEqual(readMigrations().map((m) => m.name));
    });

    it("a migrated database from the template has every migration applied and recorded, and no rows", async () => {
      const db = await createTestDatabase();
      opened.push(db);
      const again = await migrate(db.sql);
      expect(again.applied).toEqual([]);
      expect(again.alreadyApplied).toEqual(readMigrations().map((m) => m.name));
      const counts = await rowCounts(db);
      expect(Object.keys(counts)).toEqual(Object.keys(await rowCounts(fresh)));
      expect(Object.entries(counts).filter(([table, n]) => table !== "_prisma_migrations" && n !== 0)).toEqual([]);
    });

    it("the demo world from the template holds what seedDemo adds to a fresh database, attachment bytes included", async () => {
      const db = await createDemoDatabaseFromTemplate();
      expect(db).not.toBeNull();
      if (!db) return;
      opened.push(db);
      expect(await rowCounts(db)).toEqual(await rowCounts(fresh));
      // Nothing left to add: seedDemo is idempotent, so a complete demo world gets no new rows.
      expect(await seedDemo(db)).toBe("0 organizations, 0 groups, 0 people, 0 statements");
      const attachments = await db.prisma.attachment.findMany({ select: { sha256: true, size: true } });
      expect(attachments.length).toBeGreaterThan(0);
      for (const a of attachments) expect((await storedBytes(db, a.sha256)).byteLength).toBe(a.size);
    });

    it("each file gets a database of its own: a write to one copy is not in the next", async () => {
      const first = await createDemoDatabaseFromTemplate();
      const second = await createDemoDatabaseFromTemplate();
      if (!first || !second) throw new Error("no demo template");
      opened.push(first, second);
      await first.sql.exec(`DELETE FROM "AuditLog"; CREATE TABLE "TemplateIsolationCheck" (id int)`);
      const [table] = await second.sql.query(`SELECT to_regclass('"TemplateIsolationCheck"') AS t`);
      expect(table).toEqual({ t: null });
      expect(await rowCounts(second)).toEqual(await rowCounts(fresh));
    });
  },
);
