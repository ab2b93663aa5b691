/**
 * The "In response to" picker's search (src/server/statements/related-search.ts, GET /statements/lookup) on
 * the demo data, on PGlite and on PostgreSQL (TEST_DATABASE_URL): it finds statements by title words, other
 * identifiers and date, and only those the searcher may see — the archive's rule for signed-out visitors
 * (public = posted, or withdrawn after posting) and the statement page's rule (mayView) for everyone else.
 */
import { describe, expect, it, vi } from "vitest";

vi.mock("next/headers", async () => (await import("../support/server-actions")).nextHeadersMock);
vi.mock("next/cache", async () => (await import("../support/server-actions")).nextCacheMock);
vi.mock("next-auth", async (original) => ({
  ...(await original<typeof import("next-auth")>()),
  ...(await import("../support/server-actions")).nextAuthMock,
}));

import { saveStatementForm } from "@/actions/statements";
import { GET as lookupRoute } from "@/app/statements/lookup/route";
import { IDLE } from "@/lib/form-state";
import { PUBLIC_STATEMENT_WHERE } from "@/server/archive/visibility";
import { loadGroupIndex } from "@/server/authz/load";
import { mayView } from "@/server/authz/policy";
import type { Actor } from "@/server/authz/types";
import { RELATED_SEARCH_LIMIT, searchRelatedStatements } from "@/server/statements/related-search";
import { toRef } from "@/server/statements/repository";
import { createPerson, createRole } from "../fixtures/factories";
import { actorFor, setupDemoWorld } from "../support/demo-world";
import { browserSignedInAs, signOutBrowser } from "../support/server-actions";

const db = setupDemoWorld();

const find = async (actor: Actor | null, query: string) =>
  searchRelatedStatements(actor, await loadGroupIndex(), query);

async function hiddenStatements() {
  return db().prisma.statement.findMany({
    where: { NOT: PUBLIC_STATEMENT_WHERE },
    include: { groups: { select: { side: true, groupId: true } } },
  });
}

/**
 * The chair of a WG that no statement is from or to, so none of the non-public ones is theirs to see. (Not TLS: a
 * pending demo statement is from TLS, and since issue 15 §2 a From group's chairs see its drafts and pending ones.)
 */
async function otherChair(): Promise<Actor> {
  const idle = await db().prisma.group.findFirstOrThrow({
    where: { type: "wg", statements: { none: {} } },
    orderBy: { acronym: "asc" },
  });
  const person = await createPerson(db().prisma, { name: "Tess Lowe" });
  await createRole(db().prisma, person.id, "wg_chair", { groupId: idle.id });
  return actorFor(db(), person.email);
}

describe("the related-statement search", () => {
  it("finds a public statement by title words in any order, by other identifier and by posted date", async () => {
    const target = await db().prisma.statement.findFirstOrThrow({
      where: { state: "posted", otherIdentifiers: { has: "SP-240987" }, title: { startsWith: "Reply LS" } },
    });
    const ids = async (q: string) => (await find(null, q)).map((r) => r.id);
    expect(await ids("mpquic security")).toContain(target.id);
    const original = await db().prisma.statement.findFirstOrThrow({
      where: { title: "LS on Security considerations for MPQUIC" },
    });
    expect(original.otherIdentifiers.length).toBeGreaterThan(1);
    const [first] = (await find(null, original.title)).filter((r) => r.id === original.id);
    expect(first?.otherIdentifiers).toEqual(original.otherIdentifiers);
    expect(await ids("SECURITY considerations MPQUIC reply")).toContain(target.id);
    expect(await ids("SP-240987")).toContain(target.id);
    expect(await ids("240987")).toContain(target.id);
    const day = target.postedAt!.toISOString().slice(0, 10);
    expect(await ids(day)).toContain(target.id);
    const [hit] = (await find(null, "SP-240987")).filter((r) => r.id === target.id);
    expect(hit).toEqual({
      id: target.id,
      title: target.title,
      date: day,
      state: "posted",
      direction: target.direction,
      otherIdentifiers: ["SP-240987"],
    });
  });

  it("answers at most a small page, newest first, and takes LIKE wildcards literally", async () => {
    const all = await find(null, "");
    expect(all.length).toBe(RELATED_SEARCH_LIMIT);
    const dates = all.map((r) => r.date);
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(await find(null, "%")).toEqual([]);
    expect(await find(null, "_")).toEqual([]);
    expect(await find(null, "zzzz-no-such-words")).toEqual([]);
  });

  it("never shows a signed-out visitor a non-public statement, by title or by identifier", async () => {
    const hidden = await hiddenStatements();
    expect(hidden.length).toBeGreaterThan(5);
    for (const statement of hidden) {
      for (const q of [statement.title, ...statement.otherIdentifiers]) {
        expect(
          (await find(null, q)).map((r) => r.id),
          `${statement.state} "${q}"`,
        ).not.toContain(statement.id);
      }
    }
  });

  it("never shows the chair of another group a non-public statement", async () => {
    const chair = await otherChair();
    const groups = await loadGroupIndex();
    for (const statement of await hiddenStatements()) {
      expect(mayView(chair, groups, toRef(statement))).toBe(false);
      for (const q of [statement.title, ...statement.otherIdentifiers]) {
        expect(
          (await find(chair, q)).map((r) => r.id),
          `${statement.state} "${q}"`,
        ).not.toContain(statement.id);
      }
    }
  });

  it("shows non-public statements to those who may see them: the submitter, and the Secretariat", async () => {
    const chair = await actorFor(db(), "chair@example.org");
    const secretariat = await actorFor(db(), "secretariat@example.org");
    const groups = await loadGroupIndex();
    const hidden = await hiddenStatements();
    const own = hidden.filter((s) => s.submitterId === chair.personId);
    expect(own.length).toBeGreaterThan(0);
    for (const statement of own) {
      const [hit] = (await find(chair, statement.title)).filter((r) => r.id === statement.id);
      expect(hit?.state).toBe(statement.state);
    }
    for (const statement of hidden) {
      expect((await find(secretariat, statement.title)).map((r) => r.id)).toContain(statement.id);
      const found = (await find(chair, statement.title)).some((r) => r.id === statement.id);
      expect(found, statement.title).toBe(mayView(chair, groups, toRef(statement)));
    }
  });
});

