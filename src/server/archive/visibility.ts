import "server-only";
import type { Prisma } from "@/generated/prisma/client";

/**
 * The Prisma twin of lifecycle.ts `isPublicState` (docs/domain.md "States": public = posted, or withdrawn
 * after it was posted); its SQL twin is archive/query.ts `PUBLIC_STATEMENT_SQL`. Every public read — list,
 * search, feeds, API, attachments for anonymous users — filters with one of these, so a pending statement
 * can never leak through one of them. tests/integration/archive-search.test.ts checks all three select the
 * same rows.
 */
export const PUBLIC_STATEMENT_WHERE = {
  OR: [{ state: "posted" }, { state: "withdrawn", postedAt: { not: null } }],
} satisfies Prisma.StatementWhereInput;
