// npm run ingest -- message.eml   (or the raw message on standard input: what an MTA's pipe delivers)
// Makes a draft incoming statement from one received e-mail (issue 18, docs/decisions/025-inbound-mail.md)
// and prints its URL (or the existing one's, for a message received before). Exit 0; else the problem is
// named on standard error and the exit code says whether to retry (75) or not (64, 65).
// On the embedded database while the app runs it hands the message to the app; otherwise it ingests directly.
import { env } from "@/env";
import { configuredTarget, setDatabase } from "@/server/db";
import { openDatabase } from "@/server/db/connection";
import { migrate } from "@/server/db/migrate";
import { AppError } from "@/server/errors";
import { embeddedDatabaseHolder } from "@/server/import/cli";
import { CliError, describeDuplicate, EXIT, handOff, readInput } from "@/server/inbound/cli";
import { checkRawMessage, ingestMessage } from "@/server/inbound/ingest-message";

async function main(): Promise<number> {
  const config = env();
  const raw = await readInput(process.argv.slice(2), process.stdin, config.inbound.maxMessageBytes);
  // Junk is refused before any database is opened (or created, on a new data directory) or the app is asked.
  checkRawMessage(raw);
  const target = configuredTarget();
  let result: { url: string; duplicate: string | null };
  if (embeddedDatabaseHolder(target)) {
    result = await handOff(config.inbound.handoffFile, raw);
  } else {
    const db = await openDatabase(target);
    setDatabase(Promise.resolve(db));
    try {
      await migrate(db.sql);
      result = await ingestMessage(raw, { channel: "command" });
    } finally {
      setDatabase(undefined);
      await db.close();
    }
  }
  const note = describeDuplicate(result.duplicate);
  if (note) console.error(note);
  console.log(result.url);
  return EXIT.ok;
}

try {
  process.exitCode = await main();
} catch (error) {
  if (error instanceof CliError) {
    console.error(`[ingest] ${error.message}`);
    process.exitCode = error.exitCode;
  } else if (error instanceof AppError) {
    console.error(`[ingest] ${error.message} Nothing was stored.`);
    process.exitCode = error.code === "VALIDATION" ? EXIT.dataError : EXIT.software;
  } else {
    console.error(`[ingest] failed, nothing was stored: ${(error as Error).message}`);
    process.exitCode = EXIT.tempFail;
  }
}
