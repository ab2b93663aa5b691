import "server-only";
import { env } from "@/env";
import { type Database, type DatabaseTarget, openDatabase } from "@/server/db/connection";

/** Where this process's database is: DATABASE_URL, else the embedded PGlite under DATA_DIR. */
export function configuredTarget(): DatabaseTarget {
  const config = env();
  const prepared = config.preparedStatements;
  return config.databaseUrl
    ? { kind: "postgres", url: config.databaseUrl, prepared }
    : { kind: "pglite", dir: config.pgliteDir, attachmentsDir: config.attachmentsDir, inThread: true, prepared };
}

// One database per process: PGlite must never be opened twice on the same directory,
// and Next.js dev reloads modules, so the instance lives on globalThis.
const holder = globalThis as unknown as { __liaisonDb?: Promise<Database> };

/** The process-wide database (opened on first use). */
export function database(): Promise<Database> {
  holder.__liaisonDb ??= openDatabase(configuredTarget());
  return holder.__liaisonDb;
}

/** The Prisma client of the process-wide database. */
export async function prisma() {
  return (await database()).prisma;
}

/** Where this process's attachments' bytes are stored (ADR 012). */
export async function attachmentStore() {
  return (await database()).attachments;
}

/** Closes the process-wide database (graceful shutdown: the embedded PGlite directory is left clean). */
export async function closeDatabase(): Promise<void> {
  const db = holder.__liaisonDb;
  holder.__liaisonDb = undefined;
  if (db) await (await db).close();
}

/** Tests and scripts swap in their own database. */
export function setDatabase(db: Promise<Database> | undefined) {
  holder.__liaisonDb = db;
}
