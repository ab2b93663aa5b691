// The embedded database's own thread (ADR 049): PGlite — Postgres compiled to WebAssembly, its wire protocol decoder
// and its file system calls — runs here, so that the server's main thread only renders pages. The main thread talks
// to it through src/server/db/pglite-thread.ts, which gives the app the same `query` / `exec` / `transaction` that
// PGlite itself has. Plain JavaScript, loaded by Node as it is (no tsx in a thread that lives as long as the server).
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import { PreparedStatements, preparedQuery } from "./pglite-prepared.mjs";

const { dataDir, loadDataDir, startParams, prepared } = workerData;
/** @type {PGlite} */
let pg;
/** Every query's SQL parsed once (ADR 051); undefined with DATABASE_PREPARED_STATEMENTS=off. */
let statements;
/** Open transactions by the id of the message that began them. */
const transactions = new Map();

const wasmBytes = () => pg?.Module?.wasmMemory?.buffer.byteLength ?? 0;

/** What crosses back for an error: a DatabaseError's fields (code, detail, constraint …), or a plain message. */
function describeError(error) {
  if (error && typeof error === "object") {
    const fields = {};
    for (const [key, value] of Object.entries(error))
      if (typeof value !== "object" && typeof value !== "function") fields[key] = value;
    return {
      message: String(error.message ?? error),
      database: error instanceof Error && "severity" in error && "code" in error,
      fields,
    };
  }
  return { message: String(error), database: false, fields: {} };
}

const reply = (id, result, transfer) => parentPort.postMessage({ id, ok: true, result, wasm: wasmBytes() }, transfer);
const fail = (id, error) => parentPort.postMessage({ id, ok: false, error: describeError(error), wasm: wasmBytes() });

/**
 * Types whose text the caller parses itself (the Prisma adapter's own parsers, which are functions and cannot cross
 * threads): their values come back as PGlite read them off the wire, everything else parsed as PGlite does.
 */
function queryOptions(message) {
  if (!message.rowMode && !message.rawTypes) return undefined;
  const options = {};
  if (message.rowMode) options.rowMode = message.rowMode;
  if (message.rawTypes) options.parsers = Object.fromEntries(message.rawTypes.map((oid) => [oid, (text) => text]));
  return options;
}

async function handle(message) {
  const target = message.tx === undefined ? pg : transactions.get(message.tx)?.tx;
  if (!target) throw new Error(`no open transaction ${message.tx}`);
  switch (message.op) {
    case "query": {
      const options = queryOptions(message);
      const tx = message.tx === undefined ? undefined : target;
      const { rows, fields, affectedRows } = statements
        ? await preparedQuery(pg, statements, message.sql, message.params, options ?? {}, tx)
        : await target.query(message.sql, message.params, options);
      return { rows, fields, affectedRows };
    }
    case "exec":
      await target.exec(message.sql);
      return null;
    case "begin": {
      // One entry per open transaction: PGlite's transaction object, how to end the callback PGlite waits on, and
      // the outcome (committed, or the error that rolled it back) that "end" answers.
      const open = {};
      transactions.set(message.id, open);
      const opened = new Promise((began) => {
        open.finished = pg.transaction(
          (tx) =>
            new Promise((commit, abort) => {
              Object.assign(open, { tx, commit, abort });
              began();
            }),
        );
      });
      try {
        await Promise.race([opened, open.finished]);
      } catch (error) {
        transactions.delete(message.id);
        throw error;
      }
      open.finished.catch(() => {});
      return null;
    }
    case "rollback":
      await target.rollback();
      return null;
    case "end": {
      const open = transactions.get(message.tx);
      transactions.delete(message.tx);
      if (message.failed) open.abort(new Error(message.failed));
      else open.commit(null);
      await open.finished;
      return null;
    }
    case "dump": {
      const blob = await pg.dumpDataDir(message.compression);
      return await blob.arrayBuffer();
    }
    case "close":
      await pg.close();
      return null;
    default:
      throw new Error(`unknown operation ${message.op}`);
  }
}

// Operations of one transaction run in the order they were sent, like those outside any (PGlite queues those itself).
const chains = new Map();

parentPort.on("message", (message) => {
  const key = message.tx ?? message.id;
  const previous = message.tx === undefined ? Promise.resolve() : (chains.get(key) ?? Promise.resolve());
  const run = previous.then(() => handle(message));
  if (message.tx !== undefined) {
    const settled = run.catch(() => {});
    chains.set(key, settled);
    if (message.op === "end") settled.then(() => chains.delete(key));
  }
  run.then(
    (result) => reply(message.id, result, result instanceof ArrayBuffer ? [result] : undefined),
    (error) => fail(message.id, error),
  );
});

try {
  pg = await PGlite.create({
    dataDir,
    loadDataDir: loadDataDir ? new Blob([loadDataDir]) : undefined,
    startParams,
  });
  if (prepared) statements = new PreparedStatements(pg);
  parentPort.postMessage({ ready: true, wasm: wasmBytes() });
} catch (error) {
  parentPort.postMessage({ ready: false, error: describeError(error) });
}
