import "server-only";
import { env } from "@/env";
import { prisma } from "@/server/db";
import { AppError } from "@/server/errors";
import { queueMail } from "@/server/mail/outbox";
import { kickMailWorker } from "@/server/mail/wake";
import { hashPassword } from "./password";
import { takeSlot } from "./rate-limit";
import { endAllSessionsOf } from "./server-sessions";
import { findSignInPerson } from "./sign-in";
import { consumeToken, createToken, endLinksOf, isTokenValid, TOKEN_TTL_MS } from "./tokens";

/** Link requests per address per window; more are silently dropped (the answer never reveals accounts). */
const LINK_REQUESTS_PER_WINDOW = 5;
const WINDOW_MS = 15 * 60_000;
export const MIN_PASSWORD_LENGTH = 10;

async function underLinkLimit(kind: string, email: string): Promise<boolean> {
  const db = await prisma();
  // Counted and recorded in one step (issue 13, items 3 and 7): parallel requests cannot all pass the count.
  const wait = await db.$transaction((tx) => takeSlot(tx, `${kind}:${email}`, LINK_REQUESTS_PER_WINDOW, WINDOW_MS), {
    timeout: 30_000,
    maxWait: 30_000,
  });
  return wait === 0;
}

/**
 * Only same-site paths may follow a sign-in, never another host. Browsers drop tabs and newlines from URLs
 * and read "\\" as "/", so "/<TAB>/evil.example" or "/\\evil.example" would leave the site: such paths, and any
 * control character or space, are refused outright, and what is left must still resolve to this site.
 */
export function safeCallbackPath(callbackUrl: string | undefined): string {
  if (!callbackUrl || callbackUrl.length > 2000) return "/";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (!callbackUrl.startsWith("/") || callbackUrl.startsWith("//") || /[\\\s\u0000-\u001f\u007f]/.test(callbackUrl))
    return "/";
  const base = "http://callback.invalid";
  let resolved: URL;
  try {
    resolved = new URL(callbackUrl, base);
  } catch {
    return "/";
  }
  if (resolved.origin !== base || resolved.pathname.startsWith("//")) return "/";
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}

function link(path: string, params: Record<string, string>): string {
  return `${env().appUrl}${path}?${new URLSearchParams(params).toString()}`;
}

/** Mails a one-time sign-in link when the address belongs to someone who may sign in. */
export async function requestSignInLink(email: string, callbackUrl?: string): Promise<void> {
  const address = email.trim().toLowerCase();
  const person = await findSignInPerson(address);
  if (!person || !(await underLinkLimit("link", address))) return;
  const token = await createToken("sign-in", address);
  const url = link("/sign-in/link", { email: address, token, callbackUrl: safeCallbackPath(callbackUrl) });
  const db = await prisma();
  await queueMail(db, {
    kind: "sign_in",
    to: [`${person.name} <${address}>`],
    subject: "Your sign-in link for Liaison Statements",
    body: [
      `Hello ${person.name},`,
      "",
      "Use this link to sign in to the IETF liaison statement tracker:",
      "",
      url,
      "",
      `The link works once and expires in ${TOKEN_TTL_MS["sign-in"] / 60_000} minutes.`,
      "If you did not ask for it, ignore this message; nobody can sign in without it.",
    ].join("\n"),
  });
  kickMailWorker();
}

/** Redeems a sign-in link. */
export async function signInWithLink(
  email: string,
  token: string,
): Promise<{ personId: number; sessionVersion: number }> {
  const address = email.trim().toLowerCase();
  const person = await findSignInPerson(address);
  if (!person || !(await consumeToken("sign-in", address, token))) {
    throw new AppError(
      "VALIDATION",
      "This sign-in link is invalid, was already used, or has expired. Ask for a new one.",
    );
  }
  const db = await prisma();
  await db.person.update({ where: { id: person.id }, data: { emailVerified: new Date() } });
  return { personId: person.id, sessionVersion: person.sessionVersion };
}

/** Mails a password-reset link (also used to set a first password after an invitation). */
export async function requestPasswordReset(email: string): Promise<void> {
  const address = email.trim().toLowerCase();
  const person = await findSignInPerson(address);
  if (!person || !(await underLinkLimit("reset", address))) return;
  const db = await prisma();
  // Only the newest reset link works: an older one lying in a mailbox can no longer set the password.
  await endLinksOf(db, person.id, ["reset"]);
  const token = await createToken("reset", address);
  await queueMail(db, {
    kind: "password_reset",
    to: [`${person.name} <${address}>`],
    subject: "Reset your Liaison Statements password",
    body: [
      `Hello ${person.name},`,
      "",
      "Someone (hopefully you) asked to reset the password of your liaison statement tracker account.",
      "Choose a new password here:",
      "",
      link("/reset-password", { email: address, token }),
      "",
      `The link works once and expires in ${TOKEN_TTL_MS.reset / 60_000} minutes. If you did not ask for it, ignore this message.`,
    ].join("\n"),
  });
  kickMailWorker();
}

/** Sets a new password from a reset link; every existing session of the person ends. */
export async function resetPassword(
  email: string,
  token: string,
  password: string,
  purpose: "reset" | "invite" = "reset",
): Promise<{ personId: number; sessionVersion: number }> {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new AppError("VALIDATION", "Choose a longer password.", {
      password: `Use at least ${MIN_PASSWORD_LENGTH} characters.`,
    });
  }
  const address = email.trim().toLowerCase();
  const db = await prisma();
  const owner = await db.emailAddress.findUnique({ where: { address }, include: { person: true } });
  // A reset link mailed before sign-in was turned off must not turn it back into a working password;
  // only an invitation (sent by the Secretariat) enables sign-in.
  const allowed = owner?.isActive && (purpose === "invite" || owner.person.canSignIn);
  const invalid = () =>
    new AppError("VALIDATION", "This link is invalid, was already used, or has expired. Ask for a new one.");
  // Checked before the (deliberately slow) hash, so a made-up link costs no scrypt; consumed below.
  if (!allowed || !(await isTokenValid(purpose, address, token))) throw invalid();
  const passwordHash = await hashPassword(password);
  const person = await db.$transaction(async (tx) => {
    // One password change per person at a time: two links redeemed at once cannot both win.
    await tx.$queryRaw`SELECT id FROM "Person" WHERE id = ${owner.personId} FOR UPDATE`;
    if (!(await consumeToken(purpose, address, token, new Date(), tx))) throw invalid();
    // The password is set: every other reset, invitation and sign-in link of the person ends, and so does
    // every session (the caller gets a new one).
    await endLinksOf(tx, owner.personId, ["reset", "invite", "sign-in"]);
    await endAllSessionsOf(tx, owner.personId);
    return tx.person.update({
      where: { id: owner.personId },
      data: {
        passwordHash,
        sessionVersion: { increment: 1 },
        emailVerified: new Date(),
        ...(purpose === "invite" ? { canSignIn: true } : {}),
      },
    });
  });
  await db.signInAttempt.deleteMany({ where: { key: `email:${address}`, succeeded: false } });
  return { personId: person.id, sessionVersion: person.sessionVersion };
}
