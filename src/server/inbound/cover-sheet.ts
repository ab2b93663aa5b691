import "server-only";
import { firstDateIn } from "./dates";
import { documentNumbersIn, withoutRevisionOf } from "./identifiers";
import type { CoverSheet, FieldSource, Read } from "./types";

/**
 * Reading an LS cover sheet from its text (issue 18): the 3GPP LS template, the ITU-T liaison statement
 * cover, or a plain-text LS in a mail body using the same labels. Pure: the caller extracts the text.
 * Every value carries where it was read from (the file or "mail body") and the line as written.
 */

type Field =
  | "title"
  | "responseTo"
  | "release"
  | "workItem"
  | "source"
  | "to"
  | "cc"
  | "contact"
  | "replyTo"
  | "attachments"
  | "questions"
  | "forAction"
  | "forComment"
  | "forInformation"
  | "approval"
  | "deadline";

const LABELS: Record<string, Field> = {
  title: "title",
  "response to": "responseTo",
  "in response to": "responseTo",
  release: "release",
  "work item": "workItem",
  "work items": "workItem",
  "work item(s)": "workItem",
  source: "source",
  to: "to",
  cc: "cc",
  "contact person": "contact",
  "contact persons": "contact",
  "contact person(s)": "contact",
  contact: "contact",
  contacts: "contact",
  "send any reply ls to": "replyTo",
  "send any reply to": "replyTo",
  "send replies to": "replyTo",
  attachments: "attachments",
  attachment: "attachments",
  "attachment(s)": "attachments",
  "question(s)": "questions",
  questions: "questions",
  question: "questions",
  "for action to": "forAction",
  "for comment to": "forComment",
  "for information to": "forInformation",
  approval: "approval",
  deadline: "deadline",
};

/** How `other` names the fields it keeps: "Release: Rel-19". */
const OTHER_LABELS: Partial<Record<Field, string>> = {
  release: "Release",
  workItem: "Work Item",
  attachments: "Attachments",
  questions: "Question(s)",
  approval: "Approval",
};

