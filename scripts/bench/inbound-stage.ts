/**
 * Issue 18's ingestion figure for `npm run bench`: a received 3GPP LS mail whose zip is about 10 MB (a .docx
 * cover sheet and an incompressible annex: tests/fixtures/inbound/build-fixtures.ts largeZipMail) ingested
 * end to end — read, expanded, cover sheet read, the original and every attachment stored, the draft and
 * its notice mail written — into a throwaway database of the bench's engine with the demo directory (a
 * fresh in-memory PGlite, or a schema on PostgreSQL). Median of `runs`; each run's draft is deleted after
 * it, so every run is a first delivery (a fresh Message-ID too). Beside it, reading alone (no database).
 */
import { randomBytes } from "node:crypto";
import { setDatabase } from "@/server/db";
import { type Database, openDatabase } from "@/server/db/connection";
import { migrate } from "@/server/db/migrate";
import { ingestMessage } from "@/server/inbound/ingest-message";
import { seedDemo } from "@/server/seed/seed-demo";
import { largeZipMail } from "../../tests/fixtures/inbound/build-fixtures";
import { benchInboundRead, describeInboundRead } from "./inbound-read";

export interface InboundBenchResult {
  engine: "pglite" | "postgres";
  messageMb: number;
  runs: number;
  ingestMedianMs: number;
  ingestMaxMs: number;
  attachments: number;
  read: string;
}

export async function benchInboundIngest(options: {
  pgUrl?: string;
  runs?: number;
  megabytes?: number;
}): Promise<InboundBenchResult> {
  const runs = options.runs ?? 3;
  const megabytes = options.megabytes ?? 10;
  const schema = `bench_inbound_${randomBytes(4).toString("hex")}`;
  let db: Database;
  if (options.pgUrl) {
    const url = new URL(options.pgUrl);
    url.searchParams.set("schema", schema);
    db = await openDatabase({ kind: "postgres", url: url.toString() });
  } else {
    db = await openDatabase({ kind: "pglite" });
  }
  setDatabase(Promise.resolve(db));
  try {
    await migrate(db.sql);
    await seedDemo(db);
    const times: number[] = [];
    let attachments = 0;
    for (let i = 0; i <= runs; i++) {
      const raw = await largeZipMail(megabytes * 1024 * 1024, {
        messageId: `bench-${i}-${randomBytes(6).toString("hex")}@bench`,
      });
      const started = performance.now();
      const result = await ingestMessage(raw, { channel: "command" });
      const ms = performance.now() - started;
      if (result.duplicate) throw new Error("the bench's mail was taken for a duplicate: the figure would be void");
      attachments = await db.prisma.attachment.count({ where: { statementId: result.statementId } });
      await db.prisma.statement.delete({ where: { id: result.statementId } });
      if (i > 0) times.push(ms); // the first run loads modules and warms the JIT
    }
    times.sort((a, b) => a - b);
    const read = describeInboundRead(await benchInboundRead({ megabytes, runs }));
    return {
      engine: options.pgUrl ? "postgres" : "pglite",
      messageMb: megabytes,
      runs,
      ingestMedianMs: Math.round(times[Math.floor(times.length / 2)] ?? Number.NaN),
      ingestMaxMs: Math.round(times.at(-1) ?? Number.NaN),
      attachments,
      read,
    };
  } finally {
    setDatabase(undefined);
    if (options.pgUrl) await db.sql.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await db.close();
  }
}

export function describeInboundBench(r: InboundBenchResult): string[] {
  return [
    `Ingesting a received LS mail with a ${r.messageMb} MB zip (${r.engine}): median ${r.ingestMedianMs} ms, worst ${r.ingestMaxMs} ms over ${r.runs} runs — read, expanded, stored (${r.attachments} attachments and the original), draft and notice written`,
    r.read,
  ];
}
