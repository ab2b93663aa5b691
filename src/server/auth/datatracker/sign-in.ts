import "server-only";
import { inTransaction } from "@/server/db/transaction";
import type { DatatrackerClaims } from "./claims";
import { DatatrackerSignInError } from "./errors";
import { roleKey, rolesFromClaim } from "./roles";

export interface RoleSyncResult {
  personId: number;
  sessionVersion: number;
  isNewPerson: boolean;
  added: number;
  removed: number;
}

/**
 * Issue 17 "Sign in with a Datatracker account": the person with the claimed address (created if new),
 * whose Datatracker roles become exactly those of the `roles` claim. Roles granted here (local) are never
 * touched; a Datatracker role no longer claimed is removed. One transaction, so a failed sign-in changes nothing.
 */
export async function signInWithDatatracker(claims: DatatrackerClaims): Promise<RoleSyncResult> {
  const email = claims.email;
  if (!email) throw new DatatrackerSignInError("datatracker-no-email", "the Datatracker gave no e-mail address");
  return inTransaction(async (tx) => {
    const address = await tx.emailAddress.findUnique({ where: { address: email }, include: { person: true } });
    if (address && (!address.isActive || !address.person.canSignIn))
      throw new DatatrackerSignInError("datatracker-disabled", `${email} may not sign in here`);
    const person =
      address?.person ??
      (await tx.person.create({
        data: {
          name: claims.name || email.split("@")[0] || email,
          emailVerified: new Date(),
          emails: { create: { address: email, isPrimary: true, isActive: true } },
        },
      }));
    const groups = await tx.group.findMany({
      where: { acronym: { in: [...new Set(claims.roles.map(([, acronym]) => acronym))] } },
      select: { id: true, acronym: true, type: true },
    });
    const byAcronym = new Map(groups.map((g) => [g.acronym, g]));
    const { wanted } = rolesFromClaim(claims.roles, (acronym) => byAcronym.get(acronym));
    const wantedKeys = new Set(wanted.map(roleKey));

    const held = await tx.roleAssignment.findMany({ where: { personId: person.id, organizationId: null } });
    const heldKeys = new Set(held.map(roleKey));
    const stale = held.filter((r) => r.fromDatatracker && !wantedKeys.has(roleKey(r)));
    if (stale.length > 0) await tx.roleAssignment.deleteMany({ where: { id: { in: stale.map((r) => r.id) } } });
    // A role the person already holds (local or not) is not added twice.
    const missing = wanted.filter((r) => !heldKeys.has(roleKey(r)));
    if (missing.length > 0)
      await tx.roleAssignment.createMany({
        data: missing.map((r) => ({ ...r, personId: person.id, email, fromDatatracker: true })),
      });
    return {
      personId: person.id,
      sessionVersion: person.sessionVersion,
      isNewPerson: !address,
      added: missing.length,
      removed: stale.length,
    };
  });
}
