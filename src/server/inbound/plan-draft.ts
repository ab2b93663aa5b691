import "server-only";
import type { FieldNote, FieldNotes } from "@/lib/inbound-fields";
import { formatMailbox, parseMailbox, splitMailboxList } from "@/lib/mailbox";
import { type DirectoryGroup, matchGroupByAddress, matchGroupNames } from "./match-groups";
import type { CoverSheet, FieldSource, InboundMessage, Read } from "./types";

export interface DraftPlan {
  title: string;
  from: number[];
  to: number[];
  fromContact: string[];
  fromLiaisonContact: string | null;
  toContact: string[];
  purpose: "information" | "action" | "response" | null;
  deadline: string | null;
  body: string;
  otherIdentifiers: string[];
  /** the peer document numbers this statement answers ("Response to:"), looked up by the use-case */
  responseTo: Read<string>[];
  /** YYYY-MM-DD */
  receivedOn: string;
  notes: FieldNotes;
}

const clip = (text: string, max = 500) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const read = (source: FieldSource): FieldNote => ({ kind: "read", from: source.from, text: clip(source.text) });

/** A subject without reply/forward prefixes and list tags: "Fwd: [quic] LS on X" → "LS on X". */
export function cleanSubject(subject: string): string {
  let s = subject.replace(/\s+/g, " ").trim();
  for (;;) {
    const next = s.replace(/^(re|fwd?|aw|wg|tr)\s*:\s*/i, "").replace(/^\[[^\]]{1,40}\]\s*/, "");
    if (next === s) return s.slice(0, 255);
    s = next;
  }
}

/** The peer's document numbers in a text: 3GPP Tdocs (S2-2410123, SP-261015, C4-245678) and ITU-T LS numbers (SG15-LS123). */
export function findDocumentNumbers(text: string): string[] {
  const found = text.match(/\b(?:[A-Z][A-Z0-9]?-\d{6,7}|SG\d{1,2}-LS\d{1,4}|COM\s?\d{1,2}-LS\s?\d{1,4})\b/g) ?? [];
  return [...new Set(found.map((n) => n.replace(/\s+/g, "")))];
}

function mailboxes(reads: readonly Read<string>[]): { list: string[]; source?: FieldSource; bad: string[] } {
  const list: string[] = [];
  const bad: string[] = [];
  for (const r of reads) {
    for (const part of r.value.split(/[,;\n]/)) {
      const text = part.trim();
      if (!text) continue;
      const parsed = parseMailbox(text);
      if (parsed) list.push(formatMailbox(parsed));
      else bad.push(text);
    }
  }
  return { list: [...new Set(list)], source: reads[0]?.source, bad };
}

/**
 * Issue 18: what an incoming draft is pre-filled with, from a message as read (cover sheet first, then the
 * mail's own headers and body), and per field where it came from. Pure: the directory is passed in.
 * Nothing here trusts the sender: the plan only pre-fills a draft a liaison manager reviews.
 */
