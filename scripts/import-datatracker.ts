// npm run import:datatracker — imports the IETF Datatracker's liaison archive (issue 17, docs/import.md).
//   -- --source <dir|url> [--attachments <dir>] [--dry-run] [--strict]
//   -- --snapshot <url> --out <dir>
// On the embedded database it runs with the app stopped (it refuses while the app holds the directory);
// on PostgreSQL it may run beside the app. An empty database is created and migrated first, without demo data.
import path from "node:path";
import { env } from "@/env";
import { configuredTarget, setDatabase } from "@/server/db";
import { openDatabase } from "@/server/db/connection";
import { migrate } from "@/server/db/migrate";
import {
  embeddedDatabaseHolder,
  heldDatabaseMessage,
  parseCommand,
  progressLine,
  USAGE,
  UsageError,
} from "@/server/import/cli";
import { RESOURCES } from "@/server/import/datatracker-schema";
import { importDatatracker } from "@/server/import/import-datatracker";
import { formatSummary } from "@/server/import/report";
import { takeSnapshot } from "@/server/import/snapshot";
import { describeProblem } from "@/server/import/source";

const log = (line: string) => console.log(line);

async function main(): Promise<number> {
  let command: ReturnType<typeof parseCommand>;
  try {
    command = parseCommand(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\n${USAGE}`);
    return 64;
  }
  if (command.kind === "snapshot") {
    const result = await takeSnapshot({ baseUrl: command.url, outDir: command.out, delayMs: command.delayMs, log });
    log(`[snapshot] done: ${result.requests} request(s); saved in ${command.out}`);
    return 0;
  }
  let sourceDir = command.source;
  if (/^https?:\/\//i.test(command.source)) {
    // The URL source follows meta.next into a snapshot under DATA_DIR (resumable), then imports that.
    sourceDir = path.join(env().dataDir, "datatracker-snapshot");
    log(`[import] fetching ${command.source} into ${sourceDir} (resumable)`);
    await takeSnapshot({ baseUrl: command.source, outDir: sourceDir, delayMs: command.delayMs, log });
  }

  const target = configuredTarget();
  const holder = embeddedDatabaseHolder(target);
  if (holder) {
    console.error(
      heldDatabaseMessage(
        holder,
        "Stop the app, then run the import again (with PostgreSQL, DATABASE_URL, the import may run beside the app).",
      ),
    );
    return 2;
  }
  const where = target.kind === "postgres" ? "PostgreSQL (DATABASE_URL)" : `embedded PGlite at ${target.dir}`;
  const db = await openDatabase(target);
  // The one database of this process: attachment bytes are stored through the app's own code
  // (storeAttachments → attachmentStore()), which must find this database, never open a second one.
  setDatabase(Promise.resolve(db));
  try {
    const { applied } = await migrate(db.sql);
    log(
      `[import] ${where}: ${applied.length ? `created/migrated (${applied.length} migration(s))` : "schema up to date"}`,
    );
    const isTty = !!process.stdout.isTTY;
    const order: string[] = Object.values(RESOURCES);
    let lastLine = "";
    const report = await importDatatracker(db.prisma, {
      sourceDir,
      attachmentsDir: command.attachments,
      attachmentStore: db.attachments,
      dryRun: command.dryRun,
      strict: command.strict,
      onProgress: (resource, read) => {
        const line = progressLine({ resource, read, step: order.indexOf(resource) + 1, steps: order.length }, isTty);
        if (line === lastLine) return;
        lastLine = line;
        if (isTty) process.stdout.write(line);
        else log(line);
      },
    });
    if (isTty) process.stdout.write("\n");
    for (const problem of report.problems) console.error(`[import] skipped: ${describeProblem(problem)}`);
    for (const warning of report.warnings) log(`[import] note: ${warning}`);
    log(
      command.dryRun
        ? "[import] DRY RUN: nothing was written. It would have done:"
        : "[import] summary (also in the audit log):",
    );
    for (const line of formatSummary(report)) log(`  ${line}`);
    if (report.problems.length) log(`[import] ${report.problems.length} object(s) skipped as invalid (listed above)`);
    return 0;
  } finally {
    setDatabase(undefined);
    await db.close();
  }
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(`[import] failed, nothing was written: ${(error as Error).message}`);
  process.exitCode = 1;
}
