/**
 * Issue 16, search: what readers type finds the statement — a draft name that sits inside a link in the body,
 * the number of a peer's document without its prefix (240987 for SP-240987) — and the snippet under a
 * result is the statement's text, not its identifiers and contact addresses again. PGlite and PostgreSQL
 * (TEST_DATABASE_URL), through the same trigger-maintained vector the archive uses.
 */
import { describe, expect, it } from "vitest";
import type { Prisma } from "@/generated/prisma/client";
import type { ArchiveFilters } from "@/server/archive/filters";
import { searchStatements } from "@/server/archive/search";
import { createStatement } from "../fixtures/factories";
import { setupDemoWorld } from "../support/demo-world";

const db = setupDemoWorld();
const search = (filters: Partial<ArchiveFilters>) => searchStatements({ page: 1, pageSize: 100, ...filters });
const ids = async (q: string) => (await search({ q })).items.map((i) => i.id);
const text = (segments: { text: string }[] | undefined) => (segments ?? []).map((s) => s.text).join("");
const marks = (segments: { text: string; isMatch: boolean }[] | undefined) =>
  (segments ?? []).filter((s) => s.isMatch).map((s) => s.text);

async function posted(overrides: Partial<Prisma.StatementCreateManyInput>) {
  const groups = await db().prisma.group.findMany({ where: { acronym: { in: ["quic", "3gpp-tsg-sa"] } } });
  const id = (acronym: string) => groups.find((g) => g.acronym === acronym)!.id;
  const submitter = await db().prisma.emailAddress.findUniqueOrThrow({ where: { address: "lm-3gpp@example.org" } });
  return createStatement(
    db().prisma,
    { submitterId: submitter.personId, from: [id("3gpp-tsg-sa")], to: [id("quic")] },
    { direction: "incoming", state: "posted", postedAt: new Date("2021-03-01T10:00:00Z"), ...overrides },
  );
}

describe("search finds what readers type", () => {
  it("a draft name inside a link in the body, with or without its version, and the words of the link", async () => {
    const s = await posted({
      title: "LS on path management",
      body:
        "Please review https://datatracker.ietf.org/doc/draft-ietf-quic-multipath/ and\n" +
        "<https://www.ietf.org/archive/id/draft-ietf-quic-ack-frequency-11.html> before the meeting.",
    });
    expect(await ids("draft-ietf-quic-multipath")).toContain(s.id);
    expect(await ids("draft-ietf-quic-ack-frequency")).toContain(s.id);
    expect(await ids("draft-ietf-quic-ack-frequency-11")).toContain(s.id);
    expect(await ids("multipath datatracker")).toContain(s.id);
    expect(await ids("draft-ietf-quic-nonexistent")).not.toContain(s.id);
  });

  it("the numeric part of another identifier (240987 for SP-240987), and the whole identifier still", async () => {
    const seeded = await db().prisma.statement.findMany({
      where: { otherIdentifiers: { has: "SP-240987" }, state: "posted" },
      select: { id: true },
    });
    expect(seeded.length).toBeGreaterThan(0);
    const byNumber = await ids("240987");
    for (const { id } of seeded) expect(byNumber).toContain(id);
    expect(await ids("SP-240987")).toEqual(expect.arrayContaining(seeded.map((r) => r.id)));
    const s = await posted({ title: "LS on timers", otherIdentifiers: ["COM13-LS54", "S2-2107731"] });
    expect(await ids("2107731")).toEqual([s.id]);
    expect(await ids("LS54")).toContain(s.id);
    expect(await ids("2107732")).toEqual([]);
  });

  it("the list shows a matched identifier once, marked, and the snippet holds the text, not identifiers or addresses", async () => {
    const s = await posted({
      title: "LS on flow control",
      otherIdentifiers: ["S2-2309911"],
      fromContact: ["Kestrel Expert <kestrel@example.org>"],
      toContact: ["quic@ietf.org"],
      body: "The kestrel study group asks about S2-2309911 flow control limits.",
    });
    const [byId] = (await search({ q: "S2-2309911" })).items;
    expect(byId?.id).toBe(s.id);
    expect(marks(byId?.highlights?.identifiers)).toEqual(["S2-2309911"]);
    const [byNumber] = (await search({ q: "2309911" })).items;
    expect(marks(byNumber?.highlights?.identifiers)).toEqual(["2309911"]);
    expect(text(byNumber?.highlights?.identifiers)).toBe("S2-2309911");

    const [byWord] = (await search({ q: "kestrel" })).items;
    expect(byWord?.id).toBe(s.id);
    const snippet = text(byWord?.highlights?.snippet);
    expect(snippet).toContain("study group asks");
    expect(snippet).not.toMatch(/@|Kestrel Expert/);
    expect(marks(byWord?.highlights?.identifiers)).toEqual([]);
  });
});
