"use client";

import { useActionState } from "react";
import { createOrganizationAction, updateOrganizationAction } from "@/actions/admin";
import { ErrorSummary, SubmitButton, SuccessMessage, TextField } from "@/components/forms/fields";
import { IDLE } from "@/lib/form-state";
import { CheckboxField, SelectField } from "./form-controls";

export const ORGANIZATION_LABELS = {
  acronym: "Acronym",
  name: "Name",
  url: "Web site",
  side: "Side",
  hasFormalRelationship: "Formal liaison relationship",
};

export interface OrganizationValues {
  id: number;
  acronym: string;
  name: string;
  url: string | null;
  side: "ietf" | "external";
  hasFormalRelationship: boolean;
}

/** Creates an organization, or edits one when `organization` is given. */
export function OrganizationForm({ organization }: { organization?: OrganizationValues }) {
  const [state, action] = useActionState(organization ? updateOrganizationAction : createOrganizationAction, IDLE);
  return (
    <form action={action} className="max-w-xl space-y-4" noValidate>
      <ErrorSummary state={state} labels={ORGANIZATION_LABELS} />
      <SuccessMessage state={state} />
      {organization ? <input type="hidden" name="id" value={organization.id} /> : null}
      <TextField
        name="acronym"
        label="Acronym"
        state={state}
        defaultValue={organization?.acronym}
        hint="Lower-case letters, digits and hyphens, e.g. 3gpp or itu-t."
        required
      />
      <TextField name="name" label="Name" state={state} defaultValue={organization?.name} required />
      <TextField name="url" label="Web site" type="url" state={state} defaultValue={organization?.url ?? ""} />
      <SelectField
        name="side"
        label="Side"
        state={state}
        defaultValue={organization?.side ?? "external"}
        options={[
          { value: "external", label: "External standards body" },
          { value: "ietf", label: "IETF / IAB (internal)" },
        ]}
        required
      />
      <CheckboxField
        name="hasFormalRelationship"
        label="Formal liaison relationship"
        state={state}
        defaultChecked={organization?.hasFormalRelationship ?? false}
        hint="A formal relationship has one or more liaison managers."
      />
      <SubmitButton pendingText="Saving…">{organization ? "Save organization" : "Create organization"}</SubmitButton>
    </form>
  );
}
