import "server-only";
import { PAGE_SIZE } from "./filters";
import { type ArchiveListItem, searchStatements } from "./search";

/** How many statements the home page lists. */
export const HOME_LATEST_COUNT = 8;

/**
 * The home page's latest public statements, newest first. The archive's default list (same query, same
 * public read cache), cut short: no query of its own.
 */
export async function latestStatements(): Promise<ArchiveListItem[]> {
  const { items } = await searchStatements({ page: 1, pageSize: PAGE_SIZE });
  return items.slice(0, HOME_LATEST_COUNT);
}