export function planDraft(message: InboundMessage, directory: readonly DirectoryGroup[], now = new Date()): DraftPlan {
  const sheet: CoverSheet | undefined = message.coverSheet;
  const notes: FieldNotes = {};
  const external = directory.filter((g) => g.isExternal);
  const internal = directory.filter((g) => !g.isExternal);
  // The first mailbox of From:, as the forms write it (mailparser quotes every display name).
  const firstSender = message.from ? parseMailbox(splitMailboxList(message.from)[0] ?? "") : null;
  const sender = firstSender ? formatMailbox(firstSender) : null;
  const senderSource: FieldSource = { from: "sender", text: message.from ?? "" };

  // Title: the cover sheet's, else the subject.
  let title = "";
  if (sheet?.title?.value.trim()) {
    title = sheet.title.value.replace(/\s+/g, " ").trim().slice(0, 255);
    notes.title = read(sheet.title.source);
  } else if (cleanSubject(message.subject)) {
    title = cleanSubject(message.subject);
    notes.title = read({ from: "subject", text: message.subject });
  } else {
    title = `E-mail${sender ? ` from ${sender}` : ""}`.slice(0, 255);
    notes.title = { kind: "left", text: "The message has no subject and no cover-sheet title." };
  }

  // From: the cover sheet's Source, else (or when it names no group) the sender's known address.
  let from: number[] = [];
  if (sheet?.source) {
    const match = matchGroupNames(sheet.source.value, external);
    from = match.ids;
    notes.from = from.length
      ? read(sheet.source.source)
      : {
          kind: "left",
          text: `"${clip(sheet.source.value, 200)}" (${sheet.source.source.from}) names no group of the directory: choose the sending group.`,
        };
  }
  if (from.length === 0) {
    const byAddress = matchGroupByAddress(
      [...(sender ? [sender] : []), ...(sheet?.contacts.map((c) => c.value) ?? [])],
      external,
    );
    if (byAddress) {
      from = [byAddress.id];
      notes.from = read({
        from: "known contact address",
        text: `${message.from ?? ""} is a contact of ${byAddress.name}`,
      });
    } else if (!notes.from) {
      notes.from = {
        kind: "left",
        text: `No sending group was recognised${message.from ? ` (sender: ${message.from})` : ""}: choose it.`,
      };
    }
  }

  // To: the cover sheet's To / For-action-to lines, among our groups.
  const to: number[] = [];
  const unmatchedTo: string[] = [];
  for (const line of sheet?.to ?? []) {
    const match = matchGroupNames(line.value, internal);
    for (const id of match.ids) if (!to.includes(id)) to.push(id);
    unmatchedTo.push(...match.unmatched);
  }
  if (to.length) notes.to = read(sheet?.to[0]?.source ?? { from: "cover sheet", text: "" });
  if (unmatchedTo.length)
    notes.to = {
      kind: "left",
      text: `Not recognised as IETF groups: ${unmatchedTo.map((t) => `"${clip(t, 80)}"`).join(", ")}${to.length ? " (the others were chosen)" : ""}.`,
    };
  if (!sheet?.to.length)
    notes.to = { kind: "left", text: "The message does not say which IETF groups it is for: choose them." };
  const toContact = [
    ...new Set(to.flatMap((id) => directory.find((g) => g.id === id)?.addresses ?? []).filter((a) => parseMailbox(a))),
  ];
  if (toContact.length)
    notes.toContact = read({
      from: "directory",
      text: `the addresses of ${to.map((id) => directory.find((g) => g.id === id)?.acronym).join(", ")}`,
    });

  // From-Contact: the contact person, else the sender.
  const contacts = mailboxes(sheet?.contacts ?? []);
  let fromContact = contacts.list;
  if (fromContact.length && contacts.source) notes.fromContact = read(contacts.source);
  else if (sender) {
    fromContact = [sender];
    notes.fromContact = read(senderSource);
  }
  if (contacts.bad.length)
    notes.fromContact = {
      kind: "left",
      text: `Not an e-mail address: ${contacts.bad.map((b) => `"${clip(b, 80)}"`).join(", ")}.`,
    };

  // From-Liaison-Contact ("Send any reply LS to"), else the address it came from (DOMAIN.md).
  let fromLiaisonContact: string | null = null;
  const replyTo = sheet?.replyTo ? mailboxes([sheet.replyTo]) : null;
  if (replyTo?.list[0] && sheet?.replyTo) {
    fromLiaisonContact = replyTo.list[0];
    notes.fromLiaisonContact = read(sheet.replyTo.source);
  } else if (sender) {
    fromLiaisonContact = sender;
    notes.fromLiaisonContact = read(senderSource);
    if (sheet?.replyTo)
      notes.fromLiaisonContact = {
        kind: "left",
        text: `"${clip(sheet.replyTo.value, 120)}" (${sheet.replyTo.source.from}) is not an e-mail address; the sender was used.`,
      };
  }

  // Other identifiers: the Tdoc / LS numbers; without a cover sheet, those in the subject and file names.
  let otherIdentifiers: string[] = [];
  if (sheet?.identifiers.length) {
    otherIdentifiers = [...new Set(sheet.identifiers.map((r) => r.value.trim()).filter(Boolean))];
    const first = sheet.identifiers[0];
    if (first) notes.otherIdentifiers = read(first.source);
  } else if (!sheet) {
    const inSubject = findDocumentNumbers(message.subject);
    const inFiles = message.files.flatMap((f) => findDocumentNumbers(f.fileName).map((n) => ({ n, f: f.fileName })));
    otherIdentifiers = [...new Set([...inSubject, ...inFiles.map((x) => x.n)])];
    if (inSubject.length) notes.otherIdentifiers = read({ from: "subject", text: message.subject });
    else if (inFiles[0]) notes.otherIdentifiers = read({ from: "file name", text: inFiles[0].f });
  }

  // Purpose and deadline. "For comment" is not offered any more: left for the liaison manager.
  let purpose: DraftPlan["purpose"] = null;
  if (sheet?.purpose) {
    if (sheet.purpose.value === "comment") {
      notes.purpose = {
        kind: "left",
        text: `Asked "for comment" (${sheet.purpose.source.from}): choose For action or For information.`,
      };
    } else {
      purpose = sheet.purpose.value;
      notes.purpose = read(sheet.purpose.source);
    }
  } else if (sheet?.responseTo.length) {
    purpose = "response";
    notes.purpose = read(sheet.responseTo[0]?.source ?? { from: "cover sheet", text: "" });
  }
  let deadline: string | null = null;
  if (sheet?.deadline && /^\d{4}-\d{2}-\d{2}$/.test(sheet.deadline.value)) {
    if (purpose === "action" || purpose === null) {
      deadline = sheet.deadline.value;
      notes.deadline = read(sheet.deadline.source);
    }
  }

  // Body: the action text, else the mail's own text.
  let body = "";
  if (sheet?.actionText?.value.trim()) {
    body = sheet.actionText.value.trim();
    notes.body = read(sheet.actionText.source);
  } else if (message.bodyText.trim()) {
    body = message.bodyText.replace(/\r\n?/g, "\n").trim();
    notes.body = read({ from: "mail body", text: body });
  }

  const date = message.date && !Number.isNaN(message.date.getTime()) && message.date <= now ? message.date : now;
  const receivedOn = date.toISOString().slice(0, 10);
  notes.receivedOn = message.date
    ? read({ from: "Date header", text: message.date.toISOString() })
    : { kind: "left", text: "The message has no date: the day it arrived was used." };

  return {
    title,
    from,
    to,
    fromContact,
    fromLiaisonContact,
    toContact,
    purpose,
    deadline,
    body,
    otherIdentifiers,
    responseTo: sheet?.responseTo ?? [],
    receivedOn,
    notes,
  };
}
