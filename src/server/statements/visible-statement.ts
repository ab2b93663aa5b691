import "server-only";
import { can } from "@/server/authz/policy";
import type { Actor, GroupIndex } from "@/server/authz/types";
import type { Tx } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import { findStatement, type StatementRow, toRef } from "./repository";

/** The statement, if the actor may see it; else NOT_FOUND (never "it exists"). */
export async function loadVisibleStatement(
  tx: Tx,
  actor: Actor,
  groups: GroupIndex,
  id: number,
): Promise<StatementRow> {
  const row = await findStatement(tx, id);
  if (!row || !can(actor, "view", toRef(row), groups)) throw new AppError("NOT_FOUND", "No such statement.");
  return row;
}

/** Plain text as typed: line breaks and tabs kept, carriage returns and other control characters dropped. */
export function plainText(text: string): string {
  const kept = [...text.replace(/\r\n?/g, "\n")].filter((ch) => {
    const code = ch.charCodeAt(0);
    return ch === "\n" || ch === "\t" || (code >= 0x20 && code !== 0x7f);
  });
  return kept.join("").trim();
}
