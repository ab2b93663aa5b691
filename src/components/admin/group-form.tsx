"use client";

import { useActionState } from "react";
import { createGroupAction, updateGroupAction } from "@/actions/admin";
import { ErrorSummary, SubmitButton, SuccessMessage, TextField } from "@/components/forms/fields";
import type { GroupState, GroupType } from "@/generated/prisma/enums";
import { IDLE } from "@/lib/form-state";
import { GROUP_TYPE_LABELS } from "@/lib/labels";
import { type Option, SelectField } from "./form-controls";

export const GROUP_LABELS = {
  acronym: "Acronym",
  name: "Name",
  type: "Type",
  state: "State",
  organizationId: "Organization",
  parentId: "Parent group",
  listAddress: "List address",
  defaultContacts: "Default contacts",
};

export interface GroupValues {
  id: number;
  acronym: string;
  name: string;
  type: GroupType;
  state: GroupState;
  organizationId: number;
  parentId: number | null;
  listAddress: string | null;
  defaultContacts: string[];
}

const TYPE_OPTIONS: Option[] = Object.entries(GROUP_TYPE_LABELS).map(([value, label]) => ({ value, label }));

/** Creates a group, or edits (and concludes) one when `group` is given. */
export function GroupForm({
  group,
  organizations,
  parents,
  defaultOrganizationId,
}: {
  group?: GroupValues;
  organizations: Option[];
  /** possible parents, grouped by organization label */
  parents: { label: string; options: Option[] }[];
  defaultOrganizationId?: number;
}) {
  const [state, action] = useActionState(group ? updateGroupAction : createGroupAction, IDLE);
  return (
    <form action={action} className="max-w-xl space-y-4" noValidate>
      <ErrorSummary state={state} labels={GROUP_LABELS} />
      <SuccessMessage state={state} />
      {group ? <input type="hidden" name="id" value={group.id} /> : null}
      <SelectField
        name="organizationId"
        label="Organization"
        state={state}
        options={organizations}
        defaultValue={String(group?.organizationId ?? defaultOrganizationId ?? "")}
        empty={group ? undefined : "— choose —"}
        required
      />
      <TextField
        name="acronym"
        label="Acronym"
        state={state}
        defaultValue={group?.acronym}
        hint="e.g. 3gpp-tsgsa-sa2 or quic."
        required
      />
      <TextField name="name" label="Name" state={state} defaultValue={group?.name} required />
      <SelectField
        name="type"
        label="Type"
        state={state}
        options={TYPE_OPTIONS}
        defaultValue={group?.type ?? "sdo"}
        hint="Groups of external organizations are standards bodies; IETF groups have the IETF types."
        required
      />
      <SelectField
        name="parentId"
        label="Parent group"
        state={state}
        groups={parents}
        defaultValue={group?.parentId ? String(group.parentId) : ""}
        empty="— none —"
        hint="A WG's area, or an SDO sub-group's parent body; in the same organization."
      />
      <SelectField
        name="state"
        label="State"
        state={state}
        options={[
          { value: "active", label: "Active" },
          { value: "concluded", label: "Concluded" },
        ]}
        defaultValue={group?.state ?? "active"}
        hint="Concluded groups stay in the record but are no longer offered for new statements."
      />
      <TextField
        name="listAddress"
        label="List address"
        type="email"
        state={state}
        defaultValue={group?.listAddress ?? ""}
        hint="The group's mailing list, if any."
      />
      <TextField
        name="defaultContacts"
        label="Default contacts"
        state={state}
        defaultValue={group?.defaultContacts.join("\n") ?? ""}
        multiline
        rows={3}
        hint="Mailboxes pre-filled as the group's contacts, one per line: Name <name@example.org> or name@example.org."
      />
      <SubmitButton pendingText="Saving…">{group ? "Save group" : "Create group"}</SubmitButton>
    </form>
  );
}
