import "server-only";
import {
  clip,
  type Field,
  type Found,
  findFields,
  type Line,
  linesOf,
  NONE,
  OTHER_LABELS,
  readOf,
} from "./cover-sheet-fields";
import { actionOf, contactsOf, nextMeetingOf, replyToOf, splitGroups } from "./cover-sheet-values";
import { firstDateIn } from "./dates";
import { documentNumbersIn, withoutRevisionOf } from "./identifiers";
import type { CoverSheet, FieldSource, Read } from "./types";

/**
 * Reading an LS cover sheet from its text (issue 18): the 3GPP LS template, the ITU-T liaison statement
 * cover, or a plain-text LS in a mail body using the same labels. Pure: the caller extracts the text.
 * Every value carries where it was read from (the file or "mail body") and the line as written.
 */

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
