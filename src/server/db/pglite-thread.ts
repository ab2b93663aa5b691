import "server-only";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { messages } from "@electric-sql/pglite";

/**
 * The embedded database in a thread of its own (ADR 049). PGlite runs Postgres as WebAssembly on whichever thread
 * calls it; in the server's main thread that was a quarter to a third of every signed-in page's CPU, spent on the one
 * thread that also renders every page, so eight requests at once queued behind each other's queries. Here the main
 * thread sends each statement to src/server/db/pglite-job.mjs and renders other requests while it runs.
 *
 * What the app and the Prisma adapter (pglite-prisma-adapter) use of PGlite, with the same behaviour: `query` (rows as
 * objects or arrays, the caller's parsers applied), `exec`, `transaction` (its `query`, `exec`, `rollback`),
 * `dumpDataDir`, `close`. Errors from Postgres arrive as PGlite's own `DatabaseError` (code, detail, constraint …),
 * which is what the adapter and the app recognise. Parsers are functions and cannot cross threads: the thread
 * returns the text of the types the caller parses itself, and the caller's parsers run here.
 */

type Field = { name: string; dataTypeID: number };
export type ThreadResults<T> = { rows: T[]; fields: Field[]; affectedRows?: number };
type Parsers = Record<number, (text: string, typeId: number) => unknown>;
export type QueryOptions = { rowMode?: "array" | "object"; parsers?: Parsers };

type Request =
  | { op: "query"; sql: string; params: unknown[]; rowMode?: "array" | "object"; rawTypes?: number[] }
  | { op: "exec"; sql: string }
  | { op: "begin" }
  | { op: "rollback" }
  | { op: "end"; failed?: string }
  | { op: "dump"; compression: "none" | "gzip" | "auto" }
  | { op: "close" };

type ErrorDescription = { message: string; database: boolean; fields: Record<string, unknown> };
type Reply =
  | { id: number; ok: true; result: unknown; wasm: number }
  | { id: number; ok: false; error: ErrorDescription; wasm: number };

export interface ThreadTransaction {
  query<T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<ThreadResults<T>>;
  exec(sql: string): Promise<void>;
  rollback(): Promise<void>;
}

function rebuild(error: ErrorDescription): Error {
  if (!error.database) return new Error(error.message);
  const rebuilt = new messages.DatabaseError(error.message, 0, "error");
  for (const [key, value] of Object.entries(error.fields)) {
    if (key === "message" || key === "name" || key === "length" || key === "stack") continue;
    (rebuilt as unknown as Record<string, unknown>)[key] = value;
  }
  return rebuilt;
}

const WORKER_FILE = () => path.join(/* turbopackIgnore: true */ process.cwd(), "src", "server", "db", "pglite-job.mjs");

const YOUNG_GENERATION_MB = 8;

export class PGliteThread {
  #worker: Worker;
  #pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  #next = 1;
  #stopped: Error | null = null;
  /** The WebAssembly memory's size, as of the last reply (the server's memory report reads it). */
  wasmBytes = 0;

