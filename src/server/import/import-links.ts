import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { AttachmentStore } from "@/server/attachments/store";
import { insertRows } from "./bulk-insert";
import { attachmentLinkSchema, eventSchema, RESOURCES, relationSchema, uriKey } from "./datatracker-schema";
import { type ImportedFile, missingFile, storeImportedFiles } from "./import-attachment";
import type { DirectoryIds } from "./import-directory";
import type { DocInfo } from "./import-statements";
import { attachmentUrl, datatrackerTime, EVENT_TYPE } from "./map";
import { type ImportReport, skip, summaryOf } from "./report";
import { type ReadOptions, readResource } from "./source";

type Tx = Prisma.TransactionClient;

const statementIdOf = (uri: string) => Number(uriKey(uri, "liaisons/liaisonstatement"));

/**
 * Attachments: title, file name, removed flag, bytes from `--attachments` (by uploaded_filename) with their
 * SHA-256; a file that is not there becomes a record saying so, with the original URL. A re-run fills in a
 * file that has appeared since and follows the removed flag; it never reads a file it already has.
 * Per page: one query for the attachments it already has; the page's files stored in a few store batches
 * (storeImportedFiles: staged a few at a time, hashed while copied, never held whole; one transaction per
 * batch on PostgreSQL); the page's new rows in one insert; single-row updates only for rows that changed.
 */
export async function importAttachments(
  tx: Tx,
  dir: string,
  read: ReadOptions,
  report: ImportReport,
  context: {
    statements: Set<number>;
    docs: Map<string, DocInfo>;
    attachmentsDir?: string;
    store: AttachmentStore;
    now: Date;
  },
) {
  const summary = summaryOf(report, RESOURCES.attachment);
  for await (const page of readResource(dir, RESOURCES.attachment, attachmentLinkSchema, read)) {
    const existing = new Map(
      (
        await tx.attachment.findMany({
          where: { datatrackerId: { in: page.objects.map((a) => a.id) } },
          select: { id: true, datatrackerId: true, title: true, removedAt: true, isFileMissing: true, filename: true },
        })
      ).map((a) => [a.datatrackerId!, a]),
    );
    type FileRef = { uploadedFilename: string; filename: string; title: string };
    const creates: (FileRef & { row: Omit<Prisma.AttachmentCreateManyInput, keyof ImportedFile> })[] = [];
    const updates: { id: number; data: Prisma.AttachmentUpdateInput; file?: FileRef }[] = [];
    const seen = new Set<number>();
    for (const link of page.objects) {
      summary.read++;
      const statementId = statementIdOf(link.statement);
      const doc = context.docs.get(uriKey(link.document, "doc/document") ?? "");
      if (!context.statements.has(statementId)) {
        skip(summary, "statement not imported");
        continue;
      }
      if (!doc) {
        skip(summary, "document not in the archive");
        report.warnings.push(`${link.resource_uri}: document ${link.document} is not in doc/document`);
        continue;
      }
      if (seen.has(link.id)) {
        skip(summary, "the same attachment twice on one page");
        continue;
      }
      seen.add(link.id);
      const filename = doc.uploaded_filename || doc.name;
      const title = doc.title || filename;
      const time = doc.time ? datatrackerTime(doc.time) : context.now;
      const removedAt = link.removed ? time : null;
      const current = existing.get(link.id);
      if (!current) {
        creates.push({
          row: {
            statementId,
            datatrackerId: link.id,
            originalUrl: attachmentUrl(doc),
            createdAt: time,
            removedAt,
          },
          uploadedFilename: doc.uploaded_filename,
          filename,
          title,
        });
        continue;
      }
      const data: Prisma.AttachmentUpdateInput = {};
      if ((current.removedAt === null) !== (removedAt === null)) data.removedAt = removedAt;
      if (current.title !== prepTitle(title)) data.title = prepTitle(title);
      updates.push({
        id: current.id,
        data,
        ...(current.isFileMissing ? { file: { uploadedFilename: doc.uploaded_filename, filename, title } } : {}),
      });
    }
    // A file that has appeared since an earlier run is stored in the same batches as the new ones.
    const refill = updates.flatMap((u) => (u.file ? [u.file] : []));
    const stored = await storeImportedFiles([...creates, ...refill], context.attachmentsDir, context.store);
    const filled = new Map(refill.map((ref, i) => [ref, stored[creates.length + i] ?? null]));
    summary.created += await insertRows(
      tx,
      "Attachment",
      creates.map((c, i) => {
        const file = stored[i];
        return { ...(file ?? missingFile(c.filename, c.title)), ...c.row, isFileMissing: !file };
      }),
    );
    for (const u of updates) {
      const file = u.file ? filled.get(u.file) : null;
      const data = file ? { ...u.data, ...file, isFileMissing: false } : u.data;
      if (Object.keys(data).length === 0) {
        summary.unchanged++;
        continue;
      }
      await tx.attachment.update({ where: { id: u.id }, data });
      summary.updated++;
    }
  }
}

