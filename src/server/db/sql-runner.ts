/**
 * Plain SQL access, used by the migrator, the attachment stores and the drift test (Prisma cannot run
 * multi-statement scripts). In a module of its own, below connection.ts: the stores connection.ts opens take a
 * runner too, and importing the type from connection.ts made a circle of imports.
 */
export interface SqlRunner {
  /** Runs a script of one or more statements without parameters. */
  exec(sql: string): Promise<void>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs `fn` on one connection inside BEGIN/COMMIT (ROLLBACK on error). */
  transaction<T>(fn: (tx: Omit<SqlRunner, "transaction">) => Promise<T>): Promise<T>;
}
