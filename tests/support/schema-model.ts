/**
 * A comparable model of a PostgreSQL schema, built two ways: EXPECTED from schema.prisma (via Prisma's own
 * parser, the DMMF of @prisma/prisma-schema-wasm, applying the naming and SQL rules Prisma Migrate would use)
 * and ACTUAL from a migrated database's catalog. Used by tests/integration/schema-drift.test.ts because
 * Prisma's schema engine (`prisma migrate diff`) cannot run here. A mapping this file does not know throws
 * rather than guessing, so a gap shows up as a failing test, never as a vacuous pass.
 */
import { get_dmmf } from "@prisma/prisma-schema-wasm";
import type { SqlRunner } from "@/server/db/connection";

export interface ColumnModel {
  type: string;
  nullable: boolean;
  default: string | null;
}
/** `columns` entries are "col" or "col DESC"; `where` is a partial index's predicate. */
export interface IndexModel {
  columns: string[];
  unique: boolean;
  method: string;
  where: string | null;
}
export interface ForeignKeyModel {
  columns: string[];
  referencedTable: string;
  referencedColumns: string[];
  onDelete: string;
  onUpdate: string;
}
export interface TableModel {
  columns: Record<string, ColumnModel>;
  primaryKey: { name: string; columns: string[] } | null;
  /** unique and normal indexes keyed by name; the primary key's index is in `primaryKey` */
  indexes: Record<string, IndexModel>;
  foreignKeys: Record<string, ForeignKeyModel>;
}
export interface SchemaModel {
  tables: Record<string, TableModel>;
  enums: Record<string, string[]>;
}

// --- Expected side: schema.prisma -> DMMF -> model ------------------------------------------------------

// The parts of the DMMF we read (see `get_dmmf` in prisma-engines' prisma-fmt).
type DmmfDefault = string | number | boolean | unknown[] | { name: string; args: unknown[] };
interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: "scalar" | "object" | "enum" | "unsupported";
  type: string;
  isList: boolean;
  isRequired: boolean;
  nativeType?: [string, string[]] | null;
  default?: DmmfDefault;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  relationOnUpdate?: string;
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
}
interface DmmfIndex {
  model: string;
  type: "id" | "unique" | "normal" | "fulltext";
  dbName?: string | null;
  algorithm?: string;
  fields: { name: string; sortOrder?: "asc" | "desc" }[];
}
interface Dmmf {
  datamodel: {
    models: DmmfModel[];
    enums: { name: string; dbName?: string | null; values: { name: string; dbName: string | null }[] }[];
    indexes: DmmfIndex[];
  };
}

// Prisma scalar -> the column type Prisma Migrate creates, spelled as format_type() prints it.
const SCALAR_TYPES: Record<string, string> = {
  String: "text",
  Int: "integer",
  BigInt: "bigint",
  Float: "double precision",
  Decimal: "numeric(65,30)",
  Boolean: "boolean",
  DateTime: "timestamp(3) without time zone",
  Json: "jsonb",
  Bytes: "bytea",
};
const withArgs = (base: string, args: string[], suffix = "") =>
  (args.length ? `${base}(${args.join(",")})` : base) + suffix;
const NATIVE_TYPES: Record<string, (args: string[]) => string> = {
  Text: () => "text",
  VarChar: (a) => withArgs("character varying", a),
  Char: (a) => withArgs("character", a),
  Uuid: () => "uuid",
  Integer: () => "integer",
  SmallInt: () => "smallint",
  BigInt: () => "bigint",
  Oid: () => "oid",
  DoublePrecision: () => "double precision",
  Real: () => "real",
  Decimal: (a) => withArgs("numeric", a),
  Money: () => "money",
  Boolean: () => "boolean",
  Date: () => "date",
  Json: () => "json",
  JsonB: () => "jsonb",
  ByteA: () => "bytea",
  Inet: () => "inet",
  Citext: () => "citext",
  Xml: () => "xml",
  Bit: (a) => withArgs("bit", a),
  VarBit: (a) => withArgs("bit varying", a),
  Timestamp: (a) => withArgs("timestamp", a, " without time zone"),
  Timestamptz: (a) => withArgs("timestamp", a, " with time zone"),
  Time: (a) => withArgs("time", a, " without time zone"),
  Timetz: (a) => withArgs("time", a, " with time zone"),
};
const REFERENTIAL_ACTIONS: Record<string, string> = {
  Cascade: "CASCADE",
  Restrict: "RESTRICT",
  NoAction: "NO ACTION",
  SetNull: "SET NULL",
  SetDefault: "SET DEFAULT",
};
// Defaults Prisma Client fills in itself: they leave no DEFAULT in the database.
const CLIENT_SIDE_DEFAULTS = new Set(["uuid", "cuid", "nanoid", "ulid"]);

