import "server-only";
import { CONSENSUS_LABELS, PURPOSE_LABELS } from "@/lib/labels";

/**
 * How the statement page writes its history (pure). Edits are recorded with a field diff in the event's data
 * (save-statement.ts: `{ field: { from, to } }`); the page names each field as the form does and shows
 * old → new, so readers see what changed rather than the code's field names.
 */

/** The form's names for the fields an edit records (docs/domain.md: form labels use the RFC 4053bis names). */
export const FIELD_LABELS: Record<string, string> = {
  title: "Title",
  purpose: "Purpose",
  deadline: "Deadline",
  body: "Body",
  fromGroups: "From",
  fromContact: "From-Contact",
  fromLiaisonContact: "From-Liaison-Contact",
  toGroups: "To",
  toContact: "To-Contact",
  toLiaisonContact: "To-Liaison-Contact",
  otherIdentifiers: "Other identifiers",
  consensus: "Consensus",
  receivedOn: "Date received",
  groups: "From/To groups",
};

/** Fields whose values are shown folded (whole text, old and new) rather than on the line. */
const LONG_FIELDS = new Set(["body"]);

const VALUE_LABELS: Record<string, Record<string, string>> = { purpose: PURPOSE_LABELS, consensus: CONSENSUS_LABELS };

export interface FieldChange {
  field: string;
  from: string;
  to: string;
  isLong: boolean;
}

export interface HistoryEntry {
  text: string;
  changes: FieldChange[];
  /** who did it, unless the text already says so */
  actor: string | null;
}

const shown = (key: string, value: unknown): string => {
  if (value === null || value === undefined || value === "") return "—";
  const text = Array.isArray(value) ? value.join(", ") : String(value);
  return VALUE_LABELS[key]?.[text] ?? (text || "—");
};

const isDiff = (v: unknown): v is { from: unknown; to: unknown } =>
  typeof v === "object" && v !== null && !Array.isArray(v) && "from" in v && "to" in v;

/**
 * Edit events store the fields' code names ("Changed title, otherIdentifiers", "Changed after submission
 * (body): …"); the page reads them as the form names them.
 */
function relabel(text: string): string {
  const names = (list: string) =>
    list
      .split(", ")
      .map((k) => FIELD_LABELS[k] ?? k)
      .join(", ");
  const plain = /^Changed ([A-Za-z]+(?:, [A-Za-z]+)*)$/.exec(text);
  if (plain?.[1]) return `Changed ${names(plain[1])}`;
  return text.replace(
    /^Changed after submission \(([^)]*)\)/,
    (_, list: string) => `Changed after submission (${names(list)})`,
  );
}

export function historyEntry(event: {
  type: string;
  text: string;
  actor: string | null;
  createdAt: Date;
  data: unknown;
}): HistoryEntry {
  const data =
    event.type === "edited" && event.data && typeof event.data === "object"
      ? (event.data as Record<string, unknown>)
      : {};
  const changes = Object.entries(data)
    .filter(([key, value]) => key in FIELD_LABELS && isDiff(value))
    .map(([key, value]) => {
      const diff = value as { from: unknown; to: unknown };
      return {
        field: FIELD_LABELS[key] ?? key,
        from: shown(key, diff.from),
        to: shown(key, diff.to),
        isLong: LONG_FIELDS.has(key),
      };
    });
  const text = event.type === "edited" ? relabel(event.text) : event.text;
  const actor = event.actor && !text.includes(event.actor) ? event.actor : null;
  return { text, changes, actor };
}
