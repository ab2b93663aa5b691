import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { endAllSessionsOf } from "@/server/auth/server-sessions";
import { endLinksOf } from "@/server/auth/tokens";
import type { Actor } from "@/server/authz/types";
import { inTransaction } from "@/server/db/transaction";
import { diffFields, recordAudit } from "./audit";
import { assertAdministrator, fieldError, notFound } from "./common";
import type { PersonInput, UpdatePersonInput } from "./schema";

export const addressTaken = (address: string, owner: string) => `${address} already belongs to ${owner}.`;

/** EmailAddress.address is unique across people: name the owner so the Secretariat can find them. */
export async function assertAddressFree(tx: Prisma.TransactionClient, address: string, field: string) {
  const existing = await tx.emailAddress.findUnique({
    where: { address },
    include: { person: { select: { name: true } } },
  });
  if (existing) throw fieldError(field, addressTaken(address, existing.person.name), "ALREADY_EXISTS");
}

/** The Secretariat records a person with one primary address and any number of others. */
export async function createPerson(actor: Actor | null, input: PersonInput): Promise<{ id: number }> {
  assertAdministrator(actor);
  const others = input.otherEmails.filter((a) => a !== input.primaryEmail);
  return inTransaction(
    async (tx) => {
      await assertAddressFree(tx, input.primaryEmail, "primaryEmail");
      for (const address of others) await assertAddressFree(tx, address, "otherEmails");
      const person = await tx.person.create({
        data: {
          name: input.name,
          canSignIn: input.canSignIn,
          emails: {
            create: [
              { address: input.primaryEmail, isPrimary: true },
              ...others.map((address) => ({ address, isPrimary: false })),
            ],
          },
        },
      });
      await recordAudit(tx, actor, {
        entityType: "person",
        entityId: person.id,
        action: "create",
        summary: `Created person ${input.name} <${input.primaryEmail}>`,
        changes: diffFields(null, {
          name: input.name,
          primaryEmail: input.primaryEmail,
          otherEmails: others,
          canSignIn: input.canSignIn,
        }),
      });
      return { id: person.id };
    },
    {
      onUniqueViolation: fieldError(
        "primaryEmail",
        "One of these addresses already belongs to someone else.",
        "ALREADY_EXISTS",
      ),
    },
  );
}

/** The Secretariat renames a person or turns their sign-in off (which ends their sessions at once). */
export async function updatePerson(
  actor: Actor | null,
  input: UpdatePersonInput,
): Promise<{ id: number; changed: boolean }> {
  assertAdministrator(actor);
  return inTransaction(async (tx) => {
    const before = await tx.person.findUnique({ where: { id: input.id } });
    if (!before) throw notFound("person");
    if (input.id === actor.personId && !input.canSignIn) {
      throw fieldError("canSignIn", "You cannot turn off your own sign-in.");
    }
    const changes = diffFields(
      { name: before.name, canSignIn: before.canSignIn },
      { name: input.name, canSignIn: input.canSignIn },
    );
    if (Object.keys(changes).length === 0) return { id: input.id, changed: false };
    await tx.person.update({
      where: { id: input.id },
      data: {
        name: input.name,
        canSignIn: input.canSignIn,
        // Turning sign-in off voids every session now, not just at the next role lookup.
        ...(before.canSignIn && !input.canSignIn ? { sessionVersion: { increment: 1 } } : {}),
      },
    });
    if (before.canSignIn && !input.canSignIn) {
      // ...and every way back in that was mailed out: an invitation redeemed later would turn sign-in back on.
      await endAllSessionsOf(tx, input.id);
      await endLinksOf(tx, input.id, ["invite", "reset", "sign-in"]);
    }
    await recordAudit(tx, actor, {
      entityType: "person",
      entityId: input.id,
      action: "update",
      summary: `Changed person ${input.name}: ${Object.keys(changes).join(", ")}`,
      changes,
    });
    return { id: input.id, changed: true };
  });
}
