// npm run worker — delivers the outbox (and queues reminders) and reads attachments' text for search, in a separate process.
// Several workers may run against PostgreSQL: each mail is claimed once (FOR UPDATE SKIP LOCKED).
// The embedded PGlite database is single-process: there the worker runs inside `npm start` instead.
import { env } from "@/env";
import { startAttachmentTextWorker, stopAttachmentTextWorker } from "@/server/attachment-text/worker";
import { database } from "@/server/db";
import { startMailWorker, stopMailWorker } from "@/server/jobs/mail-worker";

if (!env().databaseUrl) {
  console.error(
    "npm run worker needs DATABASE_URL (PostgreSQL). With the embedded database, `npm start` runs the worker itself.",
  );
  process.exit(2);
}
await database();
startMailWorker();
// Attachments' text for search (ADR 026): claimed once per attachment, beside the app's own loop.
startAttachmentTextWorker();
const stop = async () => {
  await stopMailWorker();
  await stopAttachmentTextWorker();
  await (await database()).close();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