const prepTitle = (title: string) =>
  title
    .trim()
    .replace(/[\r\n]+/g, " ")
    .slice(0, 255);

/**
 * RelatedLiaisonStatement (always `refold`): a reply when the newer statement is In response, else a reference.
 * A page costs three queries (purposes, existing relations, one multi-row insert) plus one per changed row.
 */
export async function importRelations(
  tx: Tx,
  dir: string,
  read: ReadOptions,
  report: ImportReport,
  statements: Set<number>,
) {
  const summary = summaryOf(report, RESOURCES.relation);
  for await (const page of readResource(dir, RESOURCES.relation, relationSchema, read)) {
    const sources = [...new Set(page.objects.map((r) => statementIdOf(r.source)))].filter((id) => statements.has(id));
    const purposes = new Map(
      (await tx.statement.findMany({ where: { id: { in: sources } }, select: { id: true, purpose: true } })).map(
        (s) => [s.id, s.purpose],
      ),
    );
    const known = await tx.statementRelation.findMany({
      where: { OR: [{ datatrackerId: { in: page.objects.map((r) => r.id) } }, { sourceId: { in: sources } }] },
    });
    const byDatatrackerId = new Map(known.flatMap((r) => (r.datatrackerId === null ? [] : [[r.datatrackerId, r]])));
    const key = (r: { sourceId: number; targetId: number; relationship: string }) =>
      `${r.sourceId} ${r.targetId} ${r.relationship}`;
    const byKey = new Map(known.map((r) => [key(r), r]));
    const creates: Prisma.StatementRelationCreateManyInput[] = [];
    const pending = new Set<string>();
    for (const r of page.objects) {
      summary.read++;
      const sourceId = statementIdOf(r.source);
      const targetId = statementIdOf(r.target);
      if (!statements.has(sourceId) || !statements.has(targetId)) {
        skip(summary, "statement not imported");
        continue;
      }
      if (sourceId === targetId) {
        skip(summary, "a statement related to itself");
        continue;
      }
      const relationship = purposes.get(sourceId) === "response" ? "responds_to" : "related_to";
      const row = { sourceId, targetId, relationship, datatrackerId: r.id } as const;
      if (pending.has(key(row))) {
        skip(summary, "the same relation twice");
        continue;
      }
      const current = byDatatrackerId.get(r.id) ?? byKey.get(key(row));
      if (!current) {
        creates.push(row);
        pending.add(key(row));
        summary.created++;
      } else if (
        current.sourceId === sourceId &&
        current.targetId === targetId &&
        current.relationship === relationship &&
        current.datatrackerId === r.id
      ) {
        summary.unchanged++;
      } else {
        await tx.statementRelation.update({ where: { id: current.id }, data: row });
        summary.updated++;
      }
    }
    if (creates.length) await tx.statementRelation.createMany({ data: creates });
  }
}

/**
 * Events → history with their original times and people; "(System)" (and anyone not imported) is the
 * system actor; private comments are staff-only. The original slug and person are kept in `data`.
 */
export async function importEvents(
  tx: Tx,
  dir: string,
  read: ReadOptions,
  report: ImportReport,
  context: { statements: Set<number>; ids: DirectoryIds },
) {
  const summary = summaryOf(report, RESOURCES.event);
  for await (const page of readResource(dir, RESOURCES.event, eventSchema, read)) {
    const existing = new Map(
      (
        await tx.statementEvent.findMany({
          where: { datatrackerId: { in: page.objects.map((e) => e.id) } },
          select: { id: true, datatrackerId: true, text: true, createdAt: true, type: true, isPublic: true },
        })
      ).map((e) => [e.datatrackerId!, e]),
    );
    const create: (Omit<Prisma.StatementEventCreateManyInput, "data"> & { data: Prisma.InputJsonValue })[] = [];
    for (const e of page.objects) {
      summary.read++;
      const statementId = statementIdOf(e.statement);
      const slug = uriKey(e.type, "name/liaisonstatementeventtypename") ?? "";
      const type = EVENT_TYPE[slug];
      if (!context.statements.has(statementId)) {
        skip(summary, "statement not imported");
        continue;
      }
      if (!type) {
        const problem = { file: page.file, uri: e.resource_uri, field: "type", message: `unknown event type ${slug}` };
        if (read.strict) throw new Error(`${problem.file}: ${problem.uri}: field "type": ${problem.message}`);
        read.onProblem(problem);
        skip(summary, "invalid value");
        continue;
      }
      const byDt = e.by ? Number(uriKey(e.by, "person/person")) : null;
      const actorId = (byDt ? context.ids.people.get(byDt) : undefined) ?? context.ids.systemPersonId;
      const row = {
        type,
        text: e.desc,
        isPublic: slug !== "private_comment",
        createdAt: datatrackerTime(e.time),
      };
      const current = existing.get(e.id);
      if (!current) {
        create.push({
          ...row,
          statementId,
          actorId,
          datatrackerId: e.id,
          data: { datatracker: { type: slug, by: byDt } },
        });
        continue;
      }
      const same =
        current.type === row.type &&
        current.text === row.text &&
        current.isPublic === row.isPublic &&
        current.createdAt.getTime() === row.createdAt.getTime();
      if (same) {
        summary.unchanged++;
        continue;
      }
      await tx.statementEvent.update({ where: { id: current.id }, data: row });
      summary.updated++;
    }
    summary.created += await insertRows(tx, "StatementEvent", create);
  }
}

