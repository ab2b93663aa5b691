import "server-only";
import { FIELD_LABELS, type FieldNotes, NOTED_FIELDS } from "@/lib/inbound-fields";
import type { ComposedMail } from "@/server/mail/compose";

/**
 * Issue 18: "a liaison statement arrived by e-mail and waits as a draft" to the liaison managers of the
 * sending body (else the coordinators). Pure. The sender is named as written: it is not verified.
 */
export function inboundNoticeMail(facts: {
  title: string;
  editUrl: string;
  sender: string | null;
  subject: string;
  notes: FieldNotes;
  attachments: string[];
  warnings: string[];
}): ComposedMail {
  const read = NOTED_FIELDS.flatMap((f) => {
    const note = facts.notes[f];
    return note?.kind === "read" ? [`  ${FIELD_LABELS[f]}: read from ${note.from}`] : [];
  });
  const left = NOTED_FIELDS.flatMap((f) => {
    const note = facts.notes[f];
    return !note ? [`  ${FIELD_LABELS[f]}`] : note.kind === "left" ? [`  ${FIELD_LABELS[f]}: ${note.text}`] : [];
  });
  return {
    subject: `Received by e-mail, waiting for you: "${facts.title}"`,
    body: [
      "A liaison statement arrived by e-mail and waits as a draft. It is not posted: review the pre-filled",
      "form, complete it and post it (or withdraw it if it is not a liaison statement).",
      "",
      `Review and post: ${facts.editUrl}`,
      "",
      `Sender (as written, not verified): ${facts.sender ?? "(none)"}`,
      `Subject: ${facts.subject || "(none)"}`,
      `Attachments: ${facts.attachments.length ? facts.attachments.join(", ") : "(none)"}`,
      "",
      ...(read.length ? ["Pre-filled:", ...read, ""] : []),
      ...(left.length ? ["Left for you:", ...left, ""] : []),
      ...(facts.warnings.length ? ["Notes:", ...facts.warnings.map((w) => `  ${w}`), ""] : []),
      "The original message is kept with the draft (staff only).",
    ].join("\n"),
  };
}
