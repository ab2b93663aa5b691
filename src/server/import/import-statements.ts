import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { insertRows } from "./bulk-insert";
import { type DtDocument, documentSchema, RESOURCES, statementSchema, uriKey } from "./datatracker-schema";
import type { DirectoryIds } from "./import-directory";
import { actionStatus, direction, fingerprint, type MappedStatement, MappingError, mapStatement } from "./map";
import { type ImportReport, skip, summaryOf } from "./report";
import { type ReadOptions, readResource } from "./source";

type Tx = Prisma.TransactionClient;

/** What the attachment step needs of a document (the rest of it is not kept: memory stays small). */
export type DocInfo = Pick<DtDocument, "name" | "title" | "uploaded_filename" | "external_url" | "time">;

export async function loadDocuments(tx: Tx, dir: string, read: ReadOptions, report: ImportReport) {
  void tx;
  const summary = summaryOf(report, RESOURCES.document);
  const docs = new Map<string, DocInfo>();
  for await (const page of readResource(dir, RESOURCES.document, documentSchema, read)) {
    for (const d of page.objects) {
      summary.read++;
      summary.unchanged++; // documents are not rows here: they become attachments (next resource)
      docs.set(d.name, {
        name: d.name,
        title: d.title,
        uploaded_filename: d.uploaded_filename,
        external_url: d.external_url,
        time: d.time,
      });
    }
  }
  return docs;
}

const COMPARED: (keyof MappedStatement | "direction" | "actionStatus" | "groups")[] = [
  "title",
  "state",
  "purpose",
  "deadline",
  "body",
  "fromContact",
  "fromLiaisonContact",
  "toContact",
  "otherIdentifiers",
  "legacyTechnicalContacts",
  "legacyCcContacts",
  "legacyActionHolderContacts",
  "direction",
  "actionStatus",
  "groups",
];

/**
 * Statements, page by page, each keeping its Datatracker id as ours. Unchanged source (same fingerprint) →
 * untouched. Changed source → updated, unless the statement was edited here since the import (its version
 * moved on): then it is left alone and reported as a conflict. Nothing here queues mail.
 */
export async function importStatements(
  tx: Tx,
  dir: string,
  read: ReadOptions,
  report: ImportReport,
  ids: DirectoryIds,
  now: Date,
) {
  const summary = summaryOf(report, RESOURCES.statement);
  const today = new Date(`${now.toISOString().slice(0, 10)}T00:00:00Z`);
  const imported = new Set<number>();
  for await (const page of readResource(dir, RESOURCES.statement, statementSchema, read)) {
    const addresses = page.objects.flatMap((s) => {
      const a = s.from_contact ? uriKey(s.from_contact, "person/email") : null;
      return a ? [a.toLowerCase()] : [];
    });
    const known = await tx.emailAddress.findMany({
      where: { address: { in: addresses } },
      select: { address: true, person: { select: { name: true } } },
    });
    const names = new Map(known.map((k) => [k.address, k.person.name]));
    const existingRows = await tx.statement.findMany({
      where: { id: { in: page.objects.map((s) => s.id) } },
      include: { groups: { orderBy: [{ side: "asc" }, { position: "asc" }] } },
    });
    const existing = new Map(existingRows.map((r) => [r.id, r]));
    // New statements of the page are written in two statements (rows, then their groups; insertRows).
    const creates: Prisma.StatementCreateManyInput[] = [];
    const groupCreates: Prisma.StatementGroupCreateManyInput[] = [];
    const seen = new Set<number>();
    for (const dt of page.objects) {
      summary.read++;
      if (seen.has(dt.id)) {
        skip(summary, "the same statement twice on one page");
        continue;
      }
      seen.add(dt.id);
      let mapped: MappedStatement;
      try {
        mapped = mapStatement(dt, (a) => names.get(a) ?? null);
      } catch (error) {
        if (!(error instanceof MappingError)) throw error;
        const problem = { file: page.file, uri: dt.resource_uri, field: error.field, message: error.message };
        if (read.strict)
          throw new Error(`${problem.file}: ${problem.uri}: field "${problem.field}": ${problem.message}`);
        read.onProblem(problem);
        skip(summary, "invalid value");
        continue;
      }
      const side = (uris: string[], which: "from" | "to") =>
        uris.flatMap((uri, position) => {
          const group = ids.groups.get(Number(uriKey(uri, "group/group")));
          if (!group) report.warnings.push(`statement ${dt.id}: ${which} group ${uri} was not imported; left out`);
          return group ? [{ groupId: group.id, side: which, position, type: group.type }] : [];
        });
      const from = side(dt.from_groups, "from");
      const to = side(dt.to_groups, "to");
      const { tags, ...fields } = mapped;
      const data = {
        ...fields,
        direction: direction(
          to.map((g) => g.type),
          from.map((g) => g.type),
        ),
        actionStatus: actionStatus(
          { purpose: mapped.purpose, state: mapped.state, tags, deadline: mapped.deadline },
          today,
        ),
        withdrawnReason: mapped.state === "withdrawn" ? "Killed in the IETF Datatracker" : null,
        sendAcknowledgement: false,
      } as const;
      const groupRows = [...from, ...to].map(({ groupId, side, position }) => ({ groupId, side, position }));
      const hash = fingerprint(dt);
      const current = existing.get(dt.id);
      if (!current) {
        creates.push({
          ...data,
          id: dt.id,
          submitterId: ids.systemPersonId,
          isImported: true,
          importHash: hash,
          importedVersion: 1,
          version: 1,
          importedAt: now,
          updatedAt: now,
        });
        groupCreates.push(...groupRows.map((g) => ({ ...g, statementId: dt.id })));
        summary.created++;
        imported.add(dt.id);
        continue;
      }
      if (!current.isImported) {
        skip(summary, "id already used by a statement created here");
        report.warnings.push(`statement ${dt.id}: the id is used by a statement created here; not imported`);
        continue;
      }
      imported.add(dt.id);
      if (current.importHash === hash) {
        summary.unchanged++;
        continue;
      }
      const before: Record<string, unknown> = {
        ...current,
        groups: current.groups.map((g) => `${g.side}:${g.groupId}`),
      };
      const after: Record<string, unknown> = { ...data, groups: groupRows.map((g) => `${g.side}:${g.groupId}`) };
      const changed = COMPARED.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]));
      if (current.version !== current.importedVersion) {
        report.conflicts.push({ id: dt.id, fields: changed });
        skip(summary, "edited here since the import (conflict reported)");
        continue;
      }
      const version = current.version + 1;
      // Guarded by the version read above: an edit here in the meantime (PostgreSQL, app running) wins.
      const { count } = await tx.statement.updateMany({
        where: { id: dt.id, version: current.version },
        data: { ...data, importHash: hash, importedVersion: version, version, importedAt: now },
      });
      if (count !== 1) {
        report.conflicts.push({ id: dt.id, fields: changed });
        skip(summary, "edited here since the import (conflict reported)");
        continue;
      }
      if (changed.includes("groups")) {
        await tx.statementGroup.deleteMany({ where: { statementId: dt.id } });
        await tx.statementGroup.createMany({ data: groupRows.map((g) => ({ ...g, statementId: dt.id })) });
      }
      report.changes.push({ id: dt.id, fields: changed });
      summary.updated++;
    }
    await insertRows(tx, "Statement", creates);
    await insertRows(tx, "StatementGroup", groupCreates);
  }
  return imported;
}
