import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { Prisma, PrismaClient } from "@/generated/prisma/client";
import type { Actor } from "@/server/authz/types";
import { prisma } from "@/server/db";
import { AppError } from "@/server/errors";

/** Sessions last this long from sign-in, whatever happens in between (no sliding renewal). */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

type Db = PrismaClient | Prisma.TransactionClient;

/**
 * The row key of a session id. Only the hash is stored, so the table alone (a backup, a read-only leak) cannot
 * be turned back into a working cookie.
 */
export const sessionKey = (sessionId: string) => createHash("sha256").update(sessionId).digest("hex");

/** Opens a server-side session for the person: a random id for the cookie and its absolute end. */
export async function openServerSession(
  personId: number,
  now = new Date(),
): Promise<{ sessionId: string; expiresAt: Date }> {
  const sessionId = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000);
  const db = await prisma();
  // Sessions that ran out are of no use to anyone: each sign-in sweeps the person's own.
  await db.session.deleteMany({ where: { personId, expiresAt: { lte: now } } });
  await db.session.create({ data: { id: sessionKey(sessionId), personId, createdAt: now, expiresAt } });
  return { sessionId, expiresAt };
}

/** Ends one session (sign-out): its cookie, replayed later, no longer signs anyone in. */
export async function endServerSession(sessionId: string): Promise<void> {
  const db = await prisma();
  await db.session.deleteMany({ where: { id: sessionKey(sessionId) } });
}

/** Ends every session of a person (sign out everywhere, password reset, sign-in turned off). */
export async function endAllSessionsOf(db: Db, personId: number): Promise<number> {
  const { count } = await db.session.deleteMany({ where: { personId } });
  return count;
}

/** "Sign out everywhere" on /account: every session of the signed-in person ends, the current one included. */
export async function signOutEverywhere(actor: Actor | null): Promise<{ ended: number }> {
  if (!actor) throw new AppError("UNAUTHENTICATED", "Your session has ended. Sign in and try again.");
  return { ended: await endAllSessionsOf(await prisma(), actor.personId) };
}
