import "server-only";
import { env } from "@/env";
import type { Prisma } from "@/generated/prisma/client";
import { AppError } from "@/server/errors";

// Serialises one person's saves with attachments (PGlite and PostgreSQL both have advisory locks), so two
// parallel uploads cannot both fit the same remaining budget.
const BUDGET_LOCK = 72707371;
const DAY_MS = 24 * 60 * 60 * 1000;
const MB = 1024 * 1024;

const mb = (bytes: number) => (bytes / MB).toLocaleString("en", { maximumFractionDigits: 1 });

/**
 * Issue 13: one person uploads at most UPLOAD_DAILY_LIMIT_MB in any 24 hours (every attachment they added,
 * removed ones too). Runs in the save's transaction, before any byte is stored.
 */
export async function checkUploadBudget(
  tx: Prisma.TransactionClient,
  personId: number,
  adding: number,
  now = new Date(),
): Promise<void> {
  if (adding <= 0) return;
  const limit = env().uploadDailyLimitBytes;
  await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(${BUDGET_LOCK}::int, ${personId}::int)) AS l`;
  const { _sum } = await tx.attachment.aggregate({
    _sum: { size: true },
    where: { uploadedById: personId, createdAt: { gt: new Date(now.getTime() - DAY_MS) } },
  });
  const used = _sum.size ?? 0;
  if (used + adding <= limit) return;
  const left = Math.max(0, limit - used);
  const message = `These attachments (${mb(adding)} MB) go over your daily upload limit of ${mb(limit)} MB: you have ${mb(left)} MB left (uploads count for 24 hours). Nothing was saved.`;
  throw new AppError("VALIDATION", "The attachments go over your daily upload limit.", { attachments: message });
}