/** Lines inside a contact block: not new fields. */
const CONTACT_PARTS = /^(name|e-?mail(?: address)?|tel\.?|telephone|phone|fax|company|organi[sz]ation|country)$/i;
const LABEL_LINE = /^\s*([A-Za-z][A-Za-z ()-]{0,30}?)\s*:\s*(.*)$/;
// "1. Overall Description:", "2 Actions", "3. Date of Next … Meetings" — not "1 September 2025"
const SECTION =
  /^\s*\d{1,2}(?:\.\d{1,2})*\.?\s+(?!(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s)[A-Za-z]/i;
const ACTION_LINE = /^\s*(?:ACTIONS?|Actions? requested)\s*:\s*(.*)$/;
const NEXT_MEETINGS = /dates?\s+of\s+(?:the\s+)?next\b.*\bmeetings?/i;
const EMAIL = /[\w.+'-]+@[\w-]+(?:\.[\w-]+)+/g;
const HAS_EMAIL = /[\w.+'-]+@[\w-]+(?:\.[\w-]+)+/;
const NONE = /^(?:-+|none\.?|n\/a|nil|void|—)$/i;
const MAX_SOURCE_TEXT = 500;

type Line = { text: string; index: number };
type Found = { field: Field; label: string; line: Line; value: string; block: Line[] };

export type SheetOptions = {
  /** "S2-2410123.zip › S2-2410123.docx" or "mail body" */
  from: string;
  kind: CoverSheet["kind"];
  /** the sheet's file name (and its zip's), searched for Tdoc/LS numbers */
  fileNames?: string[];
  subject?: string;
  /** the message's date: the suggested deadline is the first listed meeting on or after it */
  date?: Date;
};

const clip = (text: string) => {
  const trimmed = text.replace(/\s+/g, " ").trim();
  return trimmed.length > MAX_SOURCE_TEXT ? `${trimmed.slice(0, MAX_SOURCE_TEXT - 1)}…` : trimmed;
};

function labelOf(text: string): { field: Field; label: string; value: string } | undefined {
  const match = LABEL_LINE.exec(text);
  if (!match) return undefined;
  const label = (match[1] ?? "").replace(/\s+/g, " ").trim();
  const field = LABELS[label.toLowerCase()];
  return field ? { field, label, value: (match[2] ?? "").trim() } : undefined;
}

/** The lines of a cover sheet, tabs as spaces, blank lines kept (they end paragraphs). */
function linesOf(text: string): Line[] {
  return text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((raw, index) => ({ text: raw.replace(/[\t\u00a0]+/g, " ").replace(/\s+$/, ""), index }));
}

/** The labelled header fields, first occurrence of each single-valued field, until the first numbered section. */
function findFields(lines: Line[]): Found[] {
  const found: Found[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as Line;
    if (SECTION.test(line.text) && found.length > 0) break;
    const label = labelOf(line.text);
    if (!label) continue;
    const block: Line[] = [];
    const isContact = label.field === "contact";
    for (let j = i + 1, blanks = 0; j < lines.length && block.length < (isContact ? 6 : 1); j++) {
      const next = lines[j] as Line;
      if (!next.text.trim()) {
        blanks += 1;
        // a contact block may run over paragraphs (mammoth separates them with a blank line)
        if (blanks > 1 || (isContact && [label.value, ...block.map((b) => b.text)].some((t) => HAS_EMAIL.test(t))))
          break;
        continue;
      }
      blanks = 0;
      if (labelOf(next.text) || SECTION.test(next.text) || ACTION_LINE.test(next.text)) break;
      const nested = LABEL_LINE.exec(next.text);
      if (isContact && nested && !CONTACT_PARTS.test((nested[1] ?? "").trim())) break;
      if (!isContact && label.value) break; // a one-line value is complete
      block.push(next);
    }
    found.push({ ...label, line, block });
  }
  return found;
}

const readOf = <T>(value: T, from: string, text: string): Read<T> => ({ value, source: { from, text: clip(text) } });

function splitGroups(value: string): string[] {
  return value
    .split(/[;,]/)
    .map((part) => part.trim().replace(/\.$/, "").trim())
    .filter((part) => part && !NONE.test(part));
}

function mailboxOf(name: string, address: string): string {
  const cleanName = name
    .replace(/["<>\\]/g, "")
    .replace(/\s+/g, " ")
    .trim();
  if (!cleanName) return address;
  return /[(),.:;@[\]]/.test(cleanName) ? `"${cleanName}" <${address}>` : `${cleanName} <${address}>`;
}

/** A contact block ("Jane Doe / jane@x", "Name: … / E-mail: …", ITU's "Name / Company / Tel / E-mail") → mailboxes. */
function contactsOf(found: Found): string[] {
  const texts = [found.value, ...found.block.map((l) => l.text.trim())].filter(Boolean);
  const addresses = texts.flatMap((t) => t.replace(/mailto:/gi, "").match(EMAIL) ?? []);
  if (addresses.length === 0) return [];
  const named = texts.map((t) => /^name\s*:\s*(.+)$/i.exec(t)?.[1]).find(Boolean);
  const first = found.value || texts.find((t) => !LABEL_LINE.test(t));
  const name =
    (named ?? first ?? "")
      .replace(/^name\s*:\s*/i, "")
      .replace(EMAIL, "")
      .replace(/mailto:|e-?mail\s*:?/gi, "")
      .split(/[,(]|\s-\s|\s{2,}|tel\b/i)[0]
      ?.trim() ?? "";
  const unique = [...new Set(addresses.map((a) => a.replace(/[.]+$/, "")))];
  return unique.map((address, i) => mailboxOf(i === 0 ? name : "", address));
}

function replyToOf(value: string): string | undefined {
  const address = value.replace(/mailto:/gi, " ").match(EMAIL)?.[0];
  const name = value
    .replace(/mailto:\s*\S+/gi, "")
    .replace(EMAIL, "")
    .replace(/[,;<>()]+/g, " ")
    .trim();
  if (address) return mailboxOf(name, address);
  // The 3GPP template names the coordinator without an address when the author left the default out.
  if (/^3GPP Liaisons? Coordinator\b/i.test(value)) return "3GPP Liaisons Coordinator <3GPPLiaison@etsi.org>";
  return undefined;
}

/** The ACTION: paragraphs ("To IETF QUIC WG. / ACTION: SA WG2 kindly asks …") joined. */
function actionOf(lines: Line[]): { text: string; first: string } | undefined {
  const paragraphs: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const match = ACTION_LINE.exec(lines[i]?.text ?? "");
    if (!match) continue;
    const parts = [match[1] ?? ""];
    for (let j = i + 1; j < lines.length; j++) {
      const next = lines[j]?.text.trim() ?? "";
      if (!next && parts.join("").trim()) break;
      if (ACTION_LINE.test(next) || SECTION.test(next) || NEXT_MEETINGS.test(next)) break;
      if (next) parts.push(next);
      i = j;
    }
    const paragraph = parts.join(" ").replace(/\s+/g, " ").trim();
    if (paragraph && !NONE.test(paragraph)) paragraphs.push(paragraph);
  }
  return paragraphs.length ? { text: paragraphs.join("\n\n"), first: paragraphs[0] ?? "" } : undefined;
}

/** 3GPP "Date of Next TSG-SA WG2 Meetings": the first listed meeting starting on or after `after`. */
function nextMeetingOf(lines: Line[], after?: Date): { date: string; text: string } | undefined {
  const heading = lines.findIndex((l) => NEXT_MEETINGS.test(l.text));
  if (heading < 0) return undefined;
  const floor = after ? after.toISOString().slice(0, 10) : "";
  const candidates: { date: string; text: string }[] = [];
  for (let j = heading + 1, seen = 0; j < lines.length && seen < 12; j++) {
    const text = lines[j]?.text.trim() ?? "";
    if (!text) continue;
    seen += 1;
    const date = firstDateIn(text);
    if (date) candidates.push({ date, text });
    else if (candidates.length > 0 && SECTION.test(text)) break;
  }
  return candidates.find((c) => c.date >= floor) ?? undefined;
}

/** How strongly a text looks like each kind of cover sheet: labels present, plus the header's marks. */
export function coverSheetScore(text: string): { kind: "3gpp" | "itu-t"; score: number } | undefined {
  const fields = new Set(findFields(linesOf(text)).map((f) => f.field));
  if (!fields.has("title")) return undefined;
  const count = (names: Field[]) => names.filter((n) => fields.has(n)).length;
  const gpp =
    count(["responseTo", "release", "workItem", "source", "to", "cc", "contact", "replyTo", "attachments"]) +
    (/\b3GPP\b|\bTSG\b/.test(text) ? 1 : 0) +
    (fields.has("replyTo") ? 1 : 0);
  const itu =
    count(["questions", "source", "forAction", "forComment", "forInformation", "approval", "deadline", "contact"]) +
    (/LIAISON STATEMENT/.test(text) ? 2 : 0) +
    (/INTERNATIONAL TELECOMMUNICATION UNION|\bITU-T\b/.test(text) ? 1 : 0);
  const best = gpp >= itu ? { kind: "3gpp" as const, score: gpp } : { kind: "itu-t" as const, score: itu };
  return best.score >= 3 ? best : undefined;
}

/** Reads the fields of a cover sheet (or a plain-text LS) from its text. */
export function parseCoverSheet(text: string, options: SheetOptions): CoverSheet {
  const { from } = options;
  const lines = linesOf(text);
  const fields = findFields(lines);
  const sheet: CoverSheet = {
    kind: options.kind,
    identifiers: [],
    responseTo: [],
    to: [],
    cc: [],
    contacts: [],
    other: [],
  };
  const seen = new Set<Field>();
  const textOf = (f: Found) => (f.value || f.block.map((l) => l.text.trim()).join(" ")).replace(/\s+/g, " ").trim();
  const sourceText = (f: Found) => [f.line.text, ...f.block.map((l) => l.text)].join(" ");
  const addOther = (label: string, f: Found) => {
    const value = textOf(f);
    if (value && !NONE.test(value)) sheet.other.push(readOf(`${label}: ${value}`, from, sourceText(f)));
  };

  for (const f of fields) {
    const value = textOf(f);
    const isRepeatable = f.field === "contact";
    if (seen.has(f.field) && !isRepeatable) continue;
    seen.add(f.field);
    const read = <T>(v: T) => readOf(v, from, sourceText(f));
    switch (f.field) {
      case "title":
        if (value) sheet.title = read(value);
        break;
      case "source":
        if (value && !NONE.test(value)) sheet.source = read(value);
        break;
      case "responseTo": {
        const numbers = documentNumbersIn(value);
        for (const number of numbers) sheet.responseTo.push(read(number));
        if (numbers.length === 0) addOther("Response to", f);
        break;
      }
      case "to":
      case "forAction":
      case "forComment":
      case "forInformation":
        for (const group of splitGroups(value)) sheet.to.push(read(group));
        if (f.field !== "to" && !sheet.purpose && splitGroups(value).length > 0) {
          const purpose = f.field === "forAction" ? "action" : f.field === "forComment" ? "comment" : "information";
          sheet.purpose = read(purpose);
        }
        break;
      case "cc":
        for (const group of splitGroups(value)) sheet.cc.push(read(group));
        break;
      case "contact": {
        const mailboxes = contactsOf(f);
        for (const mailbox of mailboxes) sheet.contacts.push(read(mailbox));
        if (mailboxes.length === 0) addOther("Contact", f);
        break;
      }
      case "replyTo": {
        const mailbox = replyToOf(value);
        if (mailbox) sheet.replyTo = read(mailbox);
        else addOther("Send any reply LS to", f);
        break;
      }
      case "deadline": {
        const date = firstDateIn(value);
        if (date) sheet.deadline = read(date);
        else addOther("Deadline", f);
        break;
      }
      default:
        addOther(OTHER_LABELS[f.field] ?? f.label, f);
    }
  }

  const action = actionOf(lines);
  if (action) {
    sheet.actionText = readOf(action.text, from, action.first);
    sheet.purpose ??= readOf("action", from, action.first);
  }
  if (!sheet.purpose) {
    const none = lines.find((l) => /^\s*(?:\d+\.?\s*)?Actions?\s*:\s*none\.?\s*$/i.test(l.text));
    if (none) sheet.purpose = readOf("information", from, none.text);
  }
  if (!sheet.deadline && options.kind !== "itu-t") {
    const meeting = nextMeetingOf(lines, options.date);
    if (meeting) sheet.deadline = readOf(meeting.date, from, meeting.text);
  }
  sheet.identifiers = identifiersOf(lines, fields, sheet, options);
  return sheet;
}

/** The sheet's own number: its header lines (above the first field), then its file names, then the subject. */
function identifiersOf(lines: Line[], fields: Found[], sheet: CoverSheet, options: SheetOptions): Read<string>[] {
  const answered = new Set(sheet.responseTo.map((r) => r.value));
  const out = new Map<string, FieldSource>();
  const add = (text: string, from: string, shown = text) => {
    for (const number of documentNumbersIn(withoutRevisionOf(text)))
      if (!answered.has(number) && !out.has(number)) out.set(number, { from, text: clip(shown) });
  };
  const firstField = fields[0]?.line.index ?? Math.min(lines.length, 12);
  for (const line of lines.slice(0, Math.min(firstField, 15))) add(line.text, options.from);
  if (out.size === 0) {
    for (const name of options.fileNames ?? []) add(name.replace(/\.[a-z0-9]+$/i, ""), "file name", name);
  }
  if (out.size === 0 && options.subject) add(options.subject, "subject");
  return [...out].map(([value, source]) => ({ value, source }));
}
