import { readFileSync } from "node:fs";
import { messages, PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { PreparedStatements, preparedQuery } from "@/server/db/pglite-prepared.mjs";

// ADR 051: the embedded database parses each distinct statement once and keeps it as a prepared statement, so that
// Postgres neither parses nor (once its plan cache has a generic plan) plans it again. Every answer must be the one
// PGlite's own `query` gives. (That the server's thread keeps them: pglite-thread.test.ts.)

describe("PreparedStatements answers as PGlite's query does", () => {
  let pg: PGlite;
  let statements: PreparedStatements;
  const prepared = <T>(sql: string, params: unknown[] = [], options = {}) =>
    preparedQuery<T>(pg, statements, sql, params, options);

  beforeAll(async () => {
    // From the integration project's initdb template where there is one (docs/testing.md): no initdb here.
    const template = inject("pgliteTemplates");
    pg = await PGlite.create(template ? { loadDataDir: new Blob([readFileSync(template.empty)]) } : {});
    await pg.exec(`
      CREATE TABLE thing (id serial PRIMARY KEY, name text UNIQUE NOT NULL, at timestamptz, n int8, tags text[],
        doc jsonb, flag bool, price numeric);
      INSERT INTO thing (name, at, n, tags, doc, flag, price) VALUES
        ('one', '2026-12-07 10:00:00+00', 9007199254740993, '{a,b}', '{"x": [1, 2]}', true, 12.50),
        ('two', NULL, NULL, NULL, NULL, NULL, NULL);`);
  });
  beforeEach(async () => {
    await pg.exec("DEALLOCATE ALL"); // each test starts with nothing kept
    statements = new PreparedStatements(pg);
  });
  afterAll(async () => {
    await pg.close();
  });

  it("rows as objects and as arrays, every type parsed the same, nulls kept, the same fields", async () => {
    const sql = "SELECT id, name, at, n, tags, doc, flag, price FROM thing WHERE id >= $1 ORDER BY id";
    for (const options of [{}, { rowMode: "array" as const }]) {
      const mine = await prepared(sql, [1], options);
      const theirs = await pg.query(sql, [1], options);
      expect(mine.rows).toEqual(theirs.rows);
      expect(mine.fields).toEqual(theirs.fields);
      expect(mine.affectedRows).toBe(theirs.affectedRows);
    }
  });

  it("parameters serialised as PGlite serialises them (dates, arrays, objects, null)", async () => {
    const sql = "SELECT $1::timestamptz AS at, $2::text[] AS tags, $3::jsonb AS doc, $4::int AS none";
    const params = [new Date("2026-12-07T10:00:00Z"), ["x", "y,z"], { a: [1, "b"] }, null];
    expect((await prepared(sql, params)).rows).toEqual((await pg.query(sql, params)).rows);
  });

  it("the caller's parsers come before PGlite's", async () => {
    const { rows } = await prepared<unknown[]>("SELECT n, name FROM thing WHERE id = $1", [1], {
      rowMode: "array",
      parsers: { 20: (text: string) => `int8:${text}` },
    });
    expect(rows).toEqual([["int8:9007199254740993", "one"]]);
  });

  it("affected rows of INSERT, UPDATE and DELETE, and rows of RETURNING", async () => {
    const inserted = await prepared("INSERT INTO thing (name) VALUES ($1), ($2)", ["three", "four"]);
    expect(inserted.affectedRows).toBe(2);
    const updated = await prepared<{ name: string }>(
      "UPDATE thing SET flag = false WHERE name = ANY($1) RETURNING name",
      [["three", "four"]],
    );
    expect(updated.affectedRows).toBe(2);
    expect(updated.rows.map((r) => r.name).sort()).toEqual(["four", "three"]);
    const deleted = await prepared("DELETE FROM thing WHERE name = ANY($1)", [["three", "four"]]);
    expect(deleted.affectedRows).toBe(2);
    expect(deleted.rows).toEqual([]);
  });

  it("a statement that does not parse is refused with Postgres's error and not kept; the next one runs", async () => {
    const error = await prepared("SELEC name FROM thing").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(messages.DatabaseError);
    expect(error).toMatchObject({ code: "42601" });
    expect(statements.size).toBe(0);
    expect((await prepared<{ name: string }>("SELECT name FROM thing WHERE id = $1", [1])).rows).toEqual([
      { name: "one" },
    ]);
  });

  it("a statement that fails when it runs keeps its statement, and the session goes on", async () => {
    const sql = "INSERT INTO thing (name) VALUES ($1)";
    const error = await prepared(sql, ["one"]).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "23505", constraint: "thing_name_key" });
    expect(statements.size).toBe(1);
    await prepared(sql, ["five"]);
    expect(statements.parsed).toBe(1);
    await prepared("DELETE FROM thing WHERE name = $1", ["five"]);
  });

  it("keeps at most its limit: the least recently used statement is closed, and parsed again when it comes back", async () => {
    statements = new PreparedStatements(pg, 3);
    const sql = (k: number) => `SELECT ${k} AS k, name FROM thing WHERE id = $1`;
    for (const k of [1, 2, 3, 1, 4, 5]) expect((await prepared<{ k: number }>(sql(k), [1])).rows[0]?.k).toBe(k);
    expect(statements.size).toBe(3);
    const kept = await pg.query<{ statement: string }>(
      "SELECT statement FROM pg_prepared_statements ORDER BY statement",
    );
    // 1 was used again before 4 came, so 2 and 3 went.
    expect(kept.rows.map((r) => r.statement)).toEqual([sql(1), sql(4), sql(5)]);
    expect((await prepared<{ k: number }>(sql(2), [1])).rows[0]?.k).toBe(2);
    expect(statements.parsed).toBe(6);
  });

  it("a table changed under a kept statement (a migration): the statement is parsed again and answers the new shape", async () => {
    await pg.exec("CREATE TABLE shape (id int PRIMARY KEY); INSERT INTO shape VALUES (1)");
    const sql = "SELECT * FROM shape WHERE id = $1";
    expect((await prepared(sql, [1])).rows).toEqual([{ id: 1 }]);
    await pg.exec("ALTER TABLE shape ADD COLUMN label text DEFAULT 'new'");
    expect((await prepared(sql, [1])).rows).toEqual([{ id: 1, label: "new" }]);
    expect(statements.parsed).toBe(2);
  });
});

// The same on PostgreSQL, through Prisma's adapter (node-pg's named statements). CI's PostgreSQL pass runs it.
describe.skipIf(!process.env.TEST_DATABASE_URL)("on PostgreSQL, Prisma's statements are named and kept", () => {
  it("a statement run twice on one connection is parsed there once; with prepared = false none is kept", async () => {
    const { openDatabase } = await import("@/server/db/connection");
    const url = process.env.TEST_DATABASE_URL ?? "";
    const keptOn = async (prepared: boolean) => {
      const db = await openDatabase({ kind: "postgres", url, prepared });
      try {
        // One interactive transaction holds one connection: the statement twice, then what that session keeps.
        return await db.prisma.$transaction(async (tx) => {
          for (const n of [1, 2]) await tx.$queryRaw`SELECT ${n}::int AS n, 'prepared-statement-probe' AS probe`;
          const rows = await tx.$queryRaw<{ n: number }[]>`
            SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement LIKE '%prepared-statement-probe%'
              AND statement NOT LIKE '%pg_prepared_statements%'`;
          return rows[0]?.n;
        });
      } finally {
        await db.close();
      }
    };
    expect(await keptOn(true)).toBe(1);
    expect(await keptOn(false)).toBe(0);
  });
});
