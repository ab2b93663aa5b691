"use client";

import { useActionState } from "react";
import { assignRoleAction, removeRoleAction } from "@/actions/admin";
import { ErrorSummary, SubmitButton, SuccessMessage, TextField } from "@/components/forms/fields";
import type { RoleName } from "@/generated/prisma/enums";
import { IDLE } from "@/lib/form-state";
import { ROLE_LABELS } from "@/lib/labels";
import { type Option, type OptionGroup, SelectField, SuggestField } from "./form-controls";

const LABELS = {
  person: "Person",
  role: "Role",
  groupId: "Group",
  organizationId: "Organization",
  email: "Address used in this role",
};

/**
 * Assigns a role. The person is fixed (`personId`) or picked by e-mail address (suggestions from `people`);
 * the role is fixed when only one is offered (e.g. "Add liaison manager"); the group or organization is
 * fixed, or chosen from `groups` / `organizations`.
 */
export function AddRoleForm({
  roles,
  submitLabel,
  personId,
  people,
  groupId,
  organizationId,
  groups,
  organizations,
}: {
  roles: RoleName[];
  submitLabel: string;
  personId?: number;
  people?: string[];
  groupId?: number;
  organizationId?: number;
  groups?: OptionGroup[];
  organizations?: Option[];
}) {
  const [state, action] = useActionState(assignRoleAction, IDLE);
  const [onlyRole] = roles;
  return (
    <form action={action} className="max-w-xl space-y-3" noValidate>
      <ErrorSummary state={state} labels={LABELS} />
      <SuccessMessage state={state} />
      {personId !== undefined ? <input type="hidden" name="personId" value={personId} /> : null}
      {groupId !== undefined ? <input type="hidden" name="groupId" value={groupId} /> : null}
      {organizationId !== undefined ? <input type="hidden" name="organizationId" value={organizationId} /> : null}
      {roles.length === 1 && onlyRole ? (
        <input type="hidden" name="role" value={onlyRole} />
      ) : (
        <SelectField
          name="role"
          label="Role"
          state={state}
          options={roles.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
          empty="— choose —"
          required
        />
      )}
      {personId === undefined ? (
        <SuggestField
          name="person"
          label="Person"
          state={state}
          suggestions={people ?? []}
          hint="Their e-mail address (any of their addresses); type a name or address for suggestions."
          required
        />
      ) : null}
      {groups ? <SelectField name="groupId" label="Group" state={state} groups={groups} empty="— none —" /> : null}
      {organizations ? (
        <SelectField
          name="organizationId"
          label="Organization"
          state={state}
          options={organizations}
          empty="— none —"
          hint="Only for liaison managers of a whole external organization."
        />
      ) : null}
      <TextField
        name="email"
        label="Address used in this role"
        type="email"
        state={state}
        hint="Leave empty to use the person's primary address, or enter an alias such as a liaison address."
      />
      <SubmitButton pendingText="Saving…">{submitLabel}</SubmitButton>
    </form>
  );
}

export function RemoveRoleButton({ roleId, description }: { roleId: number; description: string }) {
  const [state, action] = useActionState(removeRoleAction, IDLE);
  return (
    <form action={action}>
      <input type="hidden" name="roleId" value={roleId} />
      <SubmitButton variant="secondary" pendingText="Removing…">
        Remove<span className="sr-only"> {description}</span>
      </SubmitButton>
      {state.status === "error" ? (
        <p role="alert" className="mt-1 text-sm text-red-700">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
