// Prepared statements for the embedded database (ADR 051). PGlite's own `query` sends every statement as an unnamed
// Parse + Describe + Bind + Describe + Execute + Sync: Postgres parses, analyses and plans the SQL again each time,
// and Prisma's statements (lateral joins for every relation a query includes) take 0.3–5 ms of WebAssembly to plan
// where their execution takes a fraction of a millisecond. Here each distinct SQL text is parsed once into a named
// statement; later runs send only Bind + Execute + Sync, and Postgres's plan cache keeps a generic plan once it is
// no dearer than the custom ones (plan_cache_mode = auto). The result is the one PGlite's `query` gives: rows as
// objects or arrays, parsed by the caller's parsers over PGlite's, `fields`, `affectedRows`.
//
// Plain JavaScript: the database's thread (pglite-job.mjs) loads it as it is.
import { protocol } from "@electric-sql/pglite";

const { serialize } = protocol;

/** Distinct statements kept per database; the least recently used one is closed beyond it. */
export const DEFAULT_STATEMENT_LIMIT = 250;

/** Statement names are unique in this thread, whichever PreparedStatements made them (one per database). */
let named = 0;

/** "cached plan must not change result type": the table under a kept statement changed (a migration). */
const FEATURE_NOT_SUPPORTED = "0A000";

function concat(parts) {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Rows a command reports ("INSERT 0 2", "UPDATE 3"): PGlite's own rule, which it does not export. */
function rowCount(text) {
  const parts = text.split(" ");
  switch (parts[0]) {
    case "INSERT":
      return Number.parseInt(parts[2], 10);
    case "UPDATE":
    case "DELETE":
    case "COPY":
    case "MERGE":
      return Number.parseInt(parts[1], 10);
    default:
      return 0;
  }
}

export class PreparedStatements {
  /** @type {import("@electric-sql/pglite").PGlite} */
  #pg;
  #limit;
  /** SQL text → { name, parameterTypes, fields }; a Map keeps insertion order, refreshed on use (LRU). */
  #statements = new Map();
  /** statements parsed so far (tests read it) */
  parsed = 0;

  constructor(pg, limit = DEFAULT_STATEMENT_LIMIT) {
    this.#pg = pg;
    this.#limit = limit;
  }

  get size() {
    return this.#statements.size;
  }

  /**
   * Runs one statement, as `pg.query(sql, params, options)` would. The caller holds PGlite's locks: its query mutex,
   * and outside a transaction its transaction mutex too (see `query` below). `syncToFs` as PGlite does it: after a
   * statement outside any transaction.
   */
  async run(sql, params = [], options = {}, { syncToFs = true } = {}) {
    let statement = await this.#statement(sql, syncToFs);
    try {
      return await this.#execute(statement, params, options, syncToFs);
    } catch (error) {
      if (error?.code !== FEATURE_NOT_SUPPORTED) throw error;
      // The kept plan's result type changed under it: parse it again, once.
      await this.#forget(sql, syncToFs);
      statement = await this.#statement(sql, syncToFs);
      return await this.#execute(statement, params, options, syncToFs);
    }
  }

  async #statement(sql, syncToFs) {
    const kept = this.#statements.get(sql);
    if (kept) {
      // most recently used last
      this.#statements.delete(sql);
      this.#statements.set(sql, kept);
      return kept;
    }
    const name = `pgl_${(named++).toString(36)}`;
    const { messages } = await this.#pg.execProtocol(
      concat([serialize.parse({ name, text: sql }), serialize.describe({ type: "S", name }), serialize.sync()]),
      { syncToFs },
    );
    this.parsed++;
    let parameterTypes = [];
    let fields = [];
    for (const message of messages) {
      if (message.name === "parameterDescription") parameterTypes = message.dataTypeIDs;
      else if (message.name === "rowDescription")
        fields = message.fields.map((field) => ({ name: field.name, dataTypeID: field.dataTypeID }));
    }
    const statement = { name, parameterTypes, fields };
    this.#statements.set(sql, statement);
    if (this.#statements.size > this.#limit) {
      const [oldest] = this.#statements.keys();
      await this.#forget(oldest, syncToFs);
    }
    return statement;
  }

  async #forget(sql, syncToFs) {
    const statement = this.#statements.get(sql);
    if (!statement) return;
    this.#statements.delete(sql);
    await this.#pg.execProtocol(concat([serialize.close({ type: "S", name: statement.name }), serialize.sync()]), {
      syncToFs,
    });
  }

  // The answer is built here rather than by PGlite's exported parseResults, which copies PGlite's 354 type parsers into
  // a new object on every call (≈ 0.2 ms a statement, docs/performance.md "Fifteenth session").
  async #execute(statement, params, options, syncToFs) {
    const pg = this.#pg;
    const values = params.map((param, i) => {
      if (param === null || param === undefined) return null;
      const oid = statement.parameterTypes[i];
      const serializer = options.serializers?.[oid] ?? pg.serializers[oid];
      return serializer ? serializer(param) : param.toString();
    });
    const { messages } = await pg.execProtocol(
      concat([serialize.bind({ statement: statement.name, values }), serialize.execute({}), serialize.sync()]),
      { syncToFs },
    );
    const fields = statement.fields;
    const parsers = fields.map((field) => options.parsers?.[field.dataTypeID] ?? pg.parsers[field.dataTypeID] ?? null);
    const arrays = options.rowMode === "array";
    const rows = [];
    let affectedRows = 0;
    for (const message of messages) {
      if (message.name === "dataRow") {
        const row = arrays ? new Array(fields.length) : {};
        for (let i = 0; i < message.fields.length; i++) {
          const text = message.fields[i];
          const parser = parsers[i];
          const value = text === null ? null : parser ? parser(text, fields[i].dataTypeID) : text;
          if (arrays) row[i] = value;
          else row[fields[i].name] = value;
        }
        rows.push(row);
      } else if (message.name === "commandComplete") affectedRows += rowCount(message.text);
    }
    return { rows, fields, affectedRows };
  }
}

/**
 * `pg.query` through kept statements, with PGlite's own locking: a statement outside any transaction waits until no
 * transaction is open (PGlite's transaction mutex), and every statement runs alone (its query mutex).
 */
export function preparedQuery(pg, statements, sql, params, options, tx) {
  const run = () => pg._runExclusiveQuery(() => statements.run(sql, params, options, { syncToFs: !tx }));
  return tx ? run() : pg._runExclusiveTransaction(run);
}
