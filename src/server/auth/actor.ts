import "server-only";
import { cache } from "react";
import type { Actor } from "@/server/authz/types";
import { prisma } from "@/server/db";
import { readSession } from "./session";

/** Loads a person as an Actor, with their current roles; null when they may not sign in. */
export async function loadActor(personId: number, sessionVersion?: number): Promise<Actor | null> {
  const db = await prisma();
  const person = await db.person.findUnique({
    where: { id: personId },
    // Roles in the order they were assigned, so the header and account page list them the same way every time.
    include: { emails: { where: { isPrimary: true } }, roles: { orderBy: { id: "asc" } } },
  });
  if (!person || !person.canSignIn) return null;
  // A session minted before a password reset or an explicit "sign out everywhere" is void.
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
  return loadActor(session.personId, session.sessionVersion);
});
