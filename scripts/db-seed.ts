// npm run db:seed — migrates DATABASE_URL or the embedded database under DATA_DIR, then adds the demo data
// that is missing (idempotent: a second run adds nothing). Unlike first start, it also seeds a non-empty database.
import { configuredTarget } from "@/server/db";
import { openDatabase } from "@/server/db/connection";
import { exitWhenBusy } from "@/server/db/embedded-lock";
import { migrate } from "@/server/db/migrate";
import { seedDemo } from "@/server/seed/seed-demo";

const target = configuredTarget();
const where = target.kind === "postgres" ? "PostgreSQL (DATABASE_URL)" : `embedded PGlite at ${target.dir}`;
const db = await openDatabase(target).catch(exitWhenBusy);
try {
  const { applied } = await migrate(db.sql);
  if (applied.length) console.log(`Applied ${applied.length} migration(s): ${applied.join(", ")}`);
  const started = performance.now();
  const summary = await seedDemo(db);
  console.log(`Demo data in ${where}: added ${summary} (${Math.round(performance.now() - started)} ms).`);
} finally {
  await db.close();
}
