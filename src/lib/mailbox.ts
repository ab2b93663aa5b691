// RFC 5322 mailboxes as the forms accept them: `Name <addr@example.org>` or `addr@example.org`,
// one per line or comma separated. Pure; shared by forms, actions and mail.

export interface Mailbox {
  name: string | null;
  address: string;
}

// Deliberately strict about what goes into mail headers: no CR/LF, no control characters, one @,
// a dotted domain. Local parts allow the RFC 5322 atext set plus dots (no quoted local parts).
const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN =
  /^(?=.{1,253}$)([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;

export function isValidAddress(address: string): boolean {
  if (address.length > 254 || CONTROL.test(address)) return false;
  const at = address.lastIndexOf("@");
  if (at <= 0) return false;
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  return local.length <= 64 && LOCAL.test(local) && DOMAIN.test(domain);
}

/** Parses one mailbox; `null` when it is not a valid RFC 5322 mailbox. */
export function parseMailbox(input: string): Mailbox | null {
  const text = input.trim();
  if (!text || CONTROL.test(text)) return null;
  const angle = /^(.*?)\s*<([^<>]+)>$/.exec(text);
  if (angle) {
    let name = (angle[1] ?? "").trim();
    if (name.startsWith('"') && name.endsWith('"') && name.length >= 2)
      name = name.slice(1, -1).replace(/\\(.)/g, "$1");
    const address = (angle[2] ?? "").trim();
    if (!isValidAddress(address) || /[<>]/.test(name)) return null;
    return { name: name || null, address };
  }
  return isValidAddress(text) ? { name: null, address: text } : null;
}

/** Splits a field on newlines and on commas that are not inside quotes or angle brackets. */
export function splitMailboxList(input: string): string[] {
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  let angle = false;
  for (const ch of input) {
    if (ch === '"' && !angle) quoted = !quoted;
    else if (ch === "<" && !quoted) angle = true;
    else if (ch === ">" && !quoted) angle = false;
    const isSeparator = ch === "\n" || ch === "\r" || (ch === "," && !quoted && !angle);
    if (isSeparator) {
      if (current.trim()) parts.push(current.trim());
      current = "";
      continue;
    }
    current += ch;
  }
  if (current.trim()) parts.push(current.trim());
  return parts;
}

export type MailboxListResult = { ok: true; mailboxes: string[] } | { ok: false; invalid: string[] };

/** Validates a mailbox list field; on failure names every entry that did not parse. */
export function parseMailboxList(input: string): MailboxListResult {
  const entries = splitMailboxList(input);
  const invalid = entries.filter((e) => parseMailbox(e) === null);
  if (invalid.length) return { ok: false, invalid };
  const seen = new Set<string>();
  const mailboxes: string[] = [];
  for (const entry of entries) {
    const mailbox = parseMailbox(entry)!;
    const key = mailbox.address.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    mailboxes.push(formatMailbox(mailbox));
  }
  return { ok: true, mailboxes };
}

const NEEDS_QUOTES = /[()<>[\]:;@\\,."]/;

export function formatMailbox({ name, address }: Mailbox): string {
  if (!name) return address;
  const display = NEEDS_QUOTES.test(name) ? `"${name.replace(/(["\\])/g, "\\$1")}"` : name;
  return `${display} <${address}>`;
}

/** The bare address of a stored mailbox string (lower-cased), for de-duplication. */
export function addressOf(mailbox: string): string {
  return (parseMailbox(mailbox)?.address ?? mailbox).toLowerCase();
}