/**
 * The dates the Datatracker derives from events (DATATRACKER.md §1.1): submitted, approved, posted, withdrawn
 * (killed) and created, and the submitter (the person of the first submitted event). Returns how many
 * statements changed; run after the events, only on imported statements, never bumping `version`.
 */
export async function deriveStatementDates(tx: Tx): Promise<number> {
  // One grouped pass over the imported events, not six correlated subqueries per statement: those took
  // 10–13 s for 3,000 statements and 38,500 events on PostgreSQL, this about 1 s (0.2 s on a re-run).
  return tx.$executeRawUnsafe(`
    WITH d AS (
      SELECT e."statementId" AS id,
        max(e."createdAt") FILTER (WHERE e.type = 'submitted') AS submitted,
        max(e."createdAt") FILTER (WHERE e.type = 'approved') AS approved,
        max(e."createdAt") FILTER (WHERE e.type = 'posted') AS posted,
        max(e."createdAt") FILTER (WHERE e.type = 'withdrawn') AS killed,
        min(e."createdAt") AS first
      FROM "StatementEvent" e WHERE e."datatrackerId" IS NOT NULL GROUP BY e."statementId"
    ), sub AS (
      SELECT DISTINCT ON (e."statementId") e."statementId" AS id, e."actorId" AS submitter
      FROM "StatementEvent" e JOIN "Person" p ON p.id = e."actorId"
      WHERE e."datatrackerId" IS NOT NULL AND e.type = 'submitted' AND p."canSignIn"
      ORDER BY e."statementId", e."createdAt", e.id
    ), v AS (
      SELECT s.id,
        coalesce(d.submitted, d.first) AS "submittedAt",
        CASE WHEN s.state IN ('approved', 'posted') OR (s.state = 'withdrawn' AND d.posted IS NOT NULL)
          THEN coalesce(d.approved, d.posted, d.submitted, d.first) END AS "approvedAt",
        CASE WHEN s.state = 'posted' OR (s.state = 'withdrawn' AND d.posted IS NOT NULL)
          THEN coalesce(d.posted, d.approved, d.submitted, d.first) END AS "postedAt",
        CASE WHEN s.state = 'withdrawn' THEN coalesce(d.killed, d.first) END AS "withdrawnAt",
        coalesce(d.first, s."createdAt") AS "createdAt",
        coalesce(sub.submitter, s."submitterId") AS "submitterId"
      FROM "Statement" s LEFT JOIN d ON d.id = s.id LEFT JOIN sub ON sub.id = s.id
      WHERE s."isImported"
    )
    UPDATE "Statement" s SET "submittedAt" = v."submittedAt", "approvedAt" = v."approvedAt", "postedAt" = v."postedAt",
      "withdrawnAt" = v."withdrawnAt", "createdAt" = v."createdAt", "submitterId" = v."submitterId"
    FROM v WHERE s.id = v.id AND (
      s."submittedAt" IS DISTINCT FROM v."submittedAt" OR s."approvedAt" IS DISTINCT FROM v."approvedAt"
      OR s."postedAt" IS DISTINCT FROM v."postedAt" OR s."withdrawnAt" IS DISTINCT FROM v."withdrawnAt"
      OR s."createdAt" IS DISTINCT FROM v."createdAt" OR s."submitterId" IS DISTINCT FROM v."submitterId")`);
}

/** New statements get ids above the highest imported one. */
export async function resetStatementSequence(tx: Tx) {
  await tx.$executeRawUnsafe(
    `SELECT setval(pg_get_serial_sequence('"Statement"', 'id'), (SELECT coalesce(max(id), 1) FROM "Statement"), (SELECT count(*) > 0 FROM "Statement"))`,
  );
}
