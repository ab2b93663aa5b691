// Types for src/server/db/pglite-prepared.mjs (plain JavaScript: the embedded database's thread loads it as it is).
import type { PGlite, Results, Transaction } from "@electric-sql/pglite";

type Parser = (text: string, typeId: number) => unknown;
type Serializer = (value: unknown) => string;
export interface PreparedOptions {
  rowMode?: "array" | "object";
  parsers?: Record<number, Parser>;
  serializers?: Record<number, Serializer>;
}

export declare const DEFAULT_STATEMENT_LIMIT: number;

export declare class PreparedStatements {
  constructor(pg: PGlite, limit?: number);
  /** statements parsed so far */
  parsed: number;
  /** statements kept now */
  readonly size: number;
  run<T>(
    sql: string,
    params?: unknown[],
    options?: PreparedOptions,
    settings?: { syncToFs?: boolean },
  ): Promise<Results<T>>;
}

export declare function preparedQuery<T>(
  pg: PGlite,
  statements: PreparedStatements,
  sql: string,
  params: unknown[] | undefined,
  options: PreparedOptions,
  tx?: Transaction,
): Promise<Results<T>>;
