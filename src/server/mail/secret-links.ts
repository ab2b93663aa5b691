import "server-only";
import type { MailKind } from "@/generated/prisma/enums";

/**
 * Mails that carry a one-time link (sign-in, password reset, invitation). The link is a credential: once the
 * mail has been handed over (or has failed for good) the outbox keeps the text without it, so neither the
 * database, its backups nor /outbox hold a working link.
 */
const LINK_NAMES: Partial<Record<MailKind, string>> = {
  sign_in: "sign-in link",
  password_reset: "password-reset link",
  invitation: "invitation link",
};

// Every such link carries its one-time token as a `token` query parameter (src/server/auth/email-links.ts,
// src/server/admin/invite.ts); a URL stops at white space.
const TOKEN_URL = /\bhttps?:\/\/\S*[?&]token=\S*/g;

export function carriesSecretLink(kind: MailKind): boolean {
  return kind in LINK_NAMES;
}

/** Whether a mail of this kind still holds its working link (false for every other kind). */
export function hasLiveSecretLink(kind: MailKind, body: string): boolean {
  return carriesSecretLink(kind) && new RegExp(TOKEN_URL.source).test(body);
}

/** The body to keep once the mail is delivered or has failed for good: each link replaced by a note. */
export function withoutSecretLink(kind: MailKind, body: string, outcome: "delivered" | "failed"): string {
  const name = LINK_NAMES[kind];
  if (!name) return body;
  const note =
    outcome === "delivered" ? `[${name} removed after delivery]` : `[${name} removed: the mail could not be delivered]`;
  return body.replace(TOKEN_URL, note);
}

/** What the Secretariat is told when retrying a mail whose link was removed. */
export function linkGoneMessage(kind: MailKind): string {
  const name = LINK_NAMES[kind] ?? "link";
  return kind === "invitation"
    ? `This invitation cannot be sent again: its ${name} was removed when delivery failed for good. Send a new invitation from the person's page.`
    : `This mail cannot be sent again: its ${name} was removed when delivery failed for good. Ask the person to ask for a new link (they can request one themselves on the sign-in page).`;
}
