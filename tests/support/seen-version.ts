import { prisma } from "@/server/db";

/** The statement's version now: what an approver who opens its page sees (and what Approve/Return carry). */
export async function seenVersion(id: number): Promise<number> {
  const db = await prisma();
  return (await db.statement.findUniqueOrThrow({ where: { id }, select: { version: true } })).version;
}
