// npm run db:migrate — applies pending migrations to DATABASE_URL or the embedded database under DATA_DIR.
import { configuredTarget } from "@/server/db";
import { openDatabase } from "@/server/db/connection";
import { exitWhenBusy } from "@/server/db/embedded-lock";
import { migrate } from "@/server/db/migrate";

const db = await openDatabase(configuredTarget()).catch(exitWhenBusy);
try {
  const result = await migrate(db.sql);
  console.log(
    result.applied.length
      ? `Applied ${result.applied.length} migration(s): ${result.applied.join(", ")}`
      : `Database is up to date (${result.alreadyApplied.length} migration(s) applied).`,
  );
} finally {
  await db.close();
}
