import "server-only";
import { cache } from "react";
import type { Actor } from "@/server/authz/types";
import { prisma } from "@/server/db";
import { sessionKey } from "./server-sessions";
import { readSession } from "./session";

/**
 * Loads a person as an Actor, with their current roles; null when they may not sign in. With a session id,
 * also null unless that server session exists and has not reached its end: the check is part of the same
 * query (an EXISTS in the person's WHERE), so a request still costs one lookup.
 */
export async function loadActor(
  personId: number,
  sessionVersion?: number,
  sessionId?: string,
  now = new Date(),
): Promise<Actor | null> {
  const db = await prisma();
  const person = await db.person.findUnique({
    where: {
      id: personId,
      ...(sessionId === undefined ? {} : { sessions: { some: { id: sessionKey(sessionId), expiresAt: { gt: now } } } }),
    },
    // Roles in the order they were assigned, so the header and account page list them the same way every time.
    include: { emails: { where: { isPrimary: true } }, roles: { orderBy: { id: "asc" } } },
  });
  if (!person?.canSignIn) return null;
  // A session minted before a password reset or before sign-in was turned off is void (its row is gone too).
  if (sessionVersion !== undefined && sessionVersion !== person.sessionVersion) return null;
  return {
    personId: person.id,
    name: person.name,
    email: person.emails[0]?.address ?? "",
    roles: person.roles.map((r) => ({ role: r.role, groupId: r.groupId, organizationId: r.organizationId })),
  };
}

/**
 * The signed-in actor of this request (roles read fresh from the database on every request, so removing a
 * role takes effect at once), or null.
 */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const session = await readSession();
  if (!session) return null;
  return loadActor(session.personId, session.sessionVersion, session.sessionId);
});
