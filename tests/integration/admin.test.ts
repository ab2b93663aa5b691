/**
 * Administration (issue "Accounts, roles and permissions"): the Secretariat manages organizations, groups,
 * people and roles; every change is audited in the same transaction; nobody else changes anything.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { addEmailAddress, changeEmailAddress } from "@/server/admin/emails";
import { createGroup, updateGroup } from "@/server/admin/groups";
import { invitePerson } from "@/server/admin/invite";
import { createOrganization, updateOrganization } from "@/server/admin/organizations";
import { createPerson, updatePerson } from "@/server/admin/people";
import { assignRole, removeRole } from "@/server/admin/roles";
import { loadActor } from "@/server/auth/actor";
import type { Actor } from "@/server/authz/types";
import { listDirectory } from "@/server/directory/list-directory";
import { AppError } from "@/server/errors";
import { setupDemoWorld } from "../support/demo-world";

// The demo data (a copy of the run's template on PGlite; seeded here on PostgreSQL).
const database = setupDemoWorld();
const db = () => database().prisma;

async function actorFor(email: string): Promise<Actor> {
  const address = await db().emailAddress.findUniqueOrThrow({ where: { address: email } });
  const actor = await loadActor(address.personId);
  if (!actor) throw new Error(`no actor for ${email}`);
  return actor;
}

/** The AppError a call rejects with (fails the test when it resolves or throws something else). */
async function appError(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const lastAudit = () => db().auditLog.findFirstOrThrow({ orderBy: { id: "desc" } });

let secretariat: Actor;
const orgInput = (overrides: Partial<Parameters<typeof createOrganization>[1]> = {}) => ({
  acronym: "etsi-test",
  name: "ETSI Test Body",
  url: "https://etsi.example.org",
  side: "external" as const,
  hasFormalRelationship: true,
  ...overrides,
});
const groupFields = (organizationId: number, overrides: Partial<Parameters<typeof createGroup>[1]> = {}) => ({
  acronym: "etsi-test-tc",
  name: "ETSI Test TC",
  type: "sdo" as const,
  state: "active" as const,
  organizationId,
  parentId: null,
  listAddress: null,
  defaultContacts: ["TC Chair <tc-chair@etsi.example.org>"],
  ...overrides,
});

beforeAll(async () => {
  secretariat = await actorFor("secretariat@example.org");
});

describe("the Secretariat administers", () => {
  it("creates an organization, a group, a person with two addresses and a liaison manager the directory shows", async () => {
    const org = await createOrganization(secretariat, orgInput());
    let audit = await lastAudit();
    expect(audit).toMatchObject({
      actorId: secretariat.personId,
      entityType: "organization",
      entityId: org.id,
      action: "create",
    });
    expect(audit.changes).toMatchObject({
      acronym: { from: null, to: "etsi-test" },
      hasFormalRelationship: { from: null, to: true },
    });

    const group = await createGroup(secretariat, groupFields(org.id));
    audit = await lastAudit();
    expect(audit).toMatchObject({ entityType: "group", entityId: group.id, action: "create" });
    expect(audit.changes).toMatchObject({
      organization: { from: null, to: "etsi-test" },
      defaultContacts: { from: null, to: ["TC Chair <tc-chair@etsi.example.org>"] },
    });

    const person = await createPerson(secretariat, {
      name: "Nora Lindgren",
      primaryEmail: "nora@etsi.example.org",
      otherEmails: ["nora.lindgren@example.com"],
      canSignIn: true,
    });
    const emails = await db().emailAddress.findMany({ where: { personId: person.id }, orderBy: { id: "asc" } });
    expect(emails.map((e) => [e.address, e.isPrimary])).toEqual([
      ["nora@etsi.example.org", true],
      ["nora.lindgren@example.com", false],
    ]);
    expect((await lastAudit()).changes).toMatchObject({
      otherEmails: { from: null, to: ["nora.lindgren@example.com"] },
    });

    // Picked by any of the person's addresses; the role address defaults to the primary one.
    const role = await assignRole(secretariat, {
      personId: null,
      person: "nora.lindgren@example.com",
      role: "liaison_manager",
      groupId: null,
      organizationId: org.id,
      email: null,
    });
    audit = await lastAudit();
    expect(audit).toMatchObject({ entityType: "role", entityId: role.id, action: "assign" });
    expect(audit.summary).toContain("Nora Lindgren");
    expect(audit.changes).toMatchObject({
      person: { from: null, to: "Nora Lindgren" },
      role: { from: null, to: "liaison_manager" },
      organization: { from: null, to: "etsi-test" },
      email: { from: null, to: "nora@etsi.example.org" },
    });

    const directory = await listDirectory();
    const entry = directory.find((o) => o.acronym === "etsi-test");
    expect(entry?.managers).toEqual([{ name: "Nora Lindgren", email: "nora@etsi.example.org" }]);
    expect(entry?.groups.map((g) => [g.acronym, g.effective.source])).toEqual([["etsi-test-tc", "organization"]]);
  });

  it("records only what changed, and nothing when nothing changed", async () => {
    const org = await db().organization.findUniqueOrThrow({ where: { acronym: "etsi-test" } });
    const before = await db().auditLog.count();
    await updateOrganization(secretariat, {
      ...orgInput(),
      id: org.id,
      name: "ETSI Renamed",
      hasFormalRelationship: false,
    });
    const audit = await lastAudit();
    expect(audit).toMatchObject({ entityType: "organization", entityId: org.id, action: "update" });
    expect(audit.changes).toEqual({
      name: { from: "ETSI Test Body", to: "ETSI Renamed" },
      hasFormalRelationship: { from: true, to: false },
    });
    const again = await updateOrganization(secretariat, {
      ...orgInput(),
      id: org.id,
      name: "ETSI Renamed",
      hasFormalRelationship: false,
    });
    expect(again.changed).toBe(false);
    expect(await db().auditLog.count()).toBe(before + 1);
  });

  it("concludes a group instead of deleting it", async () => {
    const group = await db().group.findUniqueOrThrow({ where: { acronym: "etsi-test-tc" } });
    await updateGroup(secretariat, { ...groupFields(group.organizationId), id: group.id, state: "concluded" });
    expect((await db().group.findUniqueOrThrow({ where: { id: group.id } })).state).toBe("concluded");
    const audit = await lastAudit();
    expect(audit).toMatchObject({ action: "conclude", summary: "Concluded group etsi-test-tc" });
    expect(audit.changes).toEqual({ state: { from: "active", to: "concluded" } });
  });

  it("manages a person's addresses: add, make primary, deactivate — never delete", async () => {
    const person = await db().person.findFirstOrThrow({ where: { name: "Nora Lindgren" }, include: { emails: true } });
    await addEmailAddress(secretariat, { personId: person.id, address: "nora@third.example.net", makePrimary: false });
    expect((await lastAudit()).changes).toMatchObject({
      emails: { to: expect.arrayContaining(["nora@third.example.net"]) },
    });
    const second = person.emails.find((e) => !e.isPrimary)!;
    await changeEmailAddress(secretariat, { personId: person.id, emailId: second.id, change: "make-primary" });
    expect((await lastAudit()).changes).toEqual({
      primaryEmail: { from: "nora@etsi.example.org", to: "nora.lindgren@example.com" },
    });
    const err = await appError(
      changeEmailAddress(secretariat, { personId: person.id, emailId: second.id, change: "deactivate" }),
    );
    expect(err.code).toBe("INVALID_STATE");
    const first = person.emails.find((e) => e.isPrimary)!;
    await changeEmailAddress(secretariat, { personId: person.id, emailId: first.id, change: "deactivate" });
    const emails = await db().emailAddress.findMany({ where: { personId: person.id } });
    expect(emails).toHaveLength(3);
    expect(emails.filter((e) => e.isPrimary).map((e) => e.address)).toEqual(["nora.lindgren@example.com"]);
    expect(emails.find((e) => e.id === first.id)?.isActive).toBe(false);
    await updatePerson(secretariat, { id: person.id, name: "Nora Lindgren-Berg", canSignIn: false });
    expect((await lastAudit()).changes).toEqual({
      name: { from: "Nora Lindgren", to: "Nora Lindgren-Berg" },
      canSignIn: { from: true, to: false },
    });
  });

  it("invites a person by e-mail: a one-time invite token and an invitation mail with the link", async () => {
    const person = await db().person.findFirstOrThrow({ where: { name: "Nora Lindgren-Berg" } });
    const { address } = await invitePerson(secretariat, { personId: person.id });
    expect(address).toBe("nora.lindgren@example.com");
    const mail = await db().mail.findFirstOrThrow({ where: { kind: "invitation" }, orderBy: { id: "desc" } });
    expect(mail.to).toEqual(["Nora Lindgren-Berg <nora.lindgren@example.com>"]);
    expect(mail.body).toMatch(/\/reset-password\?purpose=invite&email=nora\.lindgren%40example\.com&token=[\w-]+/);
    expect(await db().verificationToken.count({ where: { identifier: "invite:nora.lindgren@example.com" } })).toBe(1);
    expect(await lastAudit()).toMatchObject({ entityType: "person", entityId: person.id, action: "invite" });
  });

  it("removes a role assignment, keeping its details in the audit log", async () => {
    const role = await db().roleAssignment.findFirstOrThrow({ where: { organization: { acronym: "etsi-test" } } });
    await removeRole(secretariat, { roleId: role.id });
    expect(await db().roleAssignment.findUnique({ where: { id: role.id } })).toBeNull();
    const audit = await lastAudit();
    expect(audit).toMatchObject({ entityType: "role", entityId: role.id, action: "remove" });
    expect(audit.changes).toMatchObject({
      role: { from: "liaison_manager", to: null },
      organization: { from: "etsi-test", to: null },
      person: { from: "Nora Lindgren-Berg", to: null },
    });
    const directory = await listDirectory();
    expect(directory.find((o) => o.acronym === "etsi-test")?.managers).toEqual([]);
  });

  it("keeps the last Secretariat role", async () => {
    const role = await db().roleAssignment.findFirstOrThrow({ where: { role: "secretariat" } });
    expect((await appError(removeRole(secretariat, { roleId: role.id }))).code).toBe("INVALID_STATE");
  });
});
