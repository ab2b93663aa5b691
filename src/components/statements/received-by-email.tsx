import { FIELD_LABELS, type FieldNotes, NOTED_FIELDS } from "@/lib/inbound-fields";

export interface ReceivedByEmailView {
  statementId: number;
  sender: string | null;
  subject: string;
  notes: FieldNotes;
  warnings: string[];
}

/** "Received by e-mail": who sent it (as written), the original (staff only) and, on the form, what was read from where. */
export function ReceivedByEmail({ view, showFields }: { view: ReceivedByEmailView; showFields: boolean }) {
  const read = NOTED_FIELDS.filter((f) => view.notes[f]?.kind === "read");
  const left = NOTED_FIELDS.filter((f) => view.notes[f]?.kind !== "read");
  return (
    <section
      aria-labelledby="received-by-email"
      className="space-y-3 rounded-lg border border-sky-200 bg-sky-50 p-4 text-sm"
    >
      <h2 id="received-by-email" className="text-lg font-semibold">
        Received by e-mail
      </h2>
      <p className="break-words">
        From {view.sender ?? "(no sender)"}{" "}
        <span className="text-slate-600">(as written in the mail, not verified)</span>
        {view.subject ? <>, subject “{view.subject}”</> : null}.{" "}
        <a href={`/statements/${view.statementId}/original`} download>
          Download the original message
        </a>{" "}
        <span className="text-slate-600">(staff only, never public)</span>
      </p>
      {showFields ? (
        <>
          {read.length ? (
            <div>
              <h3 className="font-medium">Pre-filled from the message</h3>
              <ul className="mt-1 space-y-1">
                {read.map((f) => {
                  const note = view.notes[f];
                  return note?.kind === "read" ? (
                    <li key={f} className="break-words">
                      <span className="font-medium">{FIELD_LABELS[f]}</span>: read from {note.from}:{" "}
                      <q className="whitespace-pre-line text-slate-700">
                        {note.text.length > 200 ? `${note.text.slice(0, 199)}…` : note.text}
                      </q>
                    </li>
                  ) : null;
                })}
              </ul>
            </div>
          ) : null}
          <div>
            <h3 className="font-medium">Left for you</h3>
            <ul className="mt-1 space-y-1">
              {left.map((f) => {
                const note = view.notes[f];
                return (
                  <li key={f} className="break-words">
                    <span className="font-medium">{FIELD_LABELS[f]}</span>
                    {note?.kind === "left" ? `: ${note.text}` : ": not found in the message."}
                  </li>
                );
              })}
            </ul>
          </div>
          {view.warnings.length ? (
            <div>
              <h3 className="font-medium">Notes</h3>
              <ul className="mt-1 list-disc space-y-1 pl-5">
                {view.warnings.map((w) => (
                  <li key={w} className="break-words">
                    {w}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
