/**
 * Administration refuses everyone but the Secretariat (nothing changes), and rejects bad input with an error
 * on the field concerned: duplicate acronyms and addresses, invalid default contacts, roles on the wrong kind
 * of group.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { addEmailAddress, changeEmailAddress } from "@/server/admin/emails";
import { createGroup, updateGroup } from "@/server/admin/groups";
import { invitePerson } from "@/server/admin/invite";
import { createOrganization, updateOrganization } from "@/server/admin/organizations";
import { createPerson, updatePerson } from "@/server/admin/people";
import { assignRole, removeRole } from "@/server/admin/roles";
import { assignRoleSchema, groupSchema, organizationSchema, personSchema } from "@/server/admin/schema";
import { loadActor } from "@/server/auth/actor";
import type { Actor } from "@/server/authz/types";
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

async function appError(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** Every table an administrative change could touch. */
async function rowCounts() {
  const p = db();
  const [organizations, groups, people, emails, roles, audit, mail, tokens] = await Promise.all([
    p.organization.count(),
    p.group.count(),
    p.person.count(),
    p.emailAddress.count(),
    p.roleAssignment.count(),
    p.auditLog.count(),
    p.mail.count(),
    p.verificationToken.count(),
  ]);
  return { organizations, groups, people, emails, roles, audit, mail, tokens };
}

let secretariat: Actor;
let ids: { org3gpp: number; sa2: number; quic: number; chair: number; chairEmail: number; lmRole: number };

beforeAll(async () => {
  secretariat = await actorFor("secretariat@example.org");
  const chair = await db().emailAddress.findUniqueOrThrow({ where: { address: "chair@example.org" } });
  ids = {
    org3gpp: (await db().organization.findUniqueOrThrow({ where: { acronym: "3gpp" } })).id,
    sa2: (await db().group.findUniqueOrThrow({ where: { acronym: "3gpp-tsgsa-sa2" } })).id,
    quic: (await db().group.findUniqueOrThrow({ where: { acronym: "quic" } })).id,
    chair: chair.personId,
    chairEmail: chair.id,
    lmRole: (await db().roleAssignment.findFirstOrThrow({ where: { role: "liaison_manager" } })).id,
  };
});

describe("only the Secretariat administers", () => {
  const attempts: Record<string, (actor: Actor | null) => Promise<unknown>> = {
    createOrganization: (a) =>
      createOrganization(a, { acronym: "x-org", name: "X", url: null, side: "external", hasFormalRelationship: false }),
    updateOrganization: (a) =>
      updateOrganization(a, {
        id: ids.org3gpp,
        acronym: "3gpp",
        name: "Hijacked",
        url: null,
        side: "external",
        hasFormalRelationship: false,
      }),
    createGroup: (a) =>
      createGroup(a, {
        acronym: "x-group",
        name: "X",
        type: "sdo",
        state: "active",
        organizationId: ids.org3gpp,
        parentId: null,
        listAddress: null,
        defaultContacts: [],
      }),
    updateGroup: (a) =>
      updateGroup(a, {
        id: ids.sa2,
        acronym: "3gpp-tsgsa-sa2",
        name: "Hijacked",
        type: "sdo",
        state: "concluded",
        organizationId: ids.org3gpp,
        parentId: null,
        listAddress: null,
        defaultContacts: [],
      }),
    createPerson: (a) =>
      createPerson(a, { name: "X", primaryEmail: "x@example.org", otherEmails: [], canSignIn: true }),
    updatePerson: (a) => updatePerson(a, { id: ids.chair, name: "Hijacked", canSignIn: false }),
    addEmailAddress: (a) => addEmailAddress(a, { personId: ids.chair, address: "evil@example.org", makePrimary: true }),
    changeEmailAddress: (a) =>
      changeEmailAddress(a, { personId: ids.chair, emailId: ids.chairEmail, change: "deactivate" }),
    invitePerson: (a) => invitePerson(a, { personId: ids.chair }),
    assignRole: (a) =>
      assignRole(a, {
        personId: ids.chair,
        person: null,
        role: "secretariat",
        groupId: null,
        organizationId: null,
        email: null,
      }),
    removeRole: (a) => removeRole(a, { roleId: ids.lmRole }),
  };
  const actors = ["coordinator@example.org", "ad@example.org", "chair@example.org", "lm-3gpp@example.org", null];

  for (const email of actors) {
    it(`refuses ${email ?? "a signed-out caller"} every use-case, changing nothing`, async () => {
      const actor = email ? await actorFor(email) : null;
      const before = await rowCounts();
      for (const [name, attempt] of Object.entries(attempts)) {
        const error = await appError(attempt(actor));
        expect(error.code, name).toBe("FORBIDDEN");
      }
      expect(await rowCounts()).toEqual(before);
      expect((await db().organization.findUniqueOrThrow({ where: { id: ids.org3gpp } })).name).not.toBe("Hijacked");
    });
  }
});

