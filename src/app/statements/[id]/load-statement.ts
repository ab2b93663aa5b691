import "server-only";
import { cache } from "react";
import { currentActor } from "@/server/auth/actor";
import { loadGroupIndex } from "@/server/authz/load";
import { statementPage } from "@/server/statements/queries";

/**
 * The statement as this visitor may see it, once per request: the page and its title (generateMetadata) share
 * it. Null when there is none they may see.
 */
export const loadStatementPage = cache(async (id: string) => {
  const value = Number(id);
  if (!/^\d{1,10}$/.test(id) || value < 1 || value > 2_147_483_647) return null;
  return statementPage(await currentActor(), await loadGroupIndex(), value);
});

/** The document title of a statement's page ("Edit: <title>" …), or "Not found". */
export async function statementTitle(id: string, prefix = ""): Promise<{ title: string }> {
  const page = await loadStatementPage(id);
  return { title: page ? `${prefix}${page.row.title}` : "Not found" };
}
