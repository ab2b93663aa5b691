import "server-only";
import type { Actor } from "@/server/authz/types";
import { inTransaction } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import { recordAudit } from "./audit";
import { assertAdministrator, fieldError, notFound } from "./common";
import { addressTaken, assertAddressFree } from "./people";
import type { AddEmailInput, EmailChangeInput } from "./schema";

/** Adds an address to a person (unique across people), optionally as the new primary one. */
export async function addEmailAddress(actor: Actor | null, input: AddEmailInput): Promise<void> {
  assertAdministrator(actor);
  await inTransaction(
    async (tx) => {
      const person = await tx.person.findUnique({ where: { id: input.personId }, include: { emails: true } });
      if (!person) throw notFound("person");
      await assertAddressFree(tx, input.address, "address");
      const previous = person.emails.find((e) => e.isPrimary)?.address ?? null;
      const makePrimary = input.makePrimary || previous === null;
      if (makePrimary) await tx.emailAddress.updateMany({ where: { personId: person.id }, data: { isPrimary: false } });
      await tx.emailAddress.create({ data: { personId: person.id, address: input.address, isPrimary: makePrimary } });
      await recordAudit(tx, actor, {
        entityType: "person",
        entityId: person.id,
        action: "add_email",
        summary: `Added address ${input.address} to ${person.name}${makePrimary ? " as the primary address" : ""}`,
        changes: {
          emails: {
            from: person.emails.map((e) => e.address),
            to: [...person.emails.map((e) => e.address), input.address],
          },
          ...(makePrimary ? { primaryEmail: { from: previous, to: input.address } } : {}),
        },
      });
    },
    { onUniqueViolation: fieldError("address", addressTaken(input.address, "someone else"), "ALREADY_EXISTS") },
  );
}

/**
 * Makes an address primary, or deactivates / reactivates it. Addresses are never deleted (mail history and
 * roles refer to them); an inactive one cannot sign in, and the primary one cannot be deactivated.
 */
export async function changeEmailAddress(actor: Actor | null, input: EmailChangeInput): Promise<void> {
  assertAdministrator(actor);
  await inTransaction(async (tx) => {
    const email = await tx.emailAddress.findUnique({ where: { id: input.emailId }, include: { person: true } });
    if (!email || email.personId !== input.personId) throw notFound("address");
    const name = email.person.name;
    if (input.change === "make-primary") {
      if (!email.isActive) throw new AppError("INVALID_STATE", `Reactivate ${email.address} before making it primary.`);
      if (email.isPrimary) return;
      const previous = await tx.emailAddress.findFirst({ where: { personId: email.personId, isPrimary: true } });
      await tx.emailAddress.updateMany({ where: { personId: email.personId }, data: { isPrimary: false } });
      await tx.emailAddress.update({ where: { id: email.id }, data: { isPrimary: true } });
      await recordAudit(tx, actor, {
        entityType: "person",
        entityId: email.personId,
        action: "set_primary_email",
        summary: `Made ${email.address} the primary address of ${name}`,
        changes: { primaryEmail: { from: previous?.address ?? null, to: email.address } },
      });
      return;
    }
    const isActive = input.change === "reactivate";
    if (email.isActive === isActive) return;
    if (!isActive && email.isPrimary) {
      throw new AppError("INVALID_STATE", `${email.address} is the primary address: make another one primary first.`);
    }
    await tx.emailAddress.update({ where: { id: email.id }, data: { isActive } });
    await recordAudit(tx, actor, {
      entityType: "person",
      entityId: email.personId,
      action: isActive ? "reactivate_email" : "deactivate_email",
      summary: `${isActive ? "Reactivated" : "Deactivated"} address ${email.address} of ${name}`,
      changes: { [`active ${email.address}`]: { from: !isActive, to: isActive } },
    });
  });
}