describe("validation names the bad field and value", () => {
  it("a duplicate organization or group acronym is an error on the acronym field", async () => {
    const org = await appError(
      createOrganization(secretariat, {
        acronym: "3gpp",
        name: "Again",
        url: null,
        side: "external",
        hasFormalRelationship: false,
      }),
    );
    expect(org.code).toBe("ALREADY_EXISTS");
    expect(org.fieldErrors?.acronym).toBe("The acronym 3gpp is already used by another organization.");
    const group = await appError(
      createGroup(secretariat, {
        acronym: "quic",
        name: "Again",
        type: "sdo",
        state: "active",
        organizationId: ids.org3gpp,
        parentId: null,
        listAddress: null,
        defaultContacts: [],
      }),
    );
    expect(group.fieldErrors?.acronym).toBe("The acronym quic is already used by another group.");
  });

  it("an address that belongs to someone else is an error naming its owner", async () => {
    const person = await appError(
      createPerson(secretariat, {
        name: "Dup",
        primaryEmail: "new@example.org",
        otherEmails: ["chair@example.org"],
        canSignIn: true,
      }),
    );
    expect(person.code).toBe("ALREADY_EXISTS");
    expect(person.fieldErrors?.otherEmails).toBe("chair@example.org already belongs to Quentin Hale.");
    expect(await db().emailAddress.count({ where: { address: "new@example.org" } })).toBe(0);
    const added = await appError(
      addEmailAddress(secretariat, { personId: ids.chair, address: "lm-3gpp@example.org", makePrimary: false }),
    );
    expect(added.fieldErrors?.address).toBe("lm-3gpp@example.org already belongs to Mia Tanaka.");
  });

  it("an invalid default contact is named, by the form schema and by the use-case", () => {
    const parsed = groupSchema.safeParse({
      acronym: "x",
      name: "X",
      type: "sdo",
      organizationId: String(ids.org3gpp),
      parentId: "",
      listAddress: "",
      defaultContacts: "Good One <good@example.org>\nBad Entry <not-an-address>",
    });
    expect(parsed.success).toBe(false);
    const issue = parsed.error?.issues.find((i) => i.path[0] === "defaultContacts");
    expect(issue?.message).toContain("Bad Entry <not-an-address>");
    expect(issue?.message).not.toContain("good@example.org");
  });

  it("the use-case refuses a default contact that bypassed the form", async () => {
    const error = await appError(
      createGroup(secretariat, {
        acronym: "x-direct",
        name: "X",
        type: "sdo",
        state: "active",
        organizationId: ids.org3gpp,
        parentId: null,
        listAddress: null,
        defaultContacts: ["no mailbox here"],
      }),
    );
    expect(error.fieldErrors?.defaultContacts).toContain("no mailbox here");
  });

  it("forms are parsed: checkboxes, empty optionals, lower-cased acronyms and addresses", () => {
    expect(
      organizationSchema.parse({
        acronym: " ITU-X ",
        name: "ITU X",
        url: "",
        side: "external",
        hasFormalRelationship: "on",
      }),
    ).toEqual({ acronym: "itu-x", name: "ITU X", url: null, side: "external", hasFormalRelationship: true });
    expect(organizationSchema.parse({ acronym: "a", name: "A", url: "", side: "ietf" }).hasFormalRelationship).toBe(
      false,
    );
    const person = personSchema.safeParse({
      name: "P",
      primaryEmail: "P@Example.org",
      otherEmails: "a@example.org\nnope",
    });
    expect(person.error?.issues[0]?.message).toBe("Not a valid e-mail address: nope");
    expect(personSchema.parse({ name: "P", primaryEmail: "P@Example.org", otherEmails: "" }).primaryEmail).toBe(
      "p@example.org",
    );
    expect(
      assignRoleSchema.parse({ person: "Mia <lm-3gpp@example.org>", role: "liaison_manager", organizationId: "3" }),
    ).toMatchObject({
      personId: null,
      person: "lm-3gpp@example.org",
      organizationId: 3,
      groupId: null,
      email: null,
    });
  });

  it("a group's type must fit its organization's side, and its parent its organization", async () => {
    const base = { name: "X", state: "active" as const, listAddress: null, defaultContacts: [] };
    const type = await appError(
      createGroup(secretariat, { ...base, acronym: "x-wg", type: "wg", organizationId: ids.org3gpp, parentId: null }),
    );
    expect(type.fieldErrors?.type).toMatch(/external organization/);
    const parent = await appError(
      createGroup(secretariat, {
        ...base,
        acronym: "x-sdo",
        type: "sdo",
        organizationId: ids.org3gpp,
        parentId: ids.quic,
      }),
    );
    expect(parent.fieldErrors?.parentId).toBe("The parent must be a group of 3gpp.");
  });

  it("a role must sit on the right kind of group, and not twice", async () => {
    const wrong = await appError(
      assignRole(secretariat, {
        personId: ids.chair,
        person: null,
        role: "liaison_manager",
        groupId: ids.quic,
        organizationId: null,
        email: null,
      }),
    );
    expect(wrong.fieldErrors?.groupId).toBe("quic is not an external group.");
    const unknown = await appError(
      assignRole(secretariat, {
        personId: null,
        person: "nobody@example.org",
        role: "liaison_manager",
        groupId: ids.sa2,
        organizationId: null,
        email: null,
      }),
    );
    expect(unknown.fieldErrors?.person).toMatch(/Nobody has the address nobody@example.org/);
    const twice = await appError(
      assignRole(secretariat, {
        personId: null,
        person: "lm-3gpp@example.org",
        role: "liaison_manager",
        groupId: null,
        organizationId: ids.org3gpp,
        email: null,
      }),
    );
    expect(twice.code).toBe("ALREADY_EXISTS");
    expect(twice.fieldErrors?.person).toBe(
      "Mia Tanaka is already Liaison manager of 3rd Generation Partnership Project.",
    );
  });
});