/** Prisma's default constraint names (psl ConstraintNames): table_cols_suffix, cut to PostgreSQL's 63 bytes. */
export function constraintName(table: string, columns: string[], suffix: "pkey" | "key" | "idx" | "fkey"): string {
  const base = [table, ...columns].join("_");
  return `${base.slice(0, 63 - suffix.length - 1)}_${suffix}`;
}

const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;

/**
 * `Unsupported("type")` fields, which the DMMF leaves out (indexes still name them): read from the schema
 * text, per model. Only the plain form is mapped (optional or required, no list, no attributes); anything
 * else throws. The type must be spelled as format_type() prints it (e.g. `tsvector`).
 */
function unsupportedFields(schemaText: string): Map<string, Map<string, { type: string; nullable: boolean }>> {
  const result = new Map<string, Map<string, { type: string; nullable: boolean }>>();
  for (const [, model = "", body = ""] of schemaText.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
    for (const line of body.split("\n")) {
      const code = line.replace(/\/\/.*$/, "").trim();
      if (!code.includes("Unsupported(")) continue;
      const match = /^(\w+)\s+Unsupported\("([^"]+)"\)(\?)?$/.exec(code);
      if (!match?.[1] || !match[2])
        throw new Error(`schema-model: unsupported Unsupported() field in ${model}: ${code}`);
      const fields = result.get(model) ?? new Map();
      fields.set(match[1], { type: match[2], nullable: match[3] === "?" });
      result.set(model, fields);
    }
  }
  return result;
}

