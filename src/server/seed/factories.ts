import "server-only";
import { createHash } from "node:crypto";
import type { Prisma } from "@/generated/prisma/client";
import type { RoleName } from "@/generated/prisma/enums";

/**
 * Builders of valid Prisma create-inputs with overrides. The demo seed and the tests share them, so a
 * schema change breaks one obvious place. Defaults are unique per call (a counter), so tests can create
 * several rows without choosing names.
 */
let sequence = 0;
const next = () => ++sequence;

export function organizationInput(
  overrides: Partial<Prisma.OrganizationCreateManyInput> = {},
): Prisma.OrganizationCreateManyInput {
  const n = next();
  return {
    acronym: `sdo-${n}`,
    name: `Standards Body ${n}`,
    url: `https://sdo-${n}.example.org`,
    side: "external",
    hasFormalRelationship: true,
    ...overrides,
  };
}

export function groupInput(
  organizationId: number,
  overrides: Partial<Prisma.GroupCreateManyInput> = {},
): Prisma.GroupCreateManyInput {
  const n = next();
  return {
    acronym: `group-${n}`,
    name: `Group ${n}`,
    type: "sdo",
    state: "active",
    organizationId,
    ...overrides,
  };
}

/** A person row without addresses (see emailRows); for bulk inserts. */
export function personRow(overrides: Partial<Prisma.PersonCreateManyInput> = {}): Prisma.PersonCreateManyInput {
  return { name: `Person ${next()}`, passwordHash: null, canSignIn: true, ...overrides };
}

/** A person's addresses: exactly one primary, all lower-cased as the schema requires. */
export function emailRows(
  personId: number,
  primary: string,
  others: readonly string[] = [],
): Prisma.EmailAddressCreateManyInput[] {
  return [
    { personId, address: primary.toLowerCase(), isPrimary: true },
    ...others.map((address) => ({ personId, address: address.toLowerCase(), isPrimary: false })),
  ];
}

export interface PersonOverrides extends Partial<Prisma.PersonCreateManyInput> {
  /** the primary address */
  email?: string;
  /** further, non-primary addresses */
  otherEmails?: readonly string[];
}

/** A person with a primary address, for a single `person.create`. */
export function personInput({ email, otherEmails = [], ...overrides }: PersonOverrides = {}): Prisma.PersonCreateInput {
  const { id: _id, ...row } = personRow(overrides);
  const addresses = emailRows(0, email ?? `person-${next()}@example.org`, otherEmails);
  return { ...row, emails: { create: addresses.map(({ personId: _personId, ...address }) => address) } };
}

/** A role on a group, an organization (liaison managers of a whole SDO) or neither (the Secretariat). */
export function roleInput(
  personId: number,
  role: RoleName,
  scope: { groupId?: number | null; organizationId?: number | null } = {},
  overrides: Partial<Prisma.RoleAssignmentCreateManyInput> = {},
): Prisma.RoleAssignmentCreateManyInput {
  return {
    personId,
    role,
    groupId: scope.groupId ?? null,
    organizationId: scope.organizationId ?? null,
    email: `role-${next()}@example.org`,
    ...overrides,
  };
}

/** A statement row (no groups; see statementGroupRows); defaults to an outgoing For-information draft. */
export function statementInput(
  submitterId: number,
  overrides: Partial<Prisma.StatementCreateManyInput> = {},
): Prisma.StatementCreateManyInput {
  const n = next();
  return {
    direction: "outgoing",
    state: "draft",
    title: `LS on test subject ${n}`,
    purpose: "information",
    body: `Test statement ${n}.\nSecond line.`,
    fromContact: ["Test Chair <chair@example.org>"],
    toContact: ["Peer Contact <peer@example.org>"],
    submitterId,
    ...overrides,
  };
}

/** The From and To group rows of a statement, positions in the given order. */
export function statementGroupRows(
  statementId: number,
  from: readonly number[],
  to: readonly number[],
): Prisma.StatementGroupCreateManyInput[] {
  return [
    ...from.map((groupId, position) => ({ statementId, groupId, side: "from" as const, position })),
    ...to.map((groupId, position) => ({ statementId, groupId, side: "to" as const, position })),
  ];
}

export interface StatementParties {
  submitterId: number;
  /** From group ids, in display order */
  from: readonly number[];
  /** To group ids, in display order */
  to: readonly number[];
}

/** A statement with its From/To groups, for a single `statement.create`. */
export function statementWithGroupsInput(
  { submitterId, from, to }: StatementParties,
  overrides: Partial<Prisma.StatementCreateManyInput> = {},
): Prisma.StatementUncheckedCreateInput {
  const groups = statementGroupRows(0, from, to).map(({ statementId: _statementId, ...row }) => row);
  return { ...statementInput(submitterId, overrides), groups: { createMany: { data: groups } } };
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * An attachment row whose size and SHA-256 are computed from its bytes, so they can never disagree. The
 * bytes themselves go to the attachment store (ADR 012); the demo seed puts them there.
 */
export function attachmentInput(
  content: Uint8Array,
  overrides: Partial<Omit<Prisma.AttachmentCreateManyStatementInput, "size" | "sha256">> = {},
): Prisma.AttachmentCreateManyStatementInput {
  const n = next();
  return {
    title: `Attachment ${n}`,
    filename: `attachment-${n}.txt`,
    contentType: "text/plain; charset=utf-8",
    ...overrides,
    size: content.byteLength,
    sha256: sha256Hex(content),
  };
}
