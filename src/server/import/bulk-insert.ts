import "server-only";
import type { Prisma } from "@/generated/prisma/client";

type Tx = Prisma.TransactionClient;
type Value = string | number | boolean | Date | null | undefined | readonly string[] | Prisma.InputJsonValue;

/** Column name → its SQL type as PostgreSQL spells it (`integer`, `"EventType"`, `text[]`, `jsonb`), per table. */
const columnTypes = new Map<string, Promise<Map<string, string>>>();

function typesOf(tx: Tx, table: string): Promise<Map<string, string>> {
  let types = columnTypes.get(table);
  if (!types) {
    types = tx
      .$queryRawUnsafe<{ name: string; type: string }[]>(
        `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type FROM pg_attribute a
          WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped`,
        `"${table}"`,
      )
      .then((rows) => new Map(rows.map((r) => [r.name, r.type])));
    // A failed lookup (a transaction that aborted) is asked again next time.
    types.catch(() => columnTypes.delete(table));
    columnTypes.set(table, types);
  }
  return types;
}

/** Every value travels as text (or null) in a text[] parameter and is cast back to its column's type in SQL. */
function asText(value: Value, type: string): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (type.endsWith("[]") || type === "jsonb" || type === "json") return JSON.stringify(value);
  return String(value);
}

function selectOf(column: number, type: string): string {
  const c = `c${column}`;
  // An array column cannot be one element of unnest's arrays: it goes as JSON and is rebuilt here.
  if (type.endsWith("[]")) {
    return `CASE WHEN ${c} IS NULL THEN NULL ELSE ARRAY(SELECT jsonb_array_elements_text(${c}::jsonb))::${type} END`;
  }
  return `${c}::${type}`;
}

/**
 * One INSERT for any number of rows (the importer's pages): each column is a single `text[]` parameter,
 * `unnest`ed and cast to the column's type, so the statement has as many parameters as columns — not
 * rows × columns like Prisma's createMany, whose query building and per-value conversion cost several times the
 * database's own work for a page of 1,000 events. Columns are the union of the rows' keys (a key a row lacks
 * is NULL); defaults the database does not know (Prisma's `@updatedAt`) must be given. Returns the rows written.
 */
export async function insertRows(tx: Tx, table: string, rows: Record<string, Value>[]): Promise<number> {
  if (rows.length === 0) return 0;
  const types = await typesOf(tx, table);
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const typed = columns.map((name) => {
    const type = types.get(name);
    if (!type) throw new Error(`insertRows: "${table}" has no column "${name}"`);
    return { name, type };
  });
  const parameters = typed.map(({ name, type }) => rows.map((r) => asText(r[name], type)));
  const sql = `INSERT INTO "${table}" (${typed.map((c) => `"${c.name}"`).join(", ")})
    SELECT ${typed.map((c, i) => selectOf(i, c.type)).join(", ")}
    FROM unnest(${typed.map((_, i) => `$${i + 1}::text[]`).join(", ")}) AS r(${typed.map((_, i) => `c${i}`).join(", ")})`;
  return tx.$executeRawUnsafe(sql, ...parameters);
}
