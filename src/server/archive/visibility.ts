import "server-only";
import type { Prisma } from "@/generated/prisma/client";

/**
 * DOMAIN.md: only posted, and posted-then-withdrawn, statements are public. Every public read — list,
 * search, feeds, API, attachments for anonymous users — filters with this, so a pending statement can
 * never leak through one of them.
 */
export const PUBLIC_STATEMENT_WHERE = {
  OR: [{ state: "posted" }, { state: "withdrawn", postedAt: { not: null } }],
} satisfies Prisma.StatementWhereInput;
