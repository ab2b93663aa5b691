// No `import "server-only"`: the HTTP server's request log (scripts/serve.ts, outside React's server
// conditions) uses it too, like the rest of src/server/http.
import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Counting SQL statements (issue 19: "≤ 25 SQL statements per action", "≤ 6 queries per page"). Every
 * statement Prisma sends (inside transactions too) and every plain SqlRunner statement is counted for the
 * request it belongs to — the request log writes the count into each request's line — and reported to an
 * optional observer (tests and benchmarks assert budgets with it).
 */
export type QueryObserver = (sql: string) => void;

export type QueryTally = { queries: number };
// On globalThis: the HTTP server (scripts/serve.ts) and Next's compiled server code each load their own copy
// of this module; the request log opens the scope in one, Prisma counts in the other.
const holder = globalThis as unknown as { __liaisonQueryTally?: AsyncLocalStorage<QueryTally> };
holder.__liaisonQueryTally ??= new AsyncLocalStorage<QueryTally>();
const scope = holder.__liaisonQueryTally;

/** Runs `fn` with a fresh statement tally (given to `fn`; also read by `queriesSoFar()` inside it). */
export function withQueryCount<T>(fn: (tally: QueryTally) => T): T {
  const tally = { queries: 0 };
  return scope.run(tally, () => fn(tally));
}

/** SQL statements run so far by the current `withQueryCount` scope (undefined outside one). */
export function queriesSoFar(): number | undefined {
  return scope.getStore()?.queries;
}

/** Counts one statement for the current scope and tells the observer. */
export function countQuery(sql: string, observe?: QueryObserver): void {
  const tally = scope.getStore();
  if (tally) tally.queries++;
  observe?.(sql);
}

type Queryable = { queryRaw(q: { sql: string }): Promise<unknown>; executeRaw(q: { sql: string }): Promise<unknown> };

/** `target` with queryRaw/executeRaw counted (and startTransaction's transactions wrapped the same way). */
function counted<T extends object>(target: T, observe: QueryObserver | undefined): T {
  return new Proxy(target, {
    get(object, key) {
      const value = Reflect.get(object, key, object);
      if (typeof value !== "function") return value;
      if (key === "queryRaw" || key === "executeRaw")
        return (query: { sql: string }) => {
          countQuery(query.sql, observe);
          return (value as Queryable["queryRaw"]).call(object, query);
        };
      if (key === "executeScript")
        return (script: string) => {
          countQuery(script, observe);
          return (value as (s: string) => Promise<void>).call(object, script);
        };
      if (key === "startTransaction")
        return async (...args: unknown[]) =>
          counted(await (value as (...a: unknown[]) => Promise<object>).apply(object, args), observe);
      return value.bind(object);
    },
  });
}

/** A driver adapter factory whose connections count every statement they run. */
export function observeQueries<F extends { connect(): Promise<object> }>(factory: F, observe?: QueryObserver): F {
  return new Proxy(factory, {
    get(object, key) {
      const value = Reflect.get(object, key, object);
      if (key === "connect") return async () => counted(await (value as () => Promise<object>).call(object), observe);
      return typeof value === "function" ? value.bind(object) : value;
    },
  });
}
