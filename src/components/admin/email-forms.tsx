"use client";

import { useActionState } from "react";
import { addEmailAction, changeEmailAction } from "@/actions/admin";
import { ErrorSummary, SubmitButton, SuccessMessage, TextField } from "@/components/forms/fields";
import { IDLE } from "@/lib/form-state";
import { CheckboxField } from "./form-controls";

export interface EmailRow {
  id: number;
  address: string;
  isPrimary: boolean;
  isActive: boolean;
}

function EmailActions({ personId, email }: { personId: number; email: EmailRow }) {
  const [state, action] = useActionState(changeEmailAction, IDLE);
  const button = (change: string, text: string) => (
    <SubmitButton name="change" value={change} variant="secondary" pendingText="Saving…">
      {text}
      <span className="sr-only"> {email.address}</span>
    </SubmitButton>
  );
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="personId" value={personId} />
      <input type="hidden" name="emailId" value={email.id} />
      {!email.isPrimary && email.isActive ? button("make-primary", "Make primary") : null}
      {!email.isPrimary && email.isActive ? button("deactivate", "Deactivate") : null}
      {!email.isActive ? button("reactivate", "Reactivate") : null}
      {state.status === "error" ? (
        <p role="alert" className="text-sm text-red-700">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}

/** A person's addresses: which is primary, which are inactive, and the buttons to change that. */
export function EmailTable({ personId, emails }: { personId: number; emails: EmailRow[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">E-mail addresses</caption>
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">
              Address
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Status
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Change
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {emails.map((email) => (
            <tr key={email.id} className="align-top">
              <td className="px-3 py-2 break-all">{email.address}</td>
              <td className="px-3 py-2">{email.isPrimary ? "Primary" : email.isActive ? "Active" : "Inactive"}</td>
              <td className="px-3 py-2">
                <EmailActions personId={personId} email={email} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function AddEmailForm({ personId }: { personId: number }) {
  const [state, action] = useActionState(addEmailAction, IDLE);
  return (
    <form action={action} className="max-w-xl space-y-3" noValidate>
      <ErrorSummary state={state} labels={{ address: "New address", makePrimary: "Make it the primary address" }} />
      <SuccessMessage state={state} />
      <input type="hidden" name="personId" value={personId} />
      <TextField name="address" label="New address" type="email" state={state} required />
      <CheckboxField name="makePrimary" label="Make it the primary address" state={state} />
      <SubmitButton variant="secondary" pendingText="Adding…">
        Add address
      </SubmitButton>
    </form>
  );
}
