import { describe, expect, it } from "vitest";
import { GET as legacyStatement } from "@/app/liaison/[id]/route";
import { GET as legacyList } from "@/app/liaison/route";
import { ORGANIZATION_PAGE_SIZE, organizationPage } from "@/server/archive/organization-page";
import { PUBLIC_STATEMENT_WHERE } from "@/server/archive/visibility";
import { visibleRelations } from "@/server/archive/visible-relations";
import { loadGroupIndex } from "@/server/authz/load";
import { prisma } from "@/server/db";
import { findStatement } from "@/server/statements/repository";
import { actorFor, setupDemoWorld } from "../support/demo-world";
import { testEngine } from "../support/test-database";

const world = setupDemoWorld();

const PENDING_REPLY = "Reply LS on TLS 1.3 early data in the 5G Service Based Architecture";

async function statementByTitle(title: string) {
  return world().prisma.statement.findFirstOrThrow({ where: { title } });
}

describe(`/directory/<acronym> (${testEngine})`, () => {
  it("gives the organization with its groups as a tree and its liaison managers", async () => {
    const page = await organizationPage("3gpp");
    if (!page) throw new Error("no page for 3gpp");
    const { organization } = page;
    expect(organization.name).toMatch(/3rd Generation Partnership Project|3GPP/);
    expect(organization.hasFormalRelationship).toBe(true);
    expect(organization.managers.map((m) => `${m.name} <${m.email}>`)).toContain("Mia Tanaka <lm-3gpp@example.org>");
    const depth = Object.fromEntries(organization.groups.map((g) => [g.acronym, g.depth]));
    expect(depth).toMatchObject({
      "3gpp-tsg-sa": 0,
      "3gpp-tsgsa-sa2": 1,
      "3gpp-tsgsa-sa3": 1,
      "3gpp-tsg-ct": 0,
      "3gpp-tsgct-ct4": 1,
    });
    // a sub-group follows its parent
    const order = organization.groups.map((g) => g.acronym);
    expect(order.indexOf("3gpp-tsgsa-sa2")).toBeGreaterThan(order.indexOf("3gpp-tsg-sa"));
    // the same fallback as /directory: no own managers → the organization's
    expect(organization.groups.find((g) => g.acronym === "3gpp-tsgsa-sa2")?.effective.source).toBe("organization");
  });

  it("falls back to the coordination address where nobody manages a group", async () => {
    const itu = await organizationPage("itu-t");
    const sg13 = itu?.organization.groups.find((g) => g.acronym === "itu-t-sg13");
    expect(sg13?.effective).toEqual({
      source: "coordination",
      managers: [{ name: "IAB liaison coordination", email: "liaison-coordination@iab.org" }],
    });
    expect(itu?.organization.groups.find((g) => g.acronym === "itu-t-sg15")?.managers.map((m) => m.name)).toContain(
      "Luis Ferreira",
    );
  });

  it("lists the organization's public statements in both directions, newest first, and nothing unposted", async () => {
    const page = await organizationPage("3GPP");
    if (!page) throw new Error("no page for 3GPP");
    const titles = page.statements.map((s) => s.title);
    expect(titles).toContain("LS on Security considerations for MPQUIC"); // from 3GPP
    expect(titles).toContain("Reply LS on Security considerations for MPQUIC"); // to 3GPP
    expect(titles).not.toContain(PENDING_REPLY);
    expect(titles).not.toContain("LS on QoS monitoring for low-latency services");

    const expected = await world().prisma.statement.findMany({
      where: { AND: [PUBLIC_STATEMENT_WHERE, { groups: { some: { group: { organization: { acronym: "3gpp" } } } } }] },
      orderBy: [{ postedAt: "desc" }, { id: "desc" }],
    });
    expect(page.total).toBe(expected.length);
    expect(page.statements.map((s) => s.id)).toEqual(expected.slice(0, ORGANIZATION_PAGE_SIZE).map((s) => s.id));

    const hidden = await world().prisma.statement.findMany({ where: { NOT: PUBLIC_STATEMENT_WHERE } });
    const shown = new Set(page.statements.map((s) => s.id));
    for (const statement of hidden)
      expect(shown.has(statement.id), `${statement.state} "${statement.title}"`).toBe(false);

    const mpquic = page.statements.find((s) => s.title === "LS on Security considerations for MPQUIC");
    expect(mpquic?.from.map((g) => g.acronym)).toEqual(["3gpp-tsg-sa"]);
    expect(mpquic?.to.map((g) => g.acronym)).toEqual(["quic"]);
  });

  it("pages the statements of a busy organization (IETF: every statement)", async () => {
    const first = await organizationPage("ietf", 1);
    const publicCount = await world().prisma.statement.count({ where: PUBLIC_STATEMENT_WHERE });
    expect(first?.total).toBe(publicCount);
    expect(first?.statements.length).toBe(Math.min(publicCount, ORGANIZATION_PAGE_SIZE));
    // an out-of-range page number shows the last page rather than nothing
    const last = await organizationPage("ietf", 999);
    expect(last?.page).toBe(last?.pageCount);
  });

  it("is null (404) for an unknown acronym", async () => {
    expect(await organizationPage("nosuchorg")).toBeNull();
    // a group's acronym is not an organization
    expect(await organizationPage("3gpp-tsg-sa")).toBeNull();
  });
});

