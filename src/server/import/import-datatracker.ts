import "server-only";
import type { Prisma, PrismaClient } from "@/generated/prisma/client";
import type { AuditChanges } from "@/server/admin/audit";
import type { AttachmentStore } from "@/server/attachments/store";
import { attachmentStore } from "@/server/db";
import { RESOURCES } from "./datatracker-schema";
import {
  type DirectoryIds,
  importGroups,
  importPeople,
  importRoles,
  referencedGroups,
  systemPerson,
} from "./import-directory";
import {
  deriveStatementDates,
  importAttachments,
  importEvents,
  importRelations,
  resetStatementSequence,
} from "./import-links";
import { importStatements, loadDocuments } from "./import-statements";
import { emptyReport, formatSummary, type ImportReport, summaryOf } from "./report";
import { describeProblem, type InputProblem, type ReadOptions } from "./source";

export interface ImportOptions {
  /** a directory in the contract layout `<dir>/<app>/<resource>/<page>.json` */
  sourceDir: string;
  /** flat folder of attachment files by uploaded_filename */
  attachmentsDir?: string;
  /** where the attachments' bytes go: the store of the database imported into (default: the process's) */
  attachmentStore?: AttachmentStore;
  /** do everything, report it, then roll back */
  dryRun?: boolean;
  /** stop at the first bad object instead of reporting and skipping it */
  strict?: boolean;
  now?: Date;
  /** called as each resource starts and after each page (for the CLI's progress) */
  onProgress?: (resource: string, read: number) => void;
}

class DryRunRollback extends Error {}

/**
 * Issue 17: imports a Datatracker archive (groups, people, roles, statements with their Datatracker ids,
 * attachments, relations, events) in one transaction, so a failed or dry run leaves nothing behind.
 * Idempotent: a second run over the same archive changes nothing; over a newer one it adds and updates by
 * Datatracker id and reports, never overwrites, statements edited here since. Queues no mail at all.
 */
export async function importDatatracker(prisma: PrismaClient, options: ImportOptions): Promise<ImportReport> {
  const now = options.now ?? new Date();
  const report = emptyReport(!!options.dryRun);
  const read: ReadOptions = {
    strict: !!options.strict,
    onProblem: (problem: InputProblem) => report.problems.push(problem),
  };
  const progress = (resource: string) => options.onProgress?.(resource, summaryOf(report, resource).read);
  const dir = options.sourceDir;
  const store = options.attachmentStore ?? (await attachmentStore());
  try {
    await prisma.$transaction(
      async (tx) => {
        const ids: DirectoryIds = { groups: new Map(), people: new Map(), systemPersonId: await systemPerson(tx) };
        const referenced = await referencedGroups(dir);
        await step(RESOURCES.group, () => importGroups(tx, dir, read, report, ids, referenced));
        await step(RESOURCES.person, () => importPeople(tx, dir, read, report, ids));
        await step(RESOURCES.role, () => importRoles(tx, dir, read, report, ids));
        const docs = await step(RESOURCES.document, () => loadDocuments(tx, dir, read, report));
        await step(RESOURCES.statement, () => importStatements(tx, dir, read, report, ids, now));
        // Every imported statement, also those of earlier runs that this (partial) archive does not list.
        const statements = new Set(
          (await tx.statement.findMany({ where: { isImported: true }, select: { id: true } })).map((s) => s.id),
        );
        await step(RESOURCES.attachment, () =>
          importAttachments(tx, dir, read, report, {
            statements,
            docs,
            attachmentsDir: options.attachmentsDir,
            store,
            now,
          }),
        );
        await step(RESOURCES.relation, () => importRelations(tx, dir, read, report, statements));
        await step(RESOURCES.event, () => importEvents(tx, dir, read, report, { statements, ids }));
        const dated = await deriveStatementDates(tx);
        if (dated) report.warnings.push(`${dated} statement(s) got their dates or submitter from their events`);
        await resetStatementSequence(tx);
        await writeAudit(tx, ids.systemPersonId, report);
        if (options.dryRun) throw new DryRunRollback();
      },
      { maxWait: 60_000, timeout: 24 * 3_600_000 },
    );
  } catch (error) {
    if (!(error instanceof DryRunRollback)) throw error;
  }
  return report;

  async function step<T>(resource: string, run: () => Promise<T>): Promise<T> {
    progress(resource);
    const result = await run();
    progress(resource);
    return result;
  }
}

/**
 * The summary goes to the audit log (issue 17), in the log's `{ field: { from, to } }` shape so /admin/audit
 * shows it: one entry per resource, then the statements changed, the conflicts and the skipped objects.
 */
async function writeAudit(tx: Prisma.TransactionClient, actorId: number, report: ImportReport) {
  const lines = formatSummary(report);
  const limit = (items: string[]) =>
    items.length > 1000 ? [...items.slice(0, 1000), `… and ${items.length - 1000} more`] : items;
  const changes: AuditChanges = {};
  for (const [resource, line] of Object.keys(report.resources).map((r, i) => [r, lines[i]!] as const)) {
    changes[resource] = { from: null, to: line.slice(resource.length + 2) };
  }
  const statementList = (list: { id: number; fields: string[] }[]) =>
    limit(list.map((c) => `${c.id} [${c.fields.join(", ")}]`));
  if (report.changes.length) changes["updated statements"] = { from: null, to: statementList(report.changes) };
  if (report.conflicts.length)
    changes["conflicts (not overwritten)"] = { from: null, to: statementList(report.conflicts) };
  if (report.problems.length)
    changes["skipped objects"] = { from: null, to: limit(report.problems.map(describeProblem)) };
  await tx.auditLog.create({
    data: {
      actorId,
      entityType: "datatracker_import",
      action: "import",
      summary: `Imported from the IETF Datatracker. ${lines.join(" · ")}`.slice(0, 20_000),
      changes: changes as Prisma.InputJsonValue,
    },
  });
}
