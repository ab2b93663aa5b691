import "server-only";
import {
  ACTION_LINE,
  EMAIL,
  type Found,
  LABEL_LINE,
  type Line,
  NEXT_MEETINGS,
  NONE,
  SECTION,
} from "./cover-sheet-fields";
import { firstDateIn } from "./dates";

/** The values of cover-sheet fields that need more than their line: groups, mailboxes, ACTION:, meetings. */

export function splitGroups(value: string): string[] {
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
export function contactsOf(found: Found): string[] {
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

export function replyToOf(value: string): string | undefined {
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
export function actionOf(lines: Line[]): { text: string; first: string } | undefined {
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
export function nextMeetingOf(lines: Line[], after?: Date): { date: string; text: string } | undefined {
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