  private constructor(worker: Worker) {
    this.#worker = worker;
    worker.on("message", (message: Reply) => {
      const waiting = this.#pending.get(message.id);
      if (!waiting) return;
      this.#pending.delete(message.id);
      this.wasmBytes = message.wasm;
      if (message.ok) waiting.resolve(message.result);
      else waiting.reject(rebuild(message.error));
    });
    const stop = (error: Error) => {
      this.#stopped ??= error;
      for (const waiting of this.#pending.values()) waiting.reject(this.#stopped);
      this.#pending.clear();
    };
    worker.on("error", (error) => stop(new Error(`the embedded database's thread failed: ${error.message}`)));
    worker.on("exit", () => stop(new Error("the embedded database's thread stopped")));
  }

  /**
   * Starts the thread and opens the database in it (as PGlite.create would, with these options). `prepared`: keep
   * each distinct statement as a prepared statement (ADR 051; on unless false).
   */
  static async create(options: {
    dataDir?: string;
    loadDataDir?: Blob;
    startParams: string[];
    prepared?: boolean;
  }): Promise<PGliteThread> {
    const loadDataDir = options.loadDataDir ? await options.loadDataDir.arrayBuffer() : undefined;
    const worker: Worker = Reflect.construct(Worker, [
      WORKER_FILE(),
      {
        workerData: {
          dataDir: options.dataDir,
          loadDataDir,
          startParams: options.startParams,
          prepared: options.prepared !== false,
        },
        transferList: loadDataDir ? [loadDataDir] : [],
        // What this thread's JavaScript allocates lives for one statement (the rows it decodes): a small young
        // generation is enough, and the server's --max-semi-space-size (32 MB per isolate) would be idle memory here.
        resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
        stdout: false,
        stderr: false,
      },
    ]);
    const ready = await new Promise<{ ready: boolean; wasm?: number; error?: ErrorDescription }>((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
      worker.once("exit", (code) =>
        reject(new Error(`the embedded database's thread ended (${code}) before it opened`)),
      );
    });
    if (!ready.ready) {
      await worker.terminate();
      throw rebuild(ready.error ?? { message: "the embedded database did not open", database: false, fields: {} });
    }
    const thread = new PGliteThread(worker);
    thread.wasmBytes = ready.wasm ?? 0;
    return thread;
  }

  #send<T>(request: Request & { tx?: number }, id = this.#next++): Promise<T> {
    if (this.#stopped) return Promise.reject(this.#stopped);
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.#worker.postMessage({ ...request, id });
    });
  }

  async #query<T>(tx: number | undefined, sql: string, params: unknown[] = [], options?: QueryOptions) {
    const parsers = options?.parsers;
    const rawTypes = parsers ? Object.keys(parsers).map(Number) : undefined;
    const results = await this.#send<ThreadResults<unknown>>({
      op: "query",
      sql,
      params,
      rowMode: options?.rowMode,
      rawTypes,
      tx,
    });
    if (parsers) applyParsers(results, parsers, options?.rowMode === "array");
    return results as ThreadResults<T>;
  }

  query<T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<ThreadResults<T>> {
    return this.#query<T>(undefined, sql, params, options);
  }

  async exec(sql: string): Promise<void> {
    await this.#send({ op: "exec", sql });
  }

  /** As PGlite's: BEGIN, the callback's statements, COMMIT — or ROLLBACK when it throws (its error is rethrown). */
  async transaction<T>(fn: (tx: ThreadTransaction) => Promise<T>): Promise<T> {
    const id = this.#next++; // the begin request's id names the transaction
    await this.#send({ op: "begin" }, id);
    const tx: ThreadTransaction = {
      query: (sql, params, options) => this.#query(id, sql, params, options),
      exec: async (sql) => {
        await this.#send({ op: "exec", sql, tx: id });
      },
      rollback: async () => {
        await this.#send({ op: "rollback", tx: id });
      },
    };
    let result: T;
    try {
      result = await fn(tx);
    } catch (error) {
      await this.#send({ op: "end", failed: String((error as Error)?.message ?? error), tx: id }).catch(() => {});
      throw error;
    }
    await this.#send({ op: "end", tx: id });
    return result;
  }

  async dumpDataDir(compression: "none" | "gzip" | "auto" = "auto"): Promise<Blob> {
    return new Blob([await this.#send<ArrayBuffer>({ op: "dump", compression })]);
  }

  async close(): Promise<void> {
    try {
      if (!this.#stopped) await this.#send({ op: "close" });
    } finally {
      await this.#worker.terminate();
    }
  }
}

function applyParsers(results: ThreadResults<unknown>, parsers: Parsers, arrays: boolean) {
  const parsed = results.fields.map((field, index) => ({
    index,
    name: field.name,
    parse: parsers[field.dataTypeID],
    oid: field.dataTypeID,
  }));
  const columns = parsed.filter((column) => column.parse);
  if (columns.length === 0) return;
  for (const row of results.rows as Record<string | number, unknown>[]) {
    for (const column of columns) {
      const key = arrays ? column.index : column.name;
      const value = row[key];
      if (typeof value === "string") row[key] = column.parse?.(value, column.oid);
    }
  }
}
