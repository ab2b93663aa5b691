/**
 * Issue 15 §2: the chairs and secretaries of a draft's From groups see and edit it (co-chairs write
 * together), the history says who changed what, and a chair of another WG neither sees nor edits it.
 */
import { describe, expect, it } from "vitest";
import { loadGroupIndex } from "@/server/authz/load";
import type { Actor } from "@/server/authz/types";
import { AppError } from "@/server/errors";
import { statementPage } from "@/server/statements/queries";
import { saveStatement } from "@/server/statements/save-statement";
import { statementFormSchema } from "@/server/statements/schema";
import { submitStatement } from "@/server/statements/submit-statement";
import { withdrawStatement } from "@/server/statements/withdraw-statement";
import { actorFor, groupId, setupDemoWorld } from "../support/demo-world";
import { testEngine } from "../support/test-database";

const world = setupDemoWorld();

async function fields(overrides: Record<string, unknown> = {}) {
  const db = world();
  return {
    direction: "outgoing",
    from: String(await groupId(db, "quic")),
    to: String(await groupId(db, "3gpp-tsgsa-sa2")),
    fromContact: "Quentin Hale <chair@example.org>\nElena Petrova <cochair@example.org>",
    toContact: "3GPP SA2 Chair <sa2-chair@example.net>",
    title: "LS on QUIC load balancers",
    purpose: "information",
    body: "First paragraph by Quentin.\n",
    ...overrides,
  };
}

const save = (actor: Actor, input: Record<string, unknown>) =>
  saveStatement({ actor, input: statementFormSchema.parse(input) });

/** A demo person without a password, as the app would see them once signed in (their roles from the database). */
async function personAsActor(email: string): Promise<Actor> {
  const address = await world().prisma.emailAddress.findUniqueOrThrow({
    where: { address: email },
    include: { person: { include: { roles: { orderBy: { id: "asc" } } } } },
  });
  return {
    personId: address.personId,
    name: address.person.name,
    email,
    roles: address.person.roles.map((r) => ({ role: r.role, groupId: r.groupId, organizationId: r.organizationId })),
  };
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe(`shared drafts (${testEngine})`, () => {
  it("the co-chair sees the chair's draft, edits it, and the history names each author", async () => {
    const db = world();
    const chair = await actorFor(db, "chair@example.org");
    const cochair = await actorFor(db, "cochair@example.org");
    const id = await save(chair, await fields());

    const page = await statementPage(cochair, await loadGroupIndex(), id);
    expect(page?.row.title).toBe("LS on QUIC load balancers");
    expect(page?.permissions.edit).toBe(true);
    expect(page?.permissions.submit).toBe(true);

    const { version } = await db.prisma.statement.findUniqueOrThrow({ where: { id } });
    await save(
      cochair,
      await fields({
        id: String(id),
        version: String(version),
        body: "First paragraph by Quentin.\nSecond by Elena.\n",
      }),
    );
    const after = await db.prisma.statement.findUniqueOrThrow({
      where: { id },
      include: { events: { include: { actor: true }, orderBy: { id: "asc" } } },
    });
    expect(after.body).toContain("Second by Elena.");
    expect(after.submitterId).toBe(chair.personId); // the submitter stays the one who created it
    expect(after.events.map((e) => [e.actor?.name, e.text])).toEqual([
      ["Quentin Hale", "Created as draft"],
      ["Elena Petrova", "Changed body"],
    ]);
    // The page's history shows her edit to the co-authors (draft events are not public).
    const chairPage = await statementPage(chair, await loadGroupIndex(), id);
    expect(chairPage?.events.map((e) => `${e.actor}: ${e.text}`)).toContain("Elena Petrova: Changed body");

    // And she may submit it: it goes to the wit ADs like the chair's own.
    expect(await submitStatement({ actor: cochair, id })).toBe("pending");
    const events = await db.prisma.statementEvent.findMany({
      where: { statementId: id, type: "submitted" },
      include: { actor: true },
    });
    expect(events.map((e) => e.actor?.name)).toEqual(["Elena Petrova"]);
  });

  it("the WG secretary edits it too; a chair of another WG neither sees, edits, submits nor withdraws it", async () => {
    const db = world();
    const chair = await actorFor(db, "chair@example.org");
    const oskar = await personAsActor("oskar.lindgren@example.net"); // secretary of quic
    const samir = await personAsActor("samir.haddad@example.net"); // chair of tls and emu
    expect(samir.roles.map((r) => r.role)).toEqual(["wg_chair", "wg_chair"]);
    const id = await save(chair, await fields({ title: "LS drafted by the QUIC chairs" }));
    const groups = await loadGroupIndex();

    expect((await statementPage(oskar, groups, id))?.permissions.edit).toBe(true);

    expect(await statementPage(samir, groups, id)).toBeNull();
    const { version } = await db.prisma.statement.findUniqueOrThrow({ where: { id } });
    const edit = await failure(
      save(samir, await fields({ id: String(id), version: String(version), title: "Hijacked" })),
    );
    expect(edit.code).toBe("NOT_FOUND");
    expect((await failure(submitStatement({ actor: samir, id }))).code).toBe("NOT_FOUND");
    expect((await failure(withdrawStatement({ actor: samir, id, reason: "mine now" }))).code).toBe("NOT_FOUND");
    const unchanged = await db.prisma.statement.findUniqueOrThrow({ where: { id } });
    expect([unchanged.title, unchanged.state, unchanged.version]).toEqual([
      "LS drafted by the QUIC chairs",
      "draft",
      version,
    ]);
  });
});