export function expectedModel(schemaText: string): SchemaModel {
  // The DMMF does not expose @relation(map: ...), so a custom FK name would be silently misread.
  if (/@relation\([^)]*\bmap\s*:/.test(schemaText)) throw new Error("schema-model: @relation(map:) is not supported");
  const { datamodel } = JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: schemaText }))) as Dmmf;
  const models = new Map(datamodel.models.map((m) => [m.name, m]));
  const enums = new Map(datamodel.enums.map((e) => [e.name, e]));
  const unsupported = unsupportedFields(schemaText);
  const tableName = (model: string) => {
    const m = models.get(model);
    if (!m) throw new Error(`schema-model: unknown model ${model}`);
    return m.dbName ?? m.name;
  };
  const columnName = (model: string, field: string) => {
    if (unsupported.get(model)?.has(field)) return field;
    const f = models.get(model)?.fields.find((x) => x.name === field);
    if (!f) throw new Error(`schema-model: unknown field ${model}.${field}`);
    return f.dbName ?? f.name;
  };

  const literal = (field: DmmfField, value: unknown): string => {
    if (typeof value === "string") {
      // enum defaults name the Prisma value; the database holds its @map name
      const mapped = enums.get(field.type)?.values.find((v) => v.name === value)?.dbName;
      return quote(mapped ?? value);
    }
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    throw new Error(`schema-model: unsupported default literal ${JSON.stringify(value)}`);
  };
  const defaultOf = (field: DmmfField): string | null => {
    const d = field.default;
    if (d === undefined) return null;
    if (Array.isArray(d)) return normalizeDefault(`ARRAY[${d.map((v) => literal(field, v)).join(", ")}]`);
    if (typeof d !== "object") return normalizeDefault(literal(field, d));
    if (d.name === "autoincrement") return "autoincrement()";
    if (d.name === "now") return "now()";
    if (d.name === "dbgenerated" && typeof d.args[0] === "string") return normalizeDefault(d.args[0]);
    if (CLIENT_SIDE_DEFAULTS.has(d.name)) return null;
    throw new Error(`schema-model: unsupported default function ${d.name}() on ${field.name}`);
  };
  const typeOf = (model: string, field: DmmfField): string => {
    let base: string | undefined;
    if (field.kind === "enum") base = enums.get(field.type)?.dbName ?? field.type;
    else if (field.nativeType) base = NATIVE_TYPES[field.nativeType[0]]?.(field.nativeType[1]);
    else base = SCALAR_TYPES[field.type];
    if (base === undefined) throw new Error(`schema-model: no column type for ${model}.${field.name} (${field.type})`);
    return field.isList ? `${base}[]` : base;
  };

  const result: SchemaModel = { tables: {}, enums: {} };
  for (const e of datamodel.enums) result.enums[e.dbName ?? e.name] = e.values.map((v) => v.dbName ?? v.name);
  for (const model of datamodel.models) {
    const table: TableModel = { columns: {}, primaryKey: null, indexes: {}, foreignKeys: {} };
    result.tables[tableName(model.name)] = table;
    for (const field of model.fields) {
      if (field.kind === "object") continue;
      // Prisma Migrate creates list columns without NOT NULL, even for required lists.
      table.columns[columnName(model.name, field.name)] = {
        type: typeOf(model.name, field),
        nullable: !field.isRequired || field.isList,
        default: defaultOf(field),
      };
    }
    for (const [name, field] of unsupported.get(model.name) ?? []) {
      table.columns[name] = { type: field.type, nullable: field.nullable, default: null };
    }
    for (const field of model.fields) {
      if (field.kind !== "object" || !field.relationFromFields?.length) continue;
      const columns = field.relationFromFields.map((f) => columnName(model.name, f));
      // Prisma's defaults: optional relation SET NULL, required RESTRICT; updates cascade.
      const onDelete = field.relationOnDelete ?? (field.isRequired ? "Restrict" : "SetNull");
      table.foreignKeys[constraintName(tableName(model.name), columns, "fkey")] = {
        columns,
        referencedTable: tableName(field.type),
        referencedColumns: (field.relationToFields ?? []).map((f) => columnName(field.type, f)),
        onDelete: REFERENTIAL_ACTIONS[onDelete] ?? onDelete,
        onUpdate: REFERENTIAL_ACTIONS[field.relationOnUpdate ?? "Cascade"] ?? String(field.relationOnUpdate),
      };
    }
  }
  for (const index of datamodel.indexes) {
    const table = tableName(index.model);
    const model = result.tables[table];
    if (!model) throw new Error(`schema-model: index on unknown model ${index.model}`);
    const names = index.fields.map((f) => columnName(index.model, f.name));
    if (index.type === "id") {
      model.primaryKey = { name: index.dbName ?? constraintName(table, [], "pkey"), columns: names };
      continue;
    }
    if (index.type === "fulltext") throw new Error("schema-model: fulltext indexes are not supported");
    const unique = index.type === "unique";
    model.indexes[index.dbName ?? constraintName(table, names, unique ? "key" : "idx")] = {
      columns: index.fields.map((f, i) => (f.sortOrder === "desc" ? `${names[i]} DESC` : `${names[i]}`)),
      unique,
      method: index.algorithm?.toLowerCase() ?? "btree",
      where: null,
    };
  }
  return result;
}

// --- Both sides: default expressions ------------------------------------------------------------------

