import "server-only";
import type { PrismaClient } from "@/generated/prisma/client";
import type { AttachmentStore } from "@/server/attachments/store";
import { type ExtractOutcome, type Extractor, extractNextAttachmentText } from "./extract-next";
import { extractInReader } from "./reader";

export type ReindexScope = "missing" | "failed" | "all";

export interface ReindexReport {
  queued: number;
  done: number;
  failed: number;
  failures: { attachmentId: number; reason: string }[];
}

/**
 * `npm run attachments:reindex` (ADR 026): queues the attachments to read — those never read (and any a
 * queue row is missing for), plus the failed ones (`failed`) or every one (`all`) — then reads every queued
 * attachment. Idempotent: the text of an attachment is replaced, never added to, so running it again leaves
 * the same text and the same search results.
 */
export async function reindexAttachmentTexts(
  db: PrismaClient,
  store: AttachmentStore,
  options: { scope: ReindexScope; extract?: Extractor; onProgress?: (outcome: ExtractOutcome) => void },
): Promise<ReindexReport> {
  await db.$executeRaw`INSERT INTO "AttachmentText" ("attachmentId")
    SELECT a."id" FROM "Attachment" a WHERE NOT EXISTS (SELECT 1 FROM "AttachmentText" t WHERE t."attachmentId" = a."id")`;
  if (options.scope !== "missing") {
    const statuses = options.scope === "all" ? ["done", "failed", "running"] : ["failed"];
    await db.attachmentText.updateMany({
      where: { status: { in: statuses as ("done" | "failed" | "running")[] } },
      data: { status: "queued", attempts: 0, queuedAt: new Date() },
    });
  }
  const queued = await db.attachmentText.count({ where: { status: "queued" } });
  const report: ReindexReport = { queued, done: 0, failed: 0, failures: [] };
  for (;;) {
    const outcome = await extractNextAttachmentText(db, store, options.extract ?? extractInReader);
    if (!outcome) break;
    options.onProgress?.(outcome);
    if (outcome.status === "done") report.done++;
    if (outcome.status === "failed") {
      report.failed++;
      report.failures.push({ attachmentId: outcome.attachmentId, reason: outcome.reason });
    }
  }
  return report;
}
