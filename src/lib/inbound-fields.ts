// Issue 18: the statement-form fields an e-mail pre-fills, in form order, with their labels; and what is
// recorded per field (where it was read from, or what was left for the liaison manager). Shared by the
// ingestion, its notice mail and the draft's form.

export const NOTED_FIELDS = [
  "title",
  "from",
  "fromContact",
  "fromLiaisonContact",
  "to",
  "toContact",
  "purpose",
  "deadline",
  "body",
  "otherIdentifiers",
  "respondsTo",
  "receivedOn",
] as const;
export type NotedField = (typeof NOTED_FIELDS)[number];

export const FIELD_LABELS: Record<NotedField, string> = {
  title: "Title",
  from: "From",
  fromContact: "From-Contact",
  fromLiaisonContact: "From-Liaison-Contact",
  to: "To",
  toContact: "To-Contact",
  purpose: "Purpose",
  deadline: "Deadline",
  body: "Body",
  otherIdentifiers: "Other identifiers",
  respondsTo: "In response to",
  receivedOn: "Date received",
};

/** Per field: where its value was read from, or what was found but left for the liaison manager. */
export type FieldNote = { kind: "read"; from: string; text: string } | { kind: "left"; text: string };
export type FieldNotes = Partial<Record<NotedField, FieldNote>>;

/** The notes as stored (JSON), keeping only well-formed entries. */
export function parseFieldNotes(json: unknown): FieldNotes {
  const notes: FieldNotes = {};
  if (!json || typeof json !== "object") return notes;
  for (const field of NOTED_FIELDS) {
    const note = (json as Record<string, unknown>)[field] as Record<string, unknown> | undefined;
    if (note?.kind === "read" && typeof note.from === "string" && typeof note.text === "string")
      notes[field] = { kind: "read", from: note.from, text: note.text };
    else if (note?.kind === "left" && typeof note.text === "string") notes[field] = { kind: "left", text: note.text };
  }
  return notes;
}