// A cast after a literal: 'x'::text, '1'::"s"."Enum", ARRAY[]::character varying(5)[]
const CAST =
  /('|\]|\))::(?:(?:"[^"]+"|\w+)\.)?(?:"[^"]+"|[a-z_][a-z0-9_ ]*[a-z0-9_])(?:\(\d+(?:,\s*\d+)?\))?(?:\[\])*/g;

/** Puts a DEFAULT expression in one spelling, so pg_get_expr() output compares with what Prisma would write. */
export function normalizeDefault(expr: string | null): string | null {
  if (expr === null) return null;
  const s = expr.trim();
  if (/^nextval\(/i.test(s)) return "autoincrement()"; // SERIAL; the sequence name is the engine's business
  if (/^(now\(\)|current_timestamp)$/i.test(s)) return "now()";
  const uncast = s.replace(CAST, "$1");
  // PostgreSQL prints a negative number as '-1'::integer and sometimes wraps literals in parentheses
  return /^\(?'?(-?\d+(?:\.\d+)?)'?\)?$/.exec(uncast)?.[1] ?? uncast;
}

// --- Actual side: the catalog of current_schema() ---------------------------------------------------

const ACTIONS: Record<string, string> = {
  a: "NO ACTION",
  r: "RESTRICT",
  c: "CASCADE",
  n: "SET NULL",
  d: "SET DEFAULT",
};

/** Reads current_schema() (PGlite: public; PostgreSQL tests: the throwaway schema), minus Prisma's bookkeeping. */
export async function readActualModel(sql: Pick<SqlRunner, "query">): Promise<SchemaModel> {
  const result: SchemaModel = { tables: {}, enums: {} };
  const tables = await sql.query<{ table_name: string }>(
    `SELECT c.relname AS table_name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND c.relname <> '_prisma_migrations'`,
  );
  for (const t of tables) result.tables[t.table_name] = { columns: {}, primaryKey: null, indexes: {}, foreignKeys: {} };

  // Enum (and enum array) columns by bare type name: format_type() would schema-qualify them off the search_path.
  const columns = await sql.query<{
    table_name: string;
    column_name: string;
    type: string;
    not_null: boolean;
    default_expr: string | null;
  }>(
    `SELECT c.relname AS table_name, a.attname AS column_name,
            CASE WHEN t.typtype = 'e' THEN t.typname::text
                 WHEN et.typtype = 'e' THEN et.typname || '[]'
                 ELSE format_type(a.atttypid, a.atttypmod) END AS type,
            a.attnotnull AS not_null, pg_get_expr(d.adbin, d.adrelid) AS default_expr
     FROM pg_attribute a
     JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     JOIN pg_type t ON t.oid = a.atttypid
     LEFT JOIN pg_type et ON et.oid = t.typelem AND t.typcategory = 'A'
     LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
     ORDER BY c.relname, a.attnum`,
  );
  for (const c of columns) {
    const t = result.tables[c.table_name];
    if (t)
      t.columns[c.column_name] = { type: c.type, nullable: !c.not_null, default: normalizeDefault(c.default_expr) };
  }

  const labels = await sql.query<{ enum_name: string; label: string }>(
    `SELECT t.typname AS enum_name, e.enumlabel AS label
     FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
     WHERE n.nspname = current_schema() ORDER BY t.typname, e.enumsortorder`,
  );
  for (const l of labels) result.enums[l.enum_name] = [...(result.enums[l.enum_name] ?? []), l.label];

  // One row per index key column, in key order (indkey/indoption are int2vectors, subscripted from 0).
  const indexColumns = await sql.query<{
    table_name: string;
    index_name: string;
    is_unique: boolean;
    is_primary: boolean;
    method: string;
    predicate: string | null;
    column_name: string;
    is_desc: boolean;
  }>(
    `SELECT t.relname AS table_name, i.relname AS index_name, x.indisunique AS is_unique, x.indisprimary AS is_primary,
            am.amname AS method, pg_get_expr(x.indpred, x.indrelid) AS predicate,
            COALESCE(a.attname::text, pg_get_indexdef(x.indexrelid, k.pos + 1, true)) AS column_name,
            (x.indoption[k.pos] & 1) = 1 AS is_desc
     FROM pg_index x
     JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
     JOIN pg_namespace n ON n.oid = t.relnamespace JOIN pg_am am ON am.oid = i.relam
     CROSS JOIN LATERAL generate_series(0, x.indnkeyatts - 1) AS k(pos)
     LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = x.indkey[k.pos]
     WHERE n.nspname = current_schema()
     ORDER BY t.relname, i.relname, k.pos`,
  );
  for (const r of indexColumns) {
    const t = result.tables[r.table_name]; // undefined for _prisma_migrations
    if (!t) continue;
    if (r.is_primary) {
      t.primaryKey = { name: r.index_name, columns: [...(t.primaryKey?.columns ?? []), r.column_name] };
      continue;
    }
    const index = t.indexes[r.index_name] ?? { columns: [], unique: r.is_unique, method: r.method, where: r.predicate };
    index.columns.push(r.is_desc ? `${r.column_name} DESC` : r.column_name);
    t.indexes[r.index_name] = index;
  }

  const fkColumns = await sql.query<{
    table_name: string;
    name: string;
    column_name: string;
    ref_table: string;
    ref_column: string;
    on_delete: string;
    on_update: string;
  }>(
    `SELECT t.relname AS table_name, c.conname AS name, a.attname AS column_name, rt.relname AS ref_table,
            ra.attname AS ref_column, c.confdeltype::text AS on_delete, c.confupdtype::text AS on_update
     FROM pg_constraint c
     JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
     JOIN pg_class rt ON rt.oid = c.confrelid
     CROSS JOIN LATERAL unnest(c.conkey, c.confkey) WITH ORDINALITY AS k(col, refcol, pos)
     JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.col
     JOIN pg_attribute ra ON ra.attrelid = c.confrelid AND ra.attnum = k.refcol
     WHERE n.nspname = current_schema() AND c.contype = 'f'
     ORDER BY t.relname, c.conname, k.pos`,
  );
  for (const r of fkColumns) {
    const t = result.tables[r.table_name];
    if (!t) continue;
    const fk = t.foreignKeys[r.name] ?? {
      columns: [],
      referencedTable: r.ref_table,
      referencedColumns: [],
      onDelete: ACTIONS[r.on_delete] ?? r.on_delete,
      onUpdate: ACTIONS[r.on_update] ?? r.on_update,
    };
    fk.columns.push(r.column_name);
    fk.referencedColumns.push(r.ref_column);
    t.foreignKeys[r.name] = fk;
  }
  return result;
}

// --- Comparison ------------------------------------------------------------------------------------------

/** Human-readable differences, e.g. "missing column Statement.foo"; empty when the models are equal. */
export function diffSchemaModels(expected: SchemaModel, actual: SchemaModel): string[] {
  const out: string[] = [];
  const show = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));
  const eachKey = <T>(
    what: string,
    e: Record<string, T>,
    a: Record<string, T>,
    both: (key: string, e: T, a: T) => void,
  ) => {
    for (const key of Object.keys(e).sort()) {
      const ev = e[key] as T;
      if (!(key in a)) out.push(`missing ${what} ${key}`);
      else both(key, ev, a[key] as T);
    }
    for (const key of Object.keys(a).sort()) if (!(key in e)) out.push(`unexpected ${what} ${key}`);
  };
  const props = <T extends object>(what: string, name: string, e: T, a: T) => {
    for (const k of Object.keys(e) as (keyof T)[]) {
      if (JSON.stringify(e[k]) !== JSON.stringify(a[k])) {
        out.push(`${String(k)} mismatch ${what} ${name}: expected ${show(e[k])} got ${show(a[k])}`);
      }
    }
  };
  eachKey("enum", expected.enums, actual.enums, (name, e, a) => props("enum", name, { values: e }, { values: a }));
  eachKey("table", expected.tables, actual.tables, (t, e, a) => {
    const scoped = <T>(r: Record<string, T>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [`${t}.${k}`, v]));
    eachKey("column", scoped(e.columns), scoped(a.columns), (name, ec, ac) => props("column", name, ec, ac));
    if (JSON.stringify(e.primaryKey) !== JSON.stringify(a.primaryKey)) {
      out.push(`primary key mismatch ${t}: expected ${show(e.primaryKey)} got ${show(a.primaryKey)}`);
    }
    eachKey("index", scoped(e.indexes), scoped(a.indexes), (name, ei, ai) => props("index", name, ei, ai));
    eachKey("foreign key", scoped(e.foreignKeys), scoped(a.foreignKeys), (name, ef, af) =>
      props("foreign key", name, ef, af),
    );
  });
  return out;
}
