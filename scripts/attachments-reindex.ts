// npm run attachments:reindex [-- --failed | --all] — extracts the text of attachments for search (issue 18,
// ADR 026): every attachment never read; with --failed also those that failed; with --all every one again.
// Idempotent. On the embedded database it runs with the app stopped (it refuses while the app holds the
// directory, like the Datatracker import; the running app reads new and never-read attachments itself);
// on PostgreSQL it may run beside the app (each attachment is claimed once).

import { stopExtractReader } from "@/server/attachment-text/reader";
import { type ReindexScope, reindexAttachmentTexts } from "@/server/attachment-text/reindex";
import { configuredTarget, setDatabase } from "@/server/db";
import { openDatabase } from "@/server/db/connection";
import { migrate } from "@/server/db/migrate";
import { embeddedDatabaseHolder, heldDatabaseMessage } from "@/server/import/cli";

const USAGE = "usage: npm run attachments:reindex [-- --failed | --all]";

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a !== "--failed" && a !== "--all");
  if (unknown.length > 0 || args.length > 1) {
    console.error(`${unknown.length ? `unknown option ${unknown[0]}` : "give at most one option"}\n${USAGE}`);
    return 64;
  }
  const scope: ReindexScope = args[0] === "--all" ? "all" : args[0] === "--failed" ? "failed" : "missing";
  const target = configuredTarget();
  const holder = embeddedDatabaseHolder(target);
  if (holder) {
    console.error(
      heldDatabaseMessage(
        holder,
        "The running app reads new and never-read attachments itself; stop it to reindex from here\n" +
          "(with PostgreSQL, DATABASE_URL, the reindex may run beside the app).",
      ),
    );
    return 2;
  }
  const db = await openDatabase(target);
  setDatabase(Promise.resolve(db));
  try {
    await migrate(db.sql);
    const began = performance.now();
    const report = await reindexAttachmentTexts(db.prisma, db.attachments, {
      scope,
      onProgress: (o) =>
        console.log(
          `[reindex] attachment ${o.attachmentId}: ${o.status === "done" ? `${o.chars} characters` : o.status === "failed" ? `failed: ${o.reason}` : "queued again meanwhile"}`,
        ),
    });
    console.log(
      `[reindex] ${report.queued} queued, ${report.done} read, ${report.failed} failed in ${((performance.now() - began) / 1000).toFixed(1)} s`,
    );
    return 0;
  } finally {
    await stopExtractReader();
    setDatabase(undefined);
    await db.close();
  }
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(`[reindex] failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
