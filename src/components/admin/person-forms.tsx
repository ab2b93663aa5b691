"use client";

import { useActionState } from "react";
import { createPersonAction, invitePersonAction, updatePersonAction } from "@/actions/admin";
import { ErrorSummary, SubmitButton, SuccessMessage, TextField } from "@/components/forms/fields";
import { IDLE } from "@/lib/form-state";
import { CheckboxField } from "./form-controls";

export const PERSON_LABELS = {
  name: "Name",
  primaryEmail: "Primary e-mail",
  otherEmails: "Other e-mail addresses",
  canSignIn: "May sign in",
};

export function PersonCreateForm() {
  const [state, action] = useActionState(createPersonAction, IDLE);
  return (
    <form action={action} className="max-w-xl space-y-4" noValidate>
      <ErrorSummary state={state} labels={PERSON_LABELS} />
      <TextField name="name" label="Name" state={state} autoComplete="off" required />
      <TextField name="primaryEmail" label="Primary e-mail" type="email" autoComplete="off" state={state} required />
      <TextField
        name="otherEmails"
        label="Other e-mail addresses"
        state={state}
        multiline
        rows={2}
        hint="One per line. Each address belongs to one person only."
      />
      <CheckboxField
        name="canSignIn"
        label="May sign in"
        state={state}
        defaultChecked
        hint="They still need a password: invite them by e-mail from their page."
      />
      <SubmitButton pendingText="Saving…">Create person</SubmitButton>
    </form>
  );
}

export function PersonEditForm({ person }: { person: { id: number; name: string; canSignIn: boolean } }) {
  const [state, action] = useActionState(updatePersonAction, IDLE);
  return (
    <form action={action} className="max-w-xl space-y-4" noValidate>
      <ErrorSummary state={state} labels={PERSON_LABELS} />
      <SuccessMessage state={state} />
      <input type="hidden" name="id" value={person.id} />
      <TextField name="name" label="Name" state={state} defaultValue={person.name} required />
      <CheckboxField
        name="canSignIn"
        label="May sign in"
        state={state}
        defaultChecked={person.canSignIn}
        hint="Turning this off ends their sessions at once; their roles and history stay."
      />
      <SubmitButton pendingText="Saving…">Save person</SubmitButton>
    </form>
  );
}

/** "Invite by e-mail": a one-time link to choose a password, sent to the primary address. */
export function InviteForm({ personId, primaryEmail }: { personId: number; primaryEmail: string | null }) {
  const [state, action] = useActionState(invitePersonAction, IDLE);
  return (
    <form action={action} className="space-y-3">
      <ErrorSummary state={state} />
      <SuccessMessage state={state} />
      <input type="hidden" name="personId" value={personId} />
      <p className="text-sm text-slate-700">
        {primaryEmail
          ? `Sends ${primaryEmail} a one-time link to choose a password; accepting it turns sign-in on.`
          : "This person has no active primary address to invite."}
      </p>
      {primaryEmail ? (
        <SubmitButton variant="secondary" pendingText="Sending…">
          Invite by e-mail
        </SubmitButton>
      ) : null}
    </form>
  );
}