describe(`related statements on a statement page (${testEngine})`, () => {
  async function relationsOf(title: string, email: string | null) {
    const statement = await statementByTitle(title);
    const row = await findStatement(await prisma(), statement.id);
    if (!row) throw new Error(title);
    const actor = email ? await actorFor(world(), email) : null;
    return (await visibleRelations(actor, await loadGroupIndex(), row)).map((r) => `${r.label}: ${r.title}`);
  }

  it("does not show anonymous readers a pending reply (not even its title)", async () => {
    const original = "LS on TLS 1.3 early data in the 5G Service Based Architecture";
    expect(await relationsOf(original, null)).toEqual([]);
    expect(await relationsOf(original, "lm-itu@example.org")).toEqual([]);
  });

  it("shows it to those who may see the pending reply: staff and the 3GPP liaison manager", async () => {
    const original = "LS on TLS 1.3 early data in the 5G Service Based Architecture";
    expect(await relationsOf(original, "secretariat@example.org")).toEqual([`Answered by: ${PENDING_REPLY}`]);
    expect(await relationsOf(original, "lm-3gpp@example.org")).toEqual([`Answered by: ${PENDING_REPLY}`]);
    expect(await relationsOf(PENDING_REPLY, "lm-3gpp@example.org")).toEqual([`In response to: ${original}`]);
  });

  it("shows posted relations in both directions to everyone", async () => {
    expect(await relationsOf("LS on Security considerations for MPQUIC", null)).toEqual([
      "Answered by: Reply LS on Security considerations for MPQUIC",
    ]);
    expect(await relationsOf("Reply LS on Security considerations for MPQUIC", null)).toEqual([
      "In response to: LS on Security considerations for MPQUIC",
    ]);
  });
});

describe("legacy Datatracker links", () => {
  const call = (id: string) =>
    legacyStatement(new Request(`http://localhost/liaison/${id}`), { params: Promise.resolve({ id }) });

  it("redirect /liaison/<id> permanently to /statements/<id>", async () => {
    const response = await call("1234");
    expect(response.status).toBe(308);
    expect(response.headers.get("location")).toBe("/statements/1234");
  });

  it("answer 404 for what is not a statement number", async () => {
    for (const id of ["abc", "0", "-1", "12abc", "99999999999999999999"]) expect((await call(id)).status).toBe(404);
  });

  it("redirect the old list to /statements", () => {
    const response = legacyList();
    expect(response.status).toBe(308);
    expect(response.headers.get("location")).toBe("/statements");
  });
});
