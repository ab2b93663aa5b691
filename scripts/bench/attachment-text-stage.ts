/**
 * npm run bench, attachment text (issue 18, ADR 026): gives every generated attachment the text a real one
 * would have had extracted — a cover sheet and a few pages of prose, ≈ TEXT_CHARS characters, from the same
 * vocabulary as the bodies, and in one attachment out of ATTACHMENT_WORD_EVERY a word that no title or body
 * holds (ATTACHMENT_ONLY_WORD) — stored as the worker stores it (parts with their vectors, the attachment's
 * vector, status done), so the archive's searches run with attachment text included. Written in bulk with
 * triggers off, from a pool of distinct documents (POOL_DOCUMENTS), then each statement's vector is computed
 * once.
 */

import type { SqlRunner } from "@/server/db/connection";
import { prng, Random, TERMS, TOPICS } from "./corpus";

export const TEXT_CHARS = 4_000;
/** A word of timing vocabulary that the generated titles and bodies never use. */
export const ATTACHMENT_ONLY_WORD = "holdover";
const ATTACHMENT_WORD_EVERY = 40;

export interface AttachmentTextStageResult {
  attachments: number;
  parts: number;
  chars: number;
  withWord: number;
  seconds: number;
}

function documentText(rnd: Random, title: string, withWord: boolean): string {
  const lines = [title, "", `Source: ${rnd.pick(TOPICS).phrase}`, ""];
  let length = lines.join("\n").length;
  let sentence = 0;
  while (length < TEXT_CHARS) {
    const words = Array.from({ length: rnd.int(8, 18) }, () => rnd.pick(TERMS));
    if (withWord && sentence === 7) words.splice(3, 0, ATTACHMENT_ONLY_WORD);
    const line = `${words.join(" ")} for ${rnd.pick(TOPICS).phrase}.`;
    lines.push(line.charAt(0).toUpperCase() + line.slice(1));
    length += line.length + 1;
    sentence++;
  }
  return lines.join("\n");
}

/**
 * Distinct documents the attachments' text is drawn from: attachment i gets document i % POOL_DOCUMENTS after
 * its own title, so only POOL_DOCUMENTS texts are parsed into vectors (to_tsvector over ≈ 4,000 characters
 * per attachment was most of this stage: minutes at 100,000 statements). A multiple of ATTACHMENT_WORD_EVERY,
 * so the attachments with ATTACHMENT_ONLY_WORD are still those whose id is a multiple of it.
 */
export const POOL_DOCUMENTS = 10 * ATTACHMENT_WORD_EVERY;

/**
 * Gives the attachments of the statements from `firstStatementId` on (all by default) their text, then
 * refreshes those statements' search vectors (each once): the generator may have left them unset
 * (generate.ts `deferSearchVectors`). Everything runs inside the database, in INSERT … SELECT batches.
 */
