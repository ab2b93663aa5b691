/**
 * npm run bench:import [-- --pg] [--statements=3000] — the Datatracker importer's benchmark alone (issue 17;
 * `npm run bench` runs it too, as its first stage). See scripts/bench/import-stage.ts. With --pg or
 * BENCH_DATABASE_URL on a fresh PostgreSQL schema, else a fresh PGlite directory.
 */
import { benchImport, describeImportBench, IMPORT_TARGET_S } from "./import-stage";

const flags = new Map(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, "").split("=");
    return [k!, v ?? "true"] as const;
  }),
);
const statements = Number(flags.get("statements") ?? 3000);
const pgUrl = process.env.BENCH_DATABASE_URL || (flags.has("pg") ? "postgresql://postgres@127.0.0.1:5432/test" : "");
const result = await benchImport({ statements, pgUrl: pgUrl || undefined, log: (line) => console.error(line) });
console.log(describeImportBench(result).join("\n"));
process.exitCode = result.firstS < IMPORT_TARGET_S && !result.secondChanged && result.problems === 0 ? 0 : 1;
