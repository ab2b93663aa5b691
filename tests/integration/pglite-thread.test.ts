import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { messages, PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "@/generated/prisma/client";
import { configuredTarget } from "@/server/db";
import { type Database, openDatabase } from "@/server/db/connection";
import { PGliteThread } from "@/server/db/pglite-thread";

// ADR 049: the server's embedded database runs in a thread of its own. The app (through Prisma's adapter and its own
// SqlRunner) must see the same database as with PGlite on its own thread: rows, parsers, errors, transactions.

/** A promise and the function that resolves it. */
function signal(): [Promise<void>, () => void] {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return [promise, resolve];
}

describe("PGlite in a thread of its own (ADR 049)", () => {
  let thread: PGliteThread;

  beforeAll(async () => {
    thread = await PGliteThread.create({ startParams: PGlite.defaultStartParams });
    await thread.exec(`
      CREATE TABLE item (id serial PRIMARY KEY, name text UNIQUE NOT NULL, at timestamptz, n int8, flags bool[]);
      INSERT INTO item (name, at, n, flags) VALUES ('one', '2026-12-07 10:00:00+00', 9007199254740993, '{t,f}');`);
  });
  afterAll(async () => {
    await thread.close();
  });

  it("answers rows as objects or arrays, parsed as PGlite parses them", async () => {
    const objects = await thread.query<{ id: number; name: string; flags: boolean[] }>(
      "SELECT id, name, flags FROM item WHERE name = $1",
      ["one"],
    );
    expect(objects.rows).toEqual([{ id: 1, name: "one", flags: [true, false] }]);
    expect(objects.fields.map((f) => f.name)).toEqual(["id", "name", "flags"]);
    const arrays = await thread.query("SELECT id, name FROM item", [], { rowMode: "array" });
    expect(arrays.rows).toEqual([[1, "one"]]);
  });

  it("runs the caller's parsers (functions, which cannot cross threads) on the caller's side", async () => {
    const seen: string[] = [];
    const { rows } = await thread.query<unknown[]>("SELECT at, n, name FROM item", [], {
      rowMode: "array",
      parsers: {
        1184: (text: string) => {
          seen.push(text);
          return `timestamptz:${text}`;
        },
        20: (text: string) => `int8:${text}`,
      },
    });
    expect(rows).toEqual([["timestamptz:2026-12-07 10:00:00+00", "int8:9007199254740993", "one"]]);
    expect(seen).toEqual(["2026-12-07 10:00:00+00"]);
  });

  it("hands Postgres's errors over as PGlite's DatabaseError, with their code and detail", async () => {
    const error = await thread.query("INSERT INTO item (name) VALUES ('one')").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(messages.DatabaseError);
    expect(error).toMatchObject({ code: "23505", constraint: "item_name_key", severity: "ERROR" });
    expect((error as messages.DatabaseError).detail).toContain("(name)=(one)");
    expect((error as Error).message).toContain("duplicate key");
  });

  it("commits a transaction's statements together, and keeps other statements out until it ends", async () => {
    const [holding, inside] = signal();
    const [released, release] = signal();
    const order: string[] = [];
    const tx = thread.transaction(async (t) => {
      await t.query("INSERT INTO item (name) VALUES ('two')");
      inside();
      await released;
      await t.query("INSERT INTO item (name) VALUES ('three')");
      order.push("transaction done");
      return "result";
    });
    await holding;
    const outside = thread.query<{ n: number }>("SELECT count(*)::int AS n FROM item").then((r) => {
      order.push("outside read");
      return r.rows[0]?.n;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    expect(await tx).toBe("result");
    // The read waited for the commit and saw both rows.
    expect(await outside).toBe(3);
    expect(order).toEqual(["transaction done", "outside read"]);
  });

  it("rolls back when the callback throws, and rethrows the callback's own error", async () => {
    const failure = new Error("the use-case refused");
    await expect(
      thread.transaction(async (t) => {
        await t.query("INSERT INTO item (name) VALUES ('four')");
        throw failure;
      }),
    ).rejects.toBe(failure);
    const { rows } = await thread.query("SELECT name FROM item WHERE name = 'four'");
    expect(rows).toEqual([]);
    // The connection is usable afterwards.
    await thread.exec("SELECT 1");
  });

  it("rolls back on the transaction's own rollback (as Prisma's adapter does)", async () => {
    await thread.transaction(async (t) => {
      await t.query("INSERT INTO item (name) VALUES ('five')");
      await t.rollback();
    });
    expect((await thread.query("SELECT name FROM item WHERE name = 'five'")).rows).toEqual([]);
  });

  it("a failed statement inside a transaction rejects with its DatabaseError and rolls the whole back", async () => {
    const error = await thread
      .transaction(async (t) => {
        await t.query("INSERT INTO item (name) VALUES ('six')");
        await t.query("INSERT INTO item (name) VALUES ('one')");
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(messages.DatabaseError);
    expect((await thread.query("SELECT name FROM item WHERE name = 'six'")).rows).toEqual([]);
  });

  // ADR 051: each distinct statement is parsed once and kept as a prepared statement (pglite-prepared.test.ts).
  const KEPT = "SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement = $1";

  it("a statement run twice is parsed once: Postgres holds it as a prepared statement (ADR 051)", async () => {
    await thread.exec("CREATE TABLE kept (id serial PRIMARY KEY, name text NOT NULL)");
    const sql = "SELECT id, name FROM kept WHERE name = $1";
    await thread.query(sql, ["a"]);
    await thread.query(sql, ["b"]);
    expect((await thread.query<{ n: number }>(KEPT, [sql])).rows[0]?.n).toBe(1);
  });

  it("in a transaction too, and the kept statement outlives the transaction's rollback (ADR 051)", async () => {
    const sql = "INSERT INTO kept (name) VALUES ($1) RETURNING id";
    await thread
      .transaction(async (tx) => {
        await tx.query(sql, ["rolled back"]);
        throw new Error("undo");
      })
      .catch(() => {});
    expect((await thread.query<{ id: number }>(sql, ["kept"])).rows).toHaveLength(1);
    expect((await thread.query<{ n: number }>(KEPT, [sql])).rows[0]?.n).toBe(1);
    expect((await thread.query("SELECT name FROM kept WHERE name = 'rolled back'")).rows).toEqual([]);
  });

  it("reports the size of its WebAssembly memory (the server's memory report)", () => {
    expect(thread.wasmBytes).toBeGreaterThan(16 * 2 ** 20);
  });

  it("dumps its data directory, which opens as the same database elsewhere", async () => {
    const dump = await thread.dumpDataDir("none");
    const copy = await PGlite.create({ loadDataDir: dump });
    try {
      expect((await copy.query("SELECT name FROM item ORDER BY id")).rows).toEqual([
        { name: "one" },
        { name: "two" },
        { name: "three" },
      ]);
    } finally {
      await copy.close();
    }
  });

  // Last: it ends the thread the tests above share.
  it("once its thread has ended, every statement fails at once with a clear error", async () => {
    await thread.close();
    await expect(thread.query("SELECT 1")).rejects.toThrow("the embedded database's thread stopped");
    await expect(thread.transaction(async () => "never")).rejects.toThrow("the embedded database's thread stopped");
  });
});

describe("the app's database in the thread (what npm start opens)", () => {
  let db: Database;
  const dir = mkdtempSync(path.join(os.tmpdir(), "pglite-thread-"));
  const target = configuredTarget();

  beforeAll(async () => {
    // The server's own choice (configuredTarget), on a directory of this test's.
    if (target.kind !== "pglite") throw new Error("DATABASE_URL is set: this file tests the embedded database");
    db = await openDatabase({ ...target, dir: path.join(dir, "pglite"), attachmentsDir: path.join(dir, "files") });
    await db.sql.exec(
      "CREATE TABLE thing (id serial PRIMARY KEY, name text UNIQUE NOT NULL, at timestamptz NOT NULL DEFAULT now(), data bytea)",
    );
  });
  afterAll(async () => {
    await db.close();
  });

  it("Prisma's raw queries, its unique-constraint error and its interactive transactions work through it", async () => {
    const bytes = Uint8Array.from([0, 1, 2, 255]);
    await db.prisma.$executeRaw`INSERT INTO thing (name, data) VALUES ('a', ${bytes})`;
    const rows = await db.prisma.$queryRaw<
      { name: string; at: Date; data: Uint8Array }[]
    >`SELECT name, at, data FROM thing`;
    expect(rows[0]?.name).toBe("a");
    expect(rows[0]?.at).toBeInstanceOf(Date);
    expect(Array.from(rows[0]?.data ?? [])).toEqual([0, 1, 2, 255]);

    const duplicate = await db.prisma.$executeRaw`INSERT INTO thing (name) VALUES ('a')`.catch((e: unknown) => e);
    expect(duplicate).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
    expect((duplicate as Prisma.PrismaClientKnownRequestError).code).toBe("P2010");
    expect(String((duplicate as Error).message)).toContain("23505");

    await expect(
      db.prisma.$transaction(async (tx) => {
        await tx.$executeRaw`INSERT INTO thing (name) VALUES ('b')`;
        throw new Error("refused");
      }),
    ).rejects.toThrow("refused");
    await db.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`INSERT INTO thing (name) VALUES ('c')`;
    });
    const names = await db.prisma.$queryRaw<{ name: string }[]>`SELECT name FROM thing ORDER BY name`;
    expect(names.map((r) => r.name)).toEqual(["a", "c"]);
  });

  it("a long statement leaves the server's own thread free to answer other requests", async () => {
    let ticks = 0;
    const timer = setInterval(() => {
      ticks++;
    }, 10);
    const started = performance.now();
    try {
      await db.sql.query("SELECT count(*) FROM generate_series(1, 2000000) AS g, LATERAL (SELECT md5(g::text)) AS m");
    } finally {
      clearInterval(timer);
    }
    const ms = performance.now() - started;
    // On the caller's thread (before ADR 049) the timer could not fire until the statement ended: 0 or 1 ticks.
    expect(ms).toBeGreaterThan(200);
    expect(ticks).toBeGreaterThan(ms / 10 / 4);
  });

  it("the SqlRunner's transactions serialise as before", async () => {
    const results = await Promise.all(
      [1, 2, 3].map((i) =>
        db.sql.transaction(async (tx) => {
          const [row] = await tx.query<{ n: number }>("SELECT count(*)::int AS n FROM thing");
          await tx.query("INSERT INTO thing (name) VALUES ($1)", [`t${i}-${row?.n}`]);
          return row?.n;
        }),
      ),
    );
    // Each saw the one before it committed.
    expect(results).toEqual([2, 3, 4]);
  });
});