export async function indexGeneratedAttachmentTexts(
  sql: SqlRunner,
  options: { seed: number; log: (line: string) => void; firstStatementId?: number },
): Promise<AttachmentTextStageResult> {
  const started = performance.now();
  const first = options.firstStatementId ?? 0;
  const rnd = new Random(prng(options.seed + 18));
  const pool = Array.from({ length: POOL_DOCUMENTS }, (_, doc) =>
    documentText(rnd, "", doc % ATTACHMENT_WORD_EVERY === 0).replace(/^\n+/, ""),
  );
  await sql.exec(`DROP TABLE IF EXISTS bench_text_pool`);
  await sql.exec(`CREATE TEMP TABLE bench_text_pool ("doc" int PRIMARY KEY, "text" text, "vector" tsvector)`);
  await sql.query(
    `INSERT INTO bench_text_pool SELECT u."doc", u."text", setweight(to_tsvector('english', u."text"), 'D')
       FROM unnest($1::int[], $2::text[]) AS u("doc", "text")`,
    [pool.map((_, doc) => doc), pool],
  );
  // The generator leaves its rows unanalyzed (the bench vacuums once at the end), and PGlite has no autovacuum
  // to gather statistics meanwhile: the planner would take tens of thousands of new attachments for the few
  // it knew of when joining them to the pool. (The 100k step on PGlite sat here for over 10 minutes before
  // this; not re-measured yet.)
  await sql.exec(`ANALYZE "Attachment"; ANALYZE "AttachmentText"; ANALYZE bench_text_pool`);
  const [range] = await sql.query<{ lo: number | null; hi: number | null }>(
    `SELECT min("id") AS "lo", max("id") AS "hi" FROM "Attachment" WHERE "statementId" >= $1`,
    [first],
  );
  const lo = Number(range?.lo ?? 0);
  const hi = Number(range?.hi ?? -1);
  await sql.exec(`ALTER TABLE "AttachmentText" DISABLE TRIGGER USER`);
  try {
    const STEP = 10_000;
    for (let at = lo; at <= hi; at += STEP) {
      const window = [at, Math.min(hi, at + STEP - 1), first];
      // The document after the attachment's own title, as the extraction worker would store it: one part.
      await sql.query(
        `INSERT INTO "AttachmentTextPart" ("attachmentId", "seq", "text", "searchVector")
         SELECT a."id", 0, a."title" || E'\n\n' || p."text", setweight(to_tsvector('english', a."title"), 'D') || p."vector"
           FROM "Attachment" a JOIN bench_text_pool p ON p."doc" = a."id" % ${POOL_DOCUMENTS}
          WHERE a."id" BETWEEN $1 AND $2 AND a."statementId" >= $3`,
        window,
      );
      await sql.query(
        `UPDATE "AttachmentText" t SET "status" = 'done', "attempts" = 1, "startedAt" = now(), "finishedAt" = now(),
           "chars" = length(p."text"), "searchVector" = p."searchVector"
           FROM "AttachmentTextPart" p, "Attachment" a
          WHERE p."attachmentId" = t."attachmentId" AND a."id" = t."attachmentId"
            AND t."attachmentId" BETWEEN $1 AND $2 AND a."statementId" >= $3`,
        window,
      );
      options.log(`  attachment text: ${Math.min(hi, at + STEP - 1) - lo + 1}/${hi - lo + 1} attachment ids`);
    }
  } finally {
    await sql.exec(`ALTER TABLE "AttachmentText" ENABLE TRIGGER USER`);
  }
  await sql.exec(`DROP TABLE bench_text_pool`);
  const textsS = (performance.now() - started) / 1000;
  // Each statement's vectors once, now that its attachments' text is in (the Statement trigger does it). The
  // GIN indexes over them are dropped meanwhile and built again after: kept, their upkeep row by row was ≈ 85%
  // of this update (2.0 → 0.3 s per 1,000 statements on PostgreSQL), and a bulk build is much cheaper.
  const gin = await sql.query<{ name: string; definition: string }>(
    `SELECT "indexname" AS "name", "indexdef" AS "definition" FROM pg_indexes
      WHERE "schemaname" = current_schema() AND "tablename" = 'Statement' AND "indexdef" ILIKE '% USING gin %'`,
  );
  for (const index of gin) await sql.exec(`DROP INDEX "${index.name}"`);
  const [ids] = await sql.query<{ lo: number | null; hi: number | null }>(
    `SELECT min("id") AS "lo", max("id") AS "hi" FROM "Statement" WHERE "id" >= $1`,
    [first],
  );
  const STATEMENTS = 5_000;
  for (let at = Number(ids?.lo ?? 0); at <= Number(ids?.hi ?? -1); at += STATEMENTS) {
    await sql.query(`UPDATE "Statement" SET "searchVector" = NULL WHERE "id" BETWEEN $1 AND $2`, [
      at,
      at + STATEMENTS - 1,
    ]);
  }
  const indexing = performance.now();
  for (const index of gin) await sql.exec(index.definition);
  options.log(`  GIN indexes built again in ${((performance.now() - indexing) / 1000).toFixed(1)} s`);
  options.log(`  statement search vectors refreshed (${((performance.now() - started) / 1000 - textsS).toFixed(1)} s)`);
  const [stats] = await sql.query<{ attachments: number; chars: number | null; with_word: number }>(
    `SELECT count(*)::int AS "attachments", sum(length(p."text"))::bigint AS "chars",
            count(*) FILTER (WHERE p."attachmentId" % ${ATTACHMENT_WORD_EVERY} = 0)::int AS "with_word"
       FROM "AttachmentTextPart" p JOIN "Attachment" a ON a."id" = p."attachmentId" WHERE a."statementId" >= $1`,
    [first],
  );
  return {
    attachments: Number(stats?.attachments ?? 0),
    parts: Number(stats?.attachments ?? 0),
    chars: Number(stats?.chars ?? 0),
    withWord: Number(stats?.with_word ?? 0),
    seconds: (performance.now() - started) / 1000,
  };
}
