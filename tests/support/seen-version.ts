import type { Tx } from "@/server/db/transaction";

/** The statement's version now: what an approver who opens its page sees (and what Approve/Return carry). */
export async function seenVersion(tx: Tx, id: number): Promise<number> {
  return (await tx.statement.findUniqueOrThrow({ where: { id }, select: { version: true } })).version;
}
