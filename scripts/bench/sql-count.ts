/**
 * Counts the SQL statements this process sends to the database, for the benchmarks' "statements per stage"
 * (round trips are what a loaded machine makes expensive, more than the work each one does). It wraps the
 * drivers' entry points — node-pg's `Client.prototype.query` (every pooled connection: Prisma's and the
 * attachment store's) and PGlite's `query` / `exec` / `transaction` — so nothing in src/ knows about it.
 * BEGIN and COMMIT count as statements (on PostgreSQL each COMMIT also waits for the WAL flush).
 */
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";

let count = 0;
let installed = false;

/** The number of statements sent since the process started counting (install first). */
export const sqlStatements = () => count;

export function countSqlStatements(): void {
  if (installed) return;
  installed = true;
  const pgQuery = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    count++;
    return (pgQuery as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof pgQuery;

  const proto = PGlite.prototype;
  const query = proto.query;
  const exec = proto.exec;
  const transaction = proto.transaction;
  proto.query = function (this: PGlite, ...args: Parameters<typeof query>) {
    count++;
    return query.apply(this, args);
  } as typeof query;
  proto.exec = function (this: PGlite, ...args: Parameters<typeof exec>) {
    count++;
    return exec.apply(this, args);
  } as typeof exec;
  proto.transaction = function (this: PGlite, callback: Parameters<typeof transaction>[0]) {
    count += 2; // BEGIN, and COMMIT or ROLLBACK
    return transaction.call(this, (tx) => {
      const counted = Object.create(tx) as typeof tx;
      counted.query = (...args: Parameters<typeof tx.query>) => {
        count++;
        return tx.query(...args);
      };
      counted.exec = (...args: Parameters<typeof tx.exec>) => {
        count++;
        return tx.exec(...args);
      };
      return callback(counted);
    });
  } as typeof transaction;
}
