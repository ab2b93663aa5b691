"use client";

import { useActionState } from "react";
import { recordFromEmailAction } from "@/actions/inbound";
import { ErrorSummary, SubmitButton } from "@/components/forms/fields";
import { IDLE } from "@/lib/form-state";

/**
 * "Record from an e-mail" (issue 18): upload the liaison mail as received (.eml); the draft it makes opens
 * pre-filled for review. A plain multipart form: works without JavaScript.
 */
export function RecordFromEmail({ maxMb }: { maxMb: number }) {
  const [state, action] = useActionState(recordFromEmailAction, IDLE);
  const error = state.fieldErrors?.eml;
  return (
    <section
      aria-labelledby="record-from-email"
      className="space-y-3 rounded-lg border border-slate-200 bg-slate-50 p-4"
    >
      <h2 id="record-from-email" className="text-lg font-semibold">
        Record from an e-mail
      </h2>
      <ErrorSummary state={state} labels={{ eml: "E-mail message" }} />
      <form action={action} encType="multipart/form-data" className="space-y-3">
        <div>
          <label htmlFor="field-eml" className="block text-sm font-medium text-slate-800">
            E-mail message
          </label>
          <p id="field-eml-hint" className="text-xs text-slate-600">
            The liaison mail as received, saved from your mail program as an .eml file (at most {maxMb} MB). Its
            attachments are attached, the fields are read from its cover sheet, and you review the draft before posting.
          </p>
          <input
            id="field-eml"
            name="eml"
            type="file"
            accept=".eml,message/rfc822"
            required
            aria-invalid={error ? true : undefined}
            aria-describedby={[error ? "field-eml-error" : "", "field-eml-hint"].filter(Boolean).join(" ")}
            className="mt-1 block w-full text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-2 file:text-sm"
          />
          {error ? (
            <p id="field-eml-error" className="mt-1 text-sm text-red-700">
              {error}
            </p>
          ) : null}
        </div>
        <SubmitButton variant="secondary" pendingText="Reading the message…">
          Record from e-mail
        </SubmitButton>
      </form>
    </section>
  );
}
