// Migrates the configured database and, when it is empty and SEED_DEMO is not false, loads the demo data.
// Runs before `next start`/`next dev` in its own process, which closes the database again, so the
// embedded PGlite directory is only ever open in one process at a time.
import { env } from "@/env";
import { configuredTarget } from "@/server/db";
import { openDatabase } from "@/server/db/connection";
import { migrate } from "@/server/db/migrate";
import { logger } from "@/server/log/logger";
import { isDatabaseEmpty, seedDemo } from "@/server/seed/seed-demo";

export async function prepareDatabase(): Promise<void> {
  const config = env();
  const target = configuredTarget();
  const where = target.kind === "postgres" ? "PostgreSQL (DATABASE_URL)" : `embedded PGlite at ${target.dir}`;
  const db = await openDatabase(target);
  try {
    const { applied } = await migrate(db.sql);
    const log = logger("db");
    log.info(
      { database: where, applied },
      applied.length ? `migrations applied: ${applied.join(", ")}` : "schema up to date",
    );
    // Leftovers of uploads a crash interrupted, bytes no attachment names, bytes from before ADR 012.
    const swept = await db.attachments.sweep();
    if (swept.temporary || swept.unreferenced || swept.exported) {
      log.info(swept, "attachments swept: temporary and unreferenced removed, older bytes exported to files");
    }
    if (config.seedDemo && (await isDatabaseEmpty(db.prisma))) {
      const summary = await seedDemo(db);
      log.info({ summary }, `demo data loaded: ${summary}`);
    }
  } finally {
    await db.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await prepareDatabase();
}
