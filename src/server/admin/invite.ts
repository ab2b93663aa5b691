import "server-only";
import { env } from "@/env";
import { formatMailbox } from "@/lib/mailbox";
import { MAIL_LIMITS, takeSlot } from "@/server/auth/rate-limit";
import { createToken, TOKEN_TTL_MS } from "@/server/auth/tokens";
import type { Actor } from "@/server/authz/types";
import { prisma } from "@/server/db";
import { inTransaction } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import { queueMail } from "@/server/mail/outbox";
import { recordAudit } from "./audit";
import { assertAdministrator, notFound } from "./common";
import type { InviteInput } from "./schema";

/** The link of an invitation: /reset-password with purpose=invite lets the person choose a first password. */
export function invitationLink(address: string, token: string): string {
  const query = new URLSearchParams({ purpose: "invite", email: address, token });
  return `${env().appUrl}/reset-password?${query.toString()}`;
}

/** Invites a person by mail to choose a password; accepting the invitation also turns their sign-in on. */
export async function invitePerson(
  actor: Actor | null,
  input: InviteInput,
): Promise<{ address: string; expiresInDays: number }> {
  assertAdministrator(actor);
  const db = await prisma();
  const person = await db.person.findUnique({
    where: { id: input.personId },
    include: { emails: { where: { isPrimary: true, isActive: true } } },
  });
  if (!person) throw notFound("person");
  const address = person.emails[0]?.address;
  if (!address) throw new AppError("INVALID_STATE", `${person.name} has no active primary address to invite.`);
  // The token is written before the transaction (tokens.ts owns its table); unused, it simply expires.
  const token = await createToken("invite", address);
  const days = TOKEN_TTL_MS.invite / 86_400_000;
  await inTransaction(async (tx) => {
    // Invitations go to addresses an administrator typed: a bounded number per hour (issue 13, item 7).
    const wait = await takeSlot(
      tx,
      `mail-invite:person:${actor.personId}`,
      MAIL_LIMITS.invitationsPerWindow,
      MAIL_LIMITS.windowMs,
    );
    if (wait > 0) {
      const minutes = Math.ceil(wait / 60);
      throw new AppError(
        "RATE_LIMITED",
        `You have sent ${MAIL_LIMITS.invitationsPerWindow} invitations in the last hour. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
      );
    }
    await queueMail(tx, {
      kind: "invitation",
      to: [formatMailbox({ name: person.name, address })],
      subject: "You are invited to the IETF liaison statement tracker",
      body: [
        `Hello ${person.name},`,
        "",
        `${actor.name} of the IETF Secretariat has set up an account for you on the IETF liaison statement`,
        "tracker, the official record of liaison statements between the IETF/IAB and other standards bodies.",
        "Choose a password here to sign in:",
        "",
        invitationLink(address, token),
        "",
        `The link works once and expires in ${days} days. If you did not expect this message, ignore it.`,
      ].join("\n"),
    });
    await recordAudit(tx, actor, {
      entityType: "person",
      entityId: person.id,
      action: "invite",
      summary: `Invited ${person.name} <${address}> by e-mail`,
      changes: { invitation: { from: null, to: address } },
    });
  });
  return { address, expiresInDays: days };
}
