import "server-only";
import type { Read } from "./types";

/** The labelled lines of an LS cover sheet (cover-sheet.ts reads their values). */

export type Field =
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
export const OTHER_LABELS: Partial<Record<Field, string>> = {
  release: "Release",
  workItem: "Work Item",
  attachments: "Attachments",
  questions: "Question(s)",
  approval: "Approval",
};

/** Lines inside a contact block: not new fields. */
const CONTACT_PARTS = /^(name|e-?mail(?: address)?|tel\.?|telephone|phone|fax|company|organi[sz]ation|country)$/i;
export const LABEL_LINE = /^\s*([A-Za-z][A-Za-z ()-]{0,30}?)\s*:\s*(.*)$/;
// "1. Overall Description:", "2 Actions", "3. Date of Next … Meetings" — not "1 September 2025"
export const SECTION =
  /^\s*\d{1,2}(?:\.\d{1,2})*\.?\s+(?!(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s)[A-Za-z]/i;
export const ACTION_LINE = /^\s*(?:ACTIONS?|Actions? requested)\s*:\s*(.*)$/;
export const NEXT_MEETINGS = /dates?\s+of\s+(?:the\s+)?next\b.*\bmeetings?/i;
export const EMAIL = /[\w.+'-]+@[\w-]+(?:\.[\w-]+)+/g;
const HAS_EMAIL = /[\w.+'-]+@[\w-]+(?:\.[\w-]+)+/;
export const NONE = /^(?:-+|none\.?|n\/a|nil|void|—)$/i;
const MAX_SOURCE_TEXT = 500;

export type Line = { text: string; index: number };
export type Found = { field: Field; label: string; line: Line; value: string; block: Line[] };

export const clip = (text: string) => {
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
export function linesOf(text: string): Line[] {
  return text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((raw, index) => ({ text: raw.replace(/[\t\u00a0]+/g, " ").replace(/\s+$/, ""), index }));
}

/** The labelled header fields, first occurrence of each single-valued field, until the first numbered section. */
export function findFields(lines: Line[]): Found[] {
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

export const readOf = <T>(value: T, from: string, text: string): Read<T> => ({
  value,
  source: { from, text: clip(text) },
});