describe("GET /statements/lookup", () => {
  const lookup = async (q: string) => {
    const response = await lookupRoute(new Request(`http://localhost/statements/lookup?q=${encodeURIComponent(q)}`));
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("private, max-age=60");
    const body = (await response.json()) as { results: { id: number }[] };
    return body.results.map((r) => r.id);
  };

  it("answers a signed-out browser and another group's chair with public statements only", async () => {
    const hidden = await hiddenStatements();
    signOutBrowser();
    for (const statement of hidden) expect(await lookup(statement.title)).not.toContain(statement.id);
    const chair = await otherChair();
    const person = await db().prisma.person.findUniqueOrThrow({ where: { id: chair.personId } });
    await browserSignedInAs(person.id, person.sessionVersion);
    for (const statement of hidden) expect(await lookup(statement.title)).not.toContain(statement.id);
    const publicOne = await db().prisma.statement.findFirstOrThrow({ where: { state: "posted" } });
    expect(await lookup(publicOne.title)).toContain(publicOne.id);
  });

  it("answers the submitter with their own draft", async () => {
    const chair = await actorFor(db(), "chair@example.org");
    const draft = (await hiddenStatements()).find((s) => s.submitterId === chair.personId && s.state === "draft");
    expect(draft).toBeDefined();
    const person = await db().prisma.person.findUniqueOrThrow({ where: { id: chair.personId } });
    await browserSignedInAs(person.id, person.sessionVersion);
    expect(await lookup(draft!.title)).toContain(draft!.id);
    signOutBrowser();
    expect(await lookup(draft!.title)).not.toContain(draft!.id);
  });
});

describe("the form's Find statements button (no JavaScript: intent=find)", () => {
  const find = (q: string) => {
    const data = new FormData();
    data.set("intent", "find");
    data.set("direction", "outgoing");
    data.set("title", "Kept as typed");
    data.append("respondsTo", "1");
    data.set("respondsToQuery", q);
    return saveStatementForm(IDLE, data);
  };
  const signInAs = async (personId: number) => {
    const person = await db().prisma.person.findUniqueOrThrow({ where: { id: personId } });
    await browserSignedInAs(person.id, person.sessionVersion);
  };

  it("answers the matches the person may see with every value back, and saves nothing", async () => {
    const chair = await actorFor(db(), "chair@example.org");
    const before = await db().prisma.statement.count();
    const draft = (await hiddenStatements()).find((s) => s.submitterId === chair.personId && s.state === "draft")!;
    await signInAs(chair.personId);
    const own = await find(draft.title);
    expect(own.status).toBe("idle");
    expect(own.values).toMatchObject({ title: "Kept as typed", respondsTo: "1", respondsToQuery: draft.title });
    expect(own.related?.map((r) => r.id)).toContain(draft.id);

    const other = await otherChair();
    await signInAs(other.personId);
    const theirs = await find(draft.title);
    expect(theirs.status).toBe("idle");
    expect(theirs.related?.map((r) => r.id)).not.toContain(draft.id);
    expect(await db().prisma.statement.count()).toBe(before);
  });

  it("refuses a signed-out browser, keeping the values", async () => {
    signOutBrowser();
    const state = await find("mpquic");
    expect(state).toMatchObject({ status: "error", code: "UNAUTHENTICATED", values: { title: "Kept as typed" } });
    expect(state.related).toBeUndefined();
  });
});
