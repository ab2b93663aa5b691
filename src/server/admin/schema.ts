import "server-only";
import { z } from "zod";
import { GroupState, GroupType, OrganizationSide, RoleName } from "@/generated/prisma/enums";
import { isValidAddress, parseMailbox, parseMailboxList, splitMailboxList } from "@/lib/mailbox";

/**
 * What the administration forms accept (issue "Accounts, roles and permissions"). Shared by the server
 * actions (FormData → typed input) and the use-cases, whose input types are the parsed outputs below.
 */

/** One line of text; empty stays empty. */
const text = (max: number) => z.string().trim().max(max, `Use at most ${max} characters.`);
const required = (max: number, message: string) => text(max).min(1, message);
/** Empty → null. */
const optionalText = (max: number) => text(max).transform((v) => v || null);

/** A record id from a hidden field or a select. */
export const id = z.coerce.number({ message: "Choose one." }).int().positive("Choose one.");
/** A select whose empty choice means "none". */
const optionalId = z.preprocess((v) => (v === "" || v === undefined ? null : v), id.nullable());

/** An HTML checkbox: present ("on") = true, absent = false. Booleans pass through (direct calls, tests). */
const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());

export const acronym = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "Enter an acronym.")
  .max(64, "Use at most 64 characters.")
  .regex(/^[a-z0-9][a-z0-9-]*$/, "Use lower-case letters, digits and hyphens only, like itu-t-sg15.");

const url = optionalText(512).refine((v) => v === null || /^https?:\/\/[^\s]+$/i.test(v), {
  message: "Enter a web address starting with https://, or leave it empty.",
});

/** A bare e-mail address, stored lower-cased (EmailAddress.address is unique in lower case). */
export const address = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "Enter an e-mail address.")
  .max(320)
  .refine(isValidAddress, { message: "Enter a valid e-mail address, like name@example.org." });

const optionalAddress = z
  .string()
  .trim()
  .toLowerCase()
  .max(320)
  .refine((v) => v === "" || isValidAddress(v), { message: "Enter a valid e-mail address, like name@example.org." })
  .transform((v) => v || null);

/** Several bare addresses, one per line or comma separated; names the bad ones. */
const addressList = z.union([z.string(), z.array(z.string())]).transform((v, ctx) => {
  const entries = (Array.isArray(v) ? v : splitMailboxList(v)).map((a) => a.trim().toLowerCase()).filter(Boolean);
  const bad = entries.filter((a) => !isValidAddress(a));
  if (bad.length) ctx.addIssue({ code: "custom", message: `Not a valid e-mail address: ${bad.join(", ")}` });
  return [...new Set(entries)];
});

/** An RFC 5322 mailbox list (docs/domain.md: each entry validated, the bad one named). */
export const mailboxList = z.union([z.string(), z.array(z.string())]).transform((v, ctx) => {
  const result = parseMailboxList(Array.isArray(v) ? v.join("\n") : v);
  if (!result.ok) {
    const which = result.invalid.map((m) => `“${m}”`).join(", ");
    ctx.addIssue({
      code: "custom",
      message: `Not a valid mailbox: ${which}. Use Name <name@example.org> or name@example.org.`,
    });
    return [];
  }
  return result.mailboxes;
});

export const organizationSchema = z.object({
  acronym,
  name: required(255, "Enter the organization's name."),
  url,
  side: z.enum(OrganizationSide, { message: "Choose IETF or external." }),
  hasFormalRelationship: checkbox,
});
export type OrganizationInput = z.output<typeof organizationSchema>;
export const updateOrganizationSchema = organizationSchema.extend({ id });
export type UpdateOrganizationInput = z.output<typeof updateOrganizationSchema>;

export const groupSchema = z.object({
  acronym,
  name: required(255, "Enter the group's name."),
  type: z.enum(GroupType, { message: "Choose a type." }),
  state: z.enum(GroupState, { message: "Choose active or concluded." }).default("active"),
  organizationId: id,
  parentId: optionalId,
  listAddress: optionalAddress,
  defaultContacts: mailboxList.default([]),
});
export type GroupInput = z.output<typeof groupSchema>;
export const updateGroupSchema = groupSchema.extend({ id });
export type UpdateGroupInput = z.output<typeof updateGroupSchema>;

export const personSchema = z.object({
  name: required(255, "Enter the person's name."),
  primaryEmail: address,
  otherEmails: addressList.default([]),
  canSignIn: checkbox,
});
export type PersonInput = z.output<typeof personSchema>;

export const updatePersonSchema = z.object({ id, name: personSchema.shape.name, canSignIn: checkbox });
export type UpdatePersonInput = z.output<typeof updatePersonSchema>;

export const addEmailSchema = z.object({ personId: id, address, makePrimary: checkbox });
export type AddEmailInput = z.output<typeof addEmailSchema>;

export const emailChangeSchema = z.object({
  personId: id,
  emailId: id,
  change: z.enum(["make-primary", "deactivate", "reactivate"]),
});
export type EmailChangeInput = z.output<typeof emailChangeSchema>;

export const inviteSchema = z.object({ personId: id });
export type InviteInput = z.output<typeof inviteSchema>;

/**
 * A role assignment. The person is either fixed (personId, on the person's page) or picked by address
 * (person: "Name <addr>" or "addr", on a group's or organization's page).
 */
export const assignRoleSchema = z
  .object({
    personId: optionalId,
    person: z
      .string()
      .trim()
      .max(400)
      .optional()
      .transform((v, ctx) => {
        if (!v) return null;
        const mailbox = parseMailbox(v);
        if (!mailbox) ctx.addIssue({ code: "custom", message: `Not an e-mail address: “${v}”.` });
        return mailbox?.address.toLowerCase() ?? null;
      }),
    role: z.enum(RoleName, { message: "Choose a role." }),
    groupId: optionalId,
    organizationId: optionalId,
    /** the address used in the role; empty = the person's primary address */
    email: optionalAddress.default(null),
  })
  .refine((v) => v.personId !== null || v.person !== null, {
    path: ["person"],
    message: "Enter the person's e-mail address.",
  });
export type AssignRoleInput = z.output<typeof assignRoleSchema>;

export const removeRoleSchema = z.object({ roleId: id });
export type RemoveRoleInput = z.output<typeof removeRoleSchema>;
