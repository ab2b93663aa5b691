import { describe, expect, it } from "vitest";
import { groupPage } from "@/server/archive/group-page";
import { setupDemoWorld } from "../support/demo-world";
import { testEngine } from "../support/test-database";

const world = setupDemoWorld();

describe(`every group has a liaison page: /directory/<group> (issue 15 §6, ${testEngine})`, () => {
  it("QUIC: the group, its chairs, its approvers, its public statements both ways newest first, its peers", async () => {
    const page = await groupPage("quic");
    if (!page) throw new Error("no page for quic");
    expect(page.group).toMatchObject({ acronym: "quic", name: "QUIC", organization: { acronym: "ietf" } });
    expect(page.group.parent?.acronym).toBe("wit");
    expect(page.chairs.map((c) => c.name)).toContain("Quentin Hale");
    expect(page.approvers.label).toBe("An AD of Web and Internet Transport");
    expect(page.approvers.people.map((p) => p.name).sort()).toEqual(["Ada Lindqvist", "Tomás Novak"]);

    const db = world().prisma;
    const expected = await db.statement.findMany({
      where: {
        groups: { some: { group: { acronym: "quic" } } },
        OR: [{ state: "posted" }, { state: "withdrawn", postedAt: { not: null } }],
      },
      orderBy: [{ postedAt: "desc" }, { id: "desc" }],
      select: { id: true, direction: true },
    });
    expect(page.statements.map((s) => s.id)).toEqual(expected.map((s) => s.id));
    expect(new Set(page.statements.map((s) => s.direction))).toEqual(new Set(["incoming", "outgoing"]));
    // Non-public statements never show, whoever asks: the page is the same for everyone.
    const hidden = await db.statement.findMany({
      where: { state: { in: ["draft", "pending"] }, groups: { some: { group: { acronym: "quic" } } } },
    });
    for (const h of hidden) expect(page.statements.map((s) => s.id)).not.toContain(h.id);
    expect(page.statements.some((s) => s.actionStatus === "needed")).toBe(true);
    expect(page.peers.map((p) => p.acronym)).toContain("3gpp-tsgsa-sa2");
    expect(page.peers.find((p) => p.acronym === "3gpp-tsgsa-sa2")?.organization.acronym).toBe("3gpp");
  });

  it("research groups and the IAB: approvers are the IAB Chair; a research group says it does not send statements", async () => {
    const cfrg = await groupPage("cfrg");
    expect(cfrg?.approvers.people.map((p) => p.name)).toEqual(["Ibrahim Adeyemi"]);
    expect(cfrg?.originates).toBe(false);
    expect((await groupPage("quic"))?.originates).toBe(true);
  });

  it("an external group has a page too; an unknown acronym has none", async () => {
    const sa2 = await groupPage("3gpp-tsgsa-sa2");
    expect(sa2?.group.organization.acronym).toBe("3gpp");
    expect(sa2?.approvers.people).toEqual([]);
    expect(sa2?.peers.map((p) => p.acronym)).toContain("quic");
    expect(await groupPage("no-such-group")).toBeNull();
  });
});
