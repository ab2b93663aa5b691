import "server-only";
import { prisma } from "@/server/db";
import { hashPassword, verifyPassword } from "./password";
import { admitSignInAttempt, settleSignInAttempt } from "./rate-limit";

export type AuthResult =
  | { ok: true; personId: number; sessionVersion: number }
  | { ok: false; reason: "invalid" | "rate_limited"; retryAfterSeconds?: number };

/** Shown for an unknown address and for a wrong password alike, so the form does not reveal who has an account. */
export const INVALID_CREDENTIALS = "The e-mail address or password is not correct.";

// Verifying against a real hash for unknown addresses keeps response times alike.
let dummyHash: Promise<string> | undefined;

/** Finds the person behind an address (any of their active addresses), if they may sign in. */
export async function findSignInPerson(email: string) {
  const db = await prisma();
  const address = await db.emailAddress.findUnique({
    where: { address: email.trim().toLowerCase() },
    include: { person: true },
  });
  if (!address?.isActive || !address.person.canSignIn) return null;
  return address.person;
}

/** E-mail + password sign-in, rate limited per address and per client. */
export async function authenticate(email: string, password: string, clientKey: string): Promise<AuthResult> {
  const normalized = email.trim().toLowerCase();
  // Counted and recorded as a failure in one step before the password is looked at (issue 13, item 3).
  const limit = await admitSignInAttempt(normalized, clientKey);
  if (!limit.allowed) return { ok: false, reason: "rate_limited", retryAfterSeconds: limit.retryAfterSeconds };
  const person = normalized && password ? await findSignInPerson(normalized) : null;
  let valid = false;
  if (person?.passwordHash) {
    valid = await verifyPassword(password, person.passwordHash);
  } else {
    dummyHash ??= hashPassword("timing-equaliser");
    await verifyPassword(password, await dummyHash);
  }
  await settleSignInAttempt(limit, normalized, valid);
  if (!valid || !person) return { ok: false, reason: "invalid" };
  return { ok: true, personId: person.id, sessionVersion: person.sessionVersion };
}
