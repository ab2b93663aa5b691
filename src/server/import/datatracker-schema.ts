import "server-only";
import { z } from "zod";

/**
 * The Datatracker's tastypie objects as the importer reads them (shared/DATATRACKER.md §3). Only the keys
 * the importer uses are declared; others are allowed and ignored (the key set varies by release). Where
 * the spec says UNVERIFIED, both forms are accepted (e.g. `from_contact` as an Email URI, null, or a string).
 */

/** `/api/v1/<app>/<resource>/<key>/` → `<key>`; the pattern names the resource it must point at. */
export function uriKey(uri: string, resource: string): string | null {
  const prefix = `/api/v1/${resource}/`;
  if (!uri.startsWith(prefix) || !uri.endsWith("/")) return null;
  const key = uri.slice(prefix.length, -1);
  return key && !key.includes("/") ? decodeURIComponent(key) : null;
}

const uri = (resource: string) =>
  z.string().refine((v) => uriKey(v, resource) !== null, { message: `must be a /api/v1/${resource}/<key>/ URI` });
const intUri = (resource: string) =>
  z.string().refine((v) => /^[1-9][0-9]*$/.test(uriKey(v, resource) ?? ""), {
    message: `must be a /api/v1/${resource}/<id>/ URI`,
  });

/** Naive (Pacific), `Z` or `±hh:mm` ISO datetimes, with optional fractions (DATATRACKER.md §3.1). */
export const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})?$/;
const datetime = z.string().regex(DATETIME, "must be an ISO date-time (naive, Z or ±hh:mm)");
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a YYYY-MM-DD date");
const id = z.number().int().positive();
const text = z.string().max(1_000_000);

export const envelopeSchema = z.object({
  meta: z
    .object({
      limit: z.number().int().optional(),
      next: z.string().nullable().optional(),
      offset: z.number().int().optional(),
      total_count: z.number().int().optional(),
    })
    .loose(),
  objects: z.array(z.unknown()),
});

export const nameSchema = z
  .object({ slug: z.string().min(1).max(64), name: z.string().max(255), resource_uri: z.string() })
  .loose();

export const groupSchema = z
  .object({
    id,
    acronym: z.string().min(1).max(64),
    name: z.string().max(255),
    resource_uri: intUri("group/group"),
    state: uri("name/groupstatename").nullable(),
    type: uri("name/grouptypename").nullable(),
    parent: intUri("group/group").nullable().optional(),
    list_email: z.string().max(320).optional().default(""),
  })
  .loose();

export const personSchema = z
  .object({
    id,
    name: z.string().max(255),
    plain: z.string().optional().default(""),
    ascii: z.string().optional().default(""),
    resource_uri: intUri("person/person"),
  })
  .loose();

export const emailSchema = z
  .object({
    address: z.string().min(3).max(320),
    person: intUri("person/person").nullable(),
    primary: z.boolean().optional().default(false),
    active: z.boolean().optional().default(true),
    resource_uri: uri("person/email"),
  })
  .loose();

export const roleSchema = z
  .object({
    id,
    name: uri("name/rolename"),
    group: intUri("group/group"),
    person: intUri("person/person"),
    email: uri("person/email"),
    resource_uri: intUri("group/role"),
  })
  .loose();

export const documentSchema = z
  .object({
    id: id.optional(),
    name: z.string().min(1).max(255),
    title: z.string().max(255),
    type: uri("name/doctypename").nullable(),
    uploaded_filename: z.string().max(1024).optional().default(""),
    external_url: z.string().max(1024).optional().default(""),
    time: datetime.nullable().optional(),
    resource_uri: uri("doc/document"),
  })
  .loose();

export const statementSchema = z
  .object({
    id,
    title: z.string().max(255),
    from_groups: z.array(intUri("group/group")),
    to_groups: z.array(intUri("group/group")),
    // Until 2025-06 an Email URI (or null); since, a mailbox string (DATATRACKER.md §3.2, UNVERIFIED).
    from_contact: z.string().max(512).nullable().optional(),
    to_contacts: z.string().max(4000),
    response_contacts: z.string().max(4000).optional().default(""),
    technical_contacts: z.string().max(4000).optional().default(""),
    action_holder_contacts: z.string().max(4000).optional().default(""),
    cc_contacts: text.optional().default(""),
    purpose: uri("name/liaisonstatementpurposename"),
    deadline: date.nullable().optional(),
    other_identifiers: text.nullable().optional(),
    body: text,
    tags: z.array(uri("name/liaisonstatementtagname")),
    attachments: z.array(uri("doc/document")).optional().default([]),
    state: uri("name/liaisonstatementstate"),
    resource_uri: intUri("liaisons/liaisonstatement"),
  })
  .loose();

export const eventSchema = z
  .object({
    id,
    time: datetime,
    type: uri("name/liaisonstatementeventtypename"),
    by: intUri("person/person").nullable(),
    statement: intUri("liaisons/liaisonstatement"),
    desc: text,
    resource_uri: intUri("liaisons/liaisonstatementevent"),
  })
  .loose();

export const attachmentLinkSchema = z
  .object({
    id,
    statement: intUri("liaisons/liaisonstatement"),
    document: uri("doc/document"),
    removed: z.boolean(),
    resource_uri: intUri("liaisons/liaisonstatementattachment"),
  })
  .loose();

export const relationSchema = z
  .object({
    id,
    source: intUri("liaisons/liaisonstatement"),
    target: intUri("liaisons/liaisonstatement"),
    relationship: uri("name/docrelationshipname"),
    resource_uri: intUri("liaisons/relatedliaisonstatement"),
  })
  .loose();

export type DtGroup = z.infer<typeof groupSchema>;
export type DtPerson = z.infer<typeof personSchema>;
export type DtEmail = z.infer<typeof emailSchema>;
export type DtRole = z.infer<typeof roleSchema>;
export type DtDocument = z.infer<typeof documentSchema>;
export type DtStatement = z.infer<typeof statementSchema>;
export type DtEvent = z.infer<typeof eventSchema>;
export type DtAttachmentLink = z.infer<typeof attachmentLinkSchema>;
export type DtRelation = z.infer<typeof relationSchema>;

/** Every resource the importer reads, as `<app>/<resource>` (the folder of a directory source). */
export const RESOURCES = {
  group: "group/group",
  person: "person/person",
  email: "person/email",
  role: "group/role",
  document: "doc/document",
  statement: "liaisons/liaisonstatement",
  attachment: "liaisons/liaisonstatementattachment",
  relation: "liaisons/relatedliaisonstatement",
  event: "liaisons/liaisonstatementevent",
} as const;
export type ResourceKey = keyof typeof RESOURCES;
