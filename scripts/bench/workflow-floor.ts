/**
 * Issue 19's floor for a workflow action: "the same writes in one transaction", sent as plain SQL through the
 * bench's own driver (no Prisma, no HTTP, no React, no policy), on the database the server used. A save +
 * submit writes 10 statements (the statement, its groups and attachment row, three events, the state change,
 * the approval-request mail, and the two deletes that clear groups and relations before they are written), an
 * approval 7 (the row lock, the approval, two state changes, two events, the distribution mail) — the
 * statements scripts/bench/signed-in.ts counts in the server (tests/integration/sql-budget.test.ts lists them).
 * Rows are copied from a statement the server itself submitted and posted, so every constraint, index and
 * trigger (the search vectors) runs as it does for the app.
 */
import type { SqlRunner } from "@/server/db/connection";

type Tx = Omit<SqlRunner, "transaction">;

const columnsCache = new Map<string, string[]>();

/** The columns an INSERT may write: not the serial id, not generated ones. */
async function writableColumns(tx: Tx, table: string): Promise<string[]> {
  const cached = columnsCache.get(table);
  if (cached) return cached;
  const rows = await tx.query<{ name: string }>(
    `SELECT column_name AS name FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = $1 AND is_generated = 'NEVER'
        AND coalesce(column_default, '') NOT LIKE 'nextval(%' ORDER BY ordinal_position`,
    [table],
  );
  const names = rows.map((r) => r.name);
  if (names.length === 0) throw new Error(`no table "${table}" in the current schema`);
  columnsCache.set(table, names);
  return names;
}

/**
 * `INSERT INTO table (…) SELECT … FROM table WHERE <where> [LIMIT n] RETURNING id`: copies rows, with some
 * columns replaced by SQL expressions (their parameters numbered after `params`).
 */
async function copyRows(
  tx: Tx,
  table: string,
  where: string,
  params: unknown[],
  set: Record<string, string>,
  limit?: number,
  returning = true,
): Promise<number[]> {
  const columns = await writableColumns(tx, table);
  const list = columns.map((c) => `"${c}"`).join(", ");
  const values = columns.map((c) => set[c] ?? `"${c}"`).join(", ");
  const rows = await tx.query<{ id: number }>(
    `INSERT INTO "${table}" (${list}) SELECT ${values} FROM "${table}" WHERE ${where}${limit ? ` LIMIT ${limit}` : ""}${returning ? ` RETURNING "id"` : ""}`,
    params,
  );
  return returning ? rows.map((r) => Number(r.id)) : [];
}

/** One event of the template statement, copied onto `id` with `type`. */
const copyEvent = (tx: Tx, template: number, id: number, type: string) =>
  copyRows(
    tx,
    "StatementEvent",
    `"statementId" = $1`,
    [template, id, type],
    {
      statementId: "$2",
      type: `$3::"EventType"`,
      createdAt: "now()",
    },
    1,
  );

/** One save + submit's writes; returns the new statement's id (pending, with its groups and attachment). */
export async function floorSubmit(sql: SqlRunner, template: number, n: number): Promise<number> {
  return sql.transaction(async (tx) => {
    const [id] = await copyRows(tx, "Statement", `"id" = $1`, [template, `Floor statement ${n}`], {
      state: `'draft'`,
      title: "$2",
      version: "1",
      postedAt: "NULL",
      approvedAt: "NULL",
      submittedAt: "NULL",
      createdAt: "now()",
      updatedAt: "now()",
    });
    if (id === undefined) throw new Error(`template statement ${template} not found`);
    const event = (type: string) => copyEvent(tx, template, id, type);
    await event("created");
    await tx.query(`DELETE FROM "StatementGroup" WHERE "statementId" = $1`, [id]);
    await copyRows(tx, "StatementGroup", `"statementId" = $1`, [template, id], { statementId: "$2" }, undefined, false);
    await tx.query(`DELETE FROM "StatementRelation" WHERE "sourceId" = $1 AND "relationship" = 'responds_to'`, [id]);
    await copyRows(
      tx,
      "Attachment",
      `"statementId" = $1`,
      [template, id],
      { statementId: "$2", createdAt: "now()" },
      1,
    );
    await event("attachment_added");
    await tx.query(
      `UPDATE "Statement" SET "submittedAt" = now(), "state" = 'pending', "version" = "version" + 1, "updatedAt" = now() WHERE "id" = $1`,
      [id],
    );
    await event("submitted");
    await copyRows(
      tx,
      "Mail",
      `"statementId" = $1`,
      [template, id, `<floor-${n}-${Date.now()}-submit@bench>`],
      { statementId: "$2", messageId: "$3", dedupeKey: "$3", createdAt: "now()" },
      1,
    );
    return id;
  });
}

/** One approval's writes on a statement floorSubmit made (it is posted at the end). */
export async function floorApprove(sql: SqlRunner, template: number, id: number, n: number): Promise<void> {
  await sql.transaction(async (tx) => {
    await tx.query(`SELECT "id" FROM "Statement" WHERE "id" = $1 AND "version" = 2 FOR UPDATE`, [id]);
    await copyRows(tx, "Approval", `"statementId" = $1`, [template, id], { statementId: "$2", createdAt: "now()" }, 1);
    const event = (type: string) => copyEvent(tx, template, id, type);
    await event("approved");
    await tx.query(
      `UPDATE "Statement" SET "approvedAt" = now(), "state" = 'approved', "version" = "version" + 1 WHERE "id" = $1`,
      [id],
    );
    await tx.query(
      `UPDATE "Statement" SET "postedAt" = now(), "state" = 'posted', "version" = "version" + 1 WHERE "id" = $1`,
      [id],
    );
    await event("posted");
    await copyRows(
      tx,
      "Mail",
      `"statementId" = $1`,
      [template, id, `<floor-${n}-${Date.now()}-post@bench>`],
      { statementId: "$2", messageId: "$3", dedupeKey: "$3", createdAt: "now()" },
      1,
    );
  });
}
