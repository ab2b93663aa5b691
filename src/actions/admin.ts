"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { FormState } from "@/lib/form-state";
import { addEmailAddress, changeEmailAddress } from "@/server/admin/emails";
import { createGroup, updateGroup } from "@/server/admin/groups";
import { invitePerson } from "@/server/admin/invite";
import { createOrganization, updateOrganization } from "@/server/admin/organizations";
import { createPerson, updatePerson } from "@/server/admin/people";
import { assignRole, removeRole } from "@/server/admin/roles";
import {
  addEmailSchema,
  assignRoleSchema,
  emailChangeSchema,
  groupSchema,
  inviteSchema,
  organizationSchema,
  personSchema,
  removeRoleSchema,
  updateGroupSchema,
  updateOrganizationSchema,
  updatePersonSchema,
} from "@/server/admin/schema";
import { mayAdminister } from "@/server/authz/policy";
import { formAction } from "./wrapper";

// Administration (Secretariat only): `authorize` answers 403 before anything runs, and every use-case
// checks again. Successful changes refresh the administration pages and the public directory.

function saved(message: string): FormState {
  revalidatePath("/admin", "layout");
  revalidatePath("/directory");
  return { status: "success", message };
}

const changed = (what: string) => (result: { changed: boolean }) =>
  saved(result.changed ? `${what} saved.` : "Nothing changed.");

export const createOrganizationAction = formAction({
  schema: organizationSchema,
  authorize: mayAdminister,
  run: (input, { actor }) => createOrganization(actor, input),
  onSuccess: ({ id }) => {
    revalidatePath("/admin", "layout");
    redirect(`/admin/organizations/${id}?created=1`);
  },
});

export const updateOrganizationAction = formAction({
  schema: updateOrganizationSchema,
  authorize: mayAdminister,
  run: (input, { actor }) => updateOrganization(actor, input),
  onSuccess: changed("Organization"),
});

export const createGroupAction = formAction({
  schema: groupSchema,
  authorize: mayAdminister,
  run: (input, { actor }) => createGroup(actor, input),
  onSuccess: ({ id }) => {
    revalidatePath("/admin", "layout");
    redirect(`/admin/groups/${id}?created=1`);
  },
});

export const updateGroupAction = formAction({
  schema: updateGroupSchema,
  authorize: mayAdminister,
  run: (input, { actor }) => updateGroup(actor, input),
  onSuccess: changed("Group"),
});

export const createPersonAction = formAction({
  schema: personSchema,
  authorize: mayAdminister,
  run: (input, { actor }) => createPerson(actor, input),
  onSuccess: ({ id }) => {
    revalidatePath("/admin", "layout");
    redirect(`/admin/people/${id}?created=1`);
  },
});

export const updatePersonAction = formAction({
  schema: updatePersonSchema,
  authorize: mayAdminister,
  run: (input, { actor }) => updatePerson(actor, input),
  onSuccess: changed("Person"),
});

export const addEmailAction = formAction({
  schema: addEmailSchema,
  authorize: mayAdminister,
  run: (input, { actor }) => addEmailAddress(actor, input),
  onSuccess: (_r, input) => saved(`Added ${input.address}.`),
});

export const changeEmailAction = formAction({
  schema: emailChangeSchema,
  authorize: mayAdminister,
  run: (input, { actor }) => changeEmailAddress(actor, input),
  onSuccess: () => saved("Address updated."),
});

export const invitePersonAction = formAction({
  schema: inviteSchema,
  authorize: mayAdminister,
  run: (input, { actor }) => invitePerson(actor, input),
  onSuccess: ({ address, expiresInDays }) =>
    saved(`Invitation sent to ${address}. The link works once, for ${expiresInDays} days.`),
});

export const assignRoleAction = formAction({
  schema: assignRoleSchema,
  authorize: mayAdminister,
  run: (input, { actor }) => assignRole(actor, input),
  onSuccess: () => saved("Role assigned."),
});

export const removeRoleAction = formAction({
  schema: removeRoleSchema,
  authorize: mayAdminister,
  run: (input, { actor }) => removeRole(actor, input),
  onSuccess: () => saved("Role removed."),
});
