/**
 * npm run bench:reminders — one reminder run and the delivery of its mails, in process, on a kept archive
 * (issue 19, "no mail storm at start"): where the start-up's reminder work goes, without the server around it.
 *
 *   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/reminders_bench npm run bench:reminders
 *   DATA_DIR=/path/kept/by/npm-run-bench--reuse npm run bench:reminders        (PGlite)
 *
 * The archive: one grown by `npm run bench -- --reuse=URL|DIR`. Each run first deletes the reminder mails and
 * `reminder_sent` events (as the growth bench does before each start), so it is the first run on that archive.
 * Prints the mails queued, the wall time, this process's CPU and the SQL statements of the reminder run, then
 * the same for delivering them (to .eml files in a temporary directory, as the bench's server does).
 * Options: --no-deliver, --runs=N (the reminder run N times, each after the deletion; default 1).
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { database } from "@/server/db";
import { withQueryCount } from "@/server/db/query-count";
import { deliverDueMail } from "@/server/mail/deliver";
import { fileTransport } from "@/server/mail/transport";
import { sendDueReminders } from "@/server/reminders/send-reminders";

const args = new Set(process.argv.slice(2));
const runs = Number([...args].find((a) => a.startsWith("--runs="))?.slice(7) ?? 1);
const db = await database();
const [{ statements } = { statements: 0 }] = await db.sql.query<{ statements: number }>(
  `SELECT count(*)::int AS "statements" FROM "Statement"`,
);
console.log(
  `[reminders] ${db.engine}, ${statements} statements; load ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}`,
);

async function measured<T>(fn: () => Promise<T>) {
  const cpu = process.cpuUsage();
  const t = performance.now();
  const { result, queries } = await withQueryCount(async (tally) => ({ result: await fn(), queries: tally }));
  const used = process.cpuUsage(cpu);
  return { result, ms: performance.now() - t, cpuMs: (used.user + used.system) / 1000, queries: queries.queries };
}

for (let run = 1; run <= runs; run++) {
  await db.sql.exec(`DELETE FROM "StatementEvent" WHERE "type" = 'reminder_sent'`);
  await db.sql.exec(`DELETE FROM "Mail" WHERE "kind" = 'reminder'`);
  const r = await measured(() => sendDueReminders());
  console.log(
    `[reminders] run ${run}: ${r.result.queued} queued, ${r.result.alreadySent} already sent, ${r.result.failed} failed ` +
      `in ${r.ms.toFixed(0)} ms; this process's CPU ${r.cpuMs.toFixed(0)} ms; ${r.queries} SQL statements`,
  );
  const again = await measured(() => sendDueReminders());
  console.log(
    `[reminders] run ${run}, again at once: ${again.result.queued} queued in ${again.ms.toFixed(0)} ms; ${again.queries} SQL statements`,
  );
}

if (!args.has("--no-deliver")) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "reminder-mail-"));
  try {
    const d = await measured(() => deliverDueMail(fileTransport(dir)));
    console.log(
      `[reminders] delivered ${d.result.delivered} (${readdirSync(dir).length} files) in ${d.ms.toFixed(0)} ms; ` +
        `this process's CPU ${d.cpuMs.toFixed(0)} ms; ${d.queries} SQL statements`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
await db.close();
