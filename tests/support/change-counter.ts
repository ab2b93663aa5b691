/**
 * How many rows of any table have been inserted, deleted or changed (committed work only), for tests that prove a
 * refused call wrote nothing: a row trigger on every table appends a row to "_test_changes" for each. An UPDATE that
 * leaves a row as it was does not count, so "the database changed" means what a checksum of every row of every table
 * would say — at the cost of one row count instead of hashing tables twice per call. authz-matrix.test.ts proves the
 * counter sees each kind of change (insert, update, delete; not a no-op update, not a rollback).
 */
import type { Database } from "@/server/db/connection";

export async function installChangeCounter(db: Database): Promise<() => Promise<string>> {
  const sql = db.sql;
  const tables = await sql.query<{ name: string }>(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1",
  );
  // One row appended per change, not a counter updated in place: a counter row would be locked by every writing
  // transaction until it ends, and make the app's concurrent connections wait on each other (PostgreSQL).
  await sql.query(`CREATE TABLE "_test_changes" (at timestamptz NOT NULL DEFAULT clock_timestamp())`);
  await sql.query(
    `CREATE FUNCTION "_test_count_change"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO "_test_changes" DEFAULT VALUES; RETURN NULL; END $$`,
  );
  for (const { name } of tables) {
    await sql.query(
      `CREATE TRIGGER "_test_write" AFTER INSERT OR DELETE ON "${name}" FOR EACH ROW EXECUTE FUNCTION "_test_count_change"()`,
    );
    await sql.query(
      `CREATE TRIGGER "_test_change" AFTER UPDATE ON "${name}" FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION "_test_count_change"()`,
    );
    await sql.query(
      `CREATE TRIGGER "_test_truncate" AFTER TRUNCATE ON "${name}" FOR EACH STATEMENT EXECUTE FUNCTION "_test_count_change"()`,
    );
  }
  return async () => {
    const [row] = await sql.query<{ n: string }>(`SELECT count(*)::text AS n FROM "_test_changes"`);
    return row?.n ?? "";
  };
}
