/**
 * npm run bench, attachment text (issue 18, ADR 026): gives every generated attachment the text a real one
 * would have had extracted — a cover sheet and a few pages of prose, ≈ TEXT_CHARS characters, from the same
 * vocabulary as the bodies, and in one attachment out of ATTACHMENT_WORD_EVERY a word that no title or body
 * holds (ATTACHMENT_ONLY_WORD) — stored as the worker stores it (parts with their vectors, the attachment's
 * vector, status done), so the archive's searches run with attachment text included. Written in bulk with
 * triggers off, then each statement's vector is recomputed once.
 */

import { PART_CHARS, splitParts } from "@/server/attachment-text/text-parts";
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

export async function indexGeneratedAttachmentTexts(
  sql: SqlRunner,
  options: { seed: number; log: (line: string) => void },
): Promise<AttachmentTextStageResult> {
  const started = performance.now();
  const rnd = new Random(prng(options.seed + 18));
  const attachments = await sql.query<{ id: number; title: string }>(
    `SELECT "id", "title" FROM "Attachment" ORDER BY "id"`,
  );
  let parts = 0;
  let chars = 0;
  let withWord = 0;
  await sql.exec(`ALTER TABLE "AttachmentText" DISABLE TRIGGER USER`);
  try {
    const BATCH = 200;
    for (let i = 0; i < attachments.length; i += BATCH) {
      const batch = attachments.slice(i, i + BATCH);
      const rows: unknown[] = [];
      const values: string[] = [];
      for (const a of batch) {
        const hasWord = Number(a.id) % ATTACHMENT_WORD_EVERY === 0;
        if (hasWord) withWord++;
        const text = documentText(rnd, a.title, hasWord);
        chars += text.length;
        for (const [seq, part] of splitParts(text, PART_CHARS).entries()) {
          const n = rows.length;
          rows.push(Number(a.id), seq, part);
          values.push(
            `($${n + 1}::int, $${n + 2}::int, $${n + 3}::text, setweight(to_tsvector('english', $${n + 3}::text), 'D'))`,
          );
          parts++;
        }
      }
      await sql.query(
        `INSERT INTO "AttachmentTextPart" ("attachmentId", "seq", "text", "searchVector") VALUES ${values.join(",")}`,
        rows,
      );
      await sql.query(
        `UPDATE "AttachmentText" t SET "status" = 'done', "attempts" = 1, "startedAt" = now(), "finishedAt" = now(),
           "chars" = (SELECT sum(length(p."text")) FROM "AttachmentTextPart" p WHERE p."attachmentId" = t."attachmentId"),
           "searchVector" = attachment_text_parts_vector(t."attachmentId")
         WHERE t."attachmentId" = ANY($1::int[])`,
        [batch.map((a) => Number(a.id))],
      );
      if ((i / BATCH) % 25 === 0) options.log(`  attachment text: ${i + batch.length}/${attachments.length}`);
    }
  } finally {
    await sql.exec(`ALTER TABLE "AttachmentText" ENABLE TRIGGER USER`);
  }
  await sql.exec(
    `UPDATE "Statement" SET "searchVector" = NULL WHERE "id" IN (SELECT DISTINCT "statementId" FROM "Attachment")`,
  );
  return { attachments: attachments.length, parts, chars, withWord, seconds: (performance.now() - started) / 1000 };
}
