/**
 * The public archive's list and search (src/server/archive/search.ts) on the demo data, on PGlite and on
 * PostgreSQL (TEST_DATABASE_URL): visibility, identifier search, ranking, filters, sorts, paging, the
 * trigger-maintained search vector, and highlighting that never lets user text become HTML.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { StatementTable } from "@/components/archive/statement-table";
import { Prisma } from "@/generated/prisma/client";
import { apiGetStatement, apiListStatements } from "@/server/archive/api";
import { type ArchiveFilters, SORT_KEYS } from "@/server/archive/filters";
import { descendantsOf } from "@/server/archive/group-filter";
import { findPublicStatementIds, PUBLIC_STATEMENT_SQL } from "@/server/archive/query";
import { searchStatements } from "@/server/archive/search";
import { PUBLIC_STATEMENT_WHERE } from "@/server/archive/visibility";
import { isPublicState } from "@/server/statements/lifecycle";
import { attachmentInput, createStatement } from "../fixtures/factories";
import { setupDemoWorld } from "../support/demo-world";

const db = setupDemoWorld();
const search = (filters: Partial<ArchiveFilters>) => searchStatements({ page: 1, pageSize: 100, ...filters });
const titles = async (filters: Partial<ArchiveFilters>) => (await search(filters)).items.map((i) => i.title);
const matched = (segments: { text: string; isMatch: boolean }[] | undefined) =>
  (segments ?? []).filter((s) => s.isMatch).map((s) => s.text);

/** Every statement that must never be shown publicly: draft, pending, approved, withdrawn before posting. */
async function hiddenStatements() {
  return db().prisma.statement.findMany({
    where: { NOT: PUBLIC_STATEMENT_WHERE },
    select: {
      id: true,
      title: true,
      state: true,
      otherIdentifiers: true,
      body: true,
      direction: true,
      groups: { include: { group: true } },
    },
  });
}

async function groupIds(...acronyms: string[]) {
  const groups = await db().prisma.group.findMany({ where: { acronym: { in: acronyms } } });
  return acronyms.map((a) => {
    const g = groups.find((x) => x.acronym === a);
    if (!g) throw new Error(`no group ${a}`);
    return g.id;
  });
}

async function submitterId() {
  return (await db().prisma.emailAddress.findUniqueOrThrow({ where: { address: "lm-3gpp@example.org" } })).personId;
}

/** A posted statement between quic and 3gpp-tsg-sa with the given fields. */
async function postedStatement(overrides: Partial<Prisma.StatementCreateManyInput>) {
  const [quic, sa] = await groupIds("quic", "3gpp-tsg-sa");
  return createStatement(
    db().prisma,
    { submitterId: await submitterId(), from: [sa as number], to: [quic as number] },
    {
      direction: "incoming",
      state: "posted",
      postedAt: new Date("2020-01-15T10:00:00Z"),
      submittedAt: new Date("2020-01-15T09:00:00Z"),
      ...overrides,
    },
  );
}

describe("visibility", () => {
  it("the SQL public predicate selects exactly the rows PUBLIC_STATEMENT_WHERE does", async () => {
    const viaPrisma = await db().prisma.statement.findMany({ where: PUBLIC_STATEMENT_WHERE, select: { id: true } });
    const viaSql = await db().prisma.$queryRaw<{ id: number }[]>(
      Prisma.sql`SELECT s."id" FROM "Statement" s WHERE ${PUBLIC_STATEMENT_SQL}`,
    );
    const ids = (rows: { id: number }[]) => rows.map((r) => Number(r.id)).sort((a, b) => a - b);
    expect(ids(viaSql)).toEqual(ids(viaPrisma));
    // …and both are the lifecycle's one definition, applied to every row.
    const all = await db().prisma.statement.findMany({ select: { id: true, state: true, postedAt: true } });
    expect(ids(all.filter((s) => isPublicState(s.state, s.postedAt)))).toEqual(ids(viaPrisma));
    expect(all.some((s) => s.state === "withdrawn" && s.postedAt !== null)).toBe(true);
    // The demo data has every kind of statement that must stay hidden, so the checks below can fail.
    const hidden = await hiddenStatements();
    const kinds = new Set(hidden.map((s) => s.state));
    for (const state of ["draft", "pending", "withdrawn"]) expect(kinds).toContain(state);
    expect(hidden.filter((s) => s.state === "withdrawn").length).toBeGreaterThan(0);
    expect(viaPrisma.length).toBeGreaterThan(20);
  });

  it("draft, pending and never-posted withdrawn statements appear in no list, search, filter, sort or API answer", async () => {
    const hidden = await hiddenStatements();
    const hiddenIds = new Set(hidden.map((s) => s.id));
    const seen = new Set<number>();
    const collect = async (filters: Partial<ArchiveFilters>) => {
      for (const item of (await search(filters)).items) seen.add(item.id);
      for (const item of (await apiListStatements({ page: 1, pageSize: 100, ...filters })).items) seen.add(item.id);
    };
    await collect({});
    for (const sort of SORT_KEYS) for (const order of ["asc", "desc"] as const) await collect({ sort, order });
    for (const s of hidden) {
      await collect({ q: s.title });
      await collect({ q: `"${s.title}"` });
      for (const id of s.otherIdentifiers) await collect({ q: id });
      await collect({ q: s.body.split(/\s+/).slice(0, 6).join(" ") });
      for (const g of s.groups) {
        const side = g.side === "from" ? { from: g.group.acronym } : { to: g.group.acronym };
        await collect({ ...side, direction: s.direction });
        await collect({ ...side, actionNeeded: false });
      }
      expect(await apiGetStatement(s.id)).toBeNull();
    }
    for (const purpose of ["information", "action", "response", "comment"] as const) await collect({ purpose });
    await collect({ since: "2000-01-01", until: "2100-01-01" });
    expect([...seen].filter((id) => hiddenIds.has(id))).toEqual([]);
    expect(seen.size).toBeGreaterThan(20);
    // The pending demo statement exists and is findable in the database: the search simply must not show it.
    expect(hidden.map((s) => s.title)).toContain("LS on QUIC connection migration across 3GPP and non-3GPP access");
    expect(await titles({ q: "connection migration" })).not.toContain(
      "LS on QUIC connection migration across 3GPP and non-3GPP access",
    );
  });

  it("a statement withdrawn after posting stays listed, marked withdrawn", async () => {
    const result = await search({ q: "L4S" });
    const withdrawn = result.items.find((i) => i.title === "LS on L4S support in the 5G System");
    expect(withdrawn?.state).toBe("withdrawn");
  });
});

describe("search", () => {
  it("finds a statement by its other identifier, exactly and in any case", async () => {
    for (const q of ["S2-2405678", "s2-2405678", " S2-2405678 "]) {
      expect((await titles({ q }))[0]).toBe("LS on QUIC-based multi-access traffic steering (ATSSS Phase 4)");
    }
    expect(await titles({ q: "SP-240987" })).toEqual(
      expect.arrayContaining([
        "LS on Security considerations for MPQUIC",
        "Reply LS on Security considerations for MPQUIC",
      ]),
    );
    expect(await titles({ q: "S2-9999999" })).toEqual([]);
  });

  // Since 20261206160000_attachment_text_search (ADR 026) contacts and body share a weight (0.1), so that the
  // text inside attachments can weigh less than both; the body's three mentions now outrank one contact.
  it("ranks title matches first, then attachment titles, then contacts and body by their mentions", async () => {
    const word = "Quillwort";
    const inBody = await postedStatement({
      title: "LS one",
      body: `${word} ${word} ${word} appears in the body three times.`,
    });
    const inContact = await postedStatement({ title: "LS two", fromContact: [`${word} Expert <expert@example.org>`] });
    const inAttachment = await postedStatement({ title: "LS three" });
    await db().prisma.attachment.create({
      data: { statementId: inAttachment.id, ...attachmentInput(Buffer.from("x"), { title: `${word} study` }) },
    });
    const inTitle = await postedStatement({ title: `LS on ${word} migration` });
    const result = await search({ q: word.toLowerCase() });
    expect(result.sort).toBe("relevance");
    expect(result.items.map((i) => i.id)).toEqual([inTitle.id, inAttachment.id, inBody.id, inContact.id]);
    expect(result.total).toBe(4);
  });

  // ADR 039: a search counts its matches only up to a cap (the page says "more than"); the order and the
  // pages are those of the exact search, and the API (no cap) still counts exactly.
  it("counts a search's matches up to a cap, pages the same past it, and the API counts exactly", async () => {
    const word = "Saltmarsh";
    const made = [];
    for (let i = 0; i < 5; i++) {
      made.push(
        await postedStatement({
          title: i === 2 ? `LS on ${word} survey` : `LS number ${i}`,
          body: i === 2 ? "" : `The ${word.toLowerCase()} study, part ${i}.`,
          postedAt: new Date(Date.UTC(2021, 0, 1 + i)),
        }),
      );
    }
    const exact = await findPublicStatementIds({ q: word, page: 1, pageSize: 10 });
    expect(exact.total).toBe(5);
    expect(exact.totalIsLowerBound ?? false).toBe(false);
    const order = exact.ids;
    expect(order[0]).toBe(made[2]?.id);
    const capped = await findPublicStatementIds({ q: word, page: 1, pageSize: 2 }, { totalCap: 3 });
    expect(capped).toMatchObject({ total: 3, totalIsLowerBound: true, ids: order.slice(0, 2) });
    const page3 = await findPublicStatementIds({ q: word, page: 3, pageSize: 2 }, { totalCap: 3 });
    expect(page3.ids).toEqual(order.slice(4));
    const notReached = await findPublicStatementIds({ q: word, page: 1, pageSize: 2 }, { totalCap: 5 });
    expect(notReached).toMatchObject({ total: 5, totalIsLowerBound: false });
    expect((await apiListStatements({ q: word, page: 1, pageSize: 2 })).total).toBe(5);
  });

  it("keeps the search vector current when a statement or its attachments change", async () => {
    const s = await postedStatement({ title: "LS on Marram grass", otherIdentifiers: ["XY-1001"] });
    expect(await titles({ q: "marram" })).toEqual(["LS on Marram grass"]);
    await db().prisma.statement.update({
      where: { id: s.id },
      data: { title: "LS on Sedge meadows", otherIdentifiers: ["XY-1002"] },
    });
    expect(await titles({ q: "marram" })).toEqual([]);
    expect(await titles({ q: "sedge" })).toEqual(["LS on Sedge meadows"]);
    expect(await titles({ q: "XY-1001" })).toEqual([]);
    expect(await titles({ q: "XY-1002" })).toEqual(["LS on Sedge meadows"]);

    const attachment = await db().prisma.attachment.create({
      data: { statementId: s.id, ...attachmentInput(Buffer.from("y"), { title: "Bulrush survey" }) },
    });
    expect(await titles({ q: "bulrush" })).toEqual(["LS on Sedge meadows"]);
    await db().prisma.attachment.update({ where: { id: attachment.id }, data: { title: "Cattail survey" } });
    expect(await titles({ q: "bulrush" })).toEqual([]);
    expect(await titles({ q: "cattail" })).toEqual(["LS on Sedge meadows"]);
    await db().prisma.attachment.update({ where: { id: attachment.id }, data: { removedAt: new Date() } });
    expect(await titles({ q: "cattail" })).toEqual([]);

    await db().prisma.statement.update({
      where: { id: s.id },
      data: { toLiaisonContact: "Desk <desk-sedge@example.net>" },
    });
    expect(await titles({ q: "desk-sedge@example.net" })).toEqual(["LS on Sedge meadows"]);
    // A pending statement with the same words is never found.
    await postedStatement({ title: "LS on Sedge meadows, second", state: "pending", postedAt: null });
    expect(await titles({ q: "sedge" })).toEqual(["LS on Sedge meadows"]);
  });

  it("supports phrases and exclusions, and finds nothing for stop words only", async () => {
    expect(await titles({ q: '"Security considerations for MPQUIC"' })).toEqual(
      expect.arrayContaining([
        "LS on Security considerations for MPQUIC",
        "Reply LS on Security considerations for MPQUIC",
      ]),
    );
    const withoutReply = await titles({ q: '"Security considerations for MPQUIC" -reply' });
    expect(withoutReply).toContain("LS on Security considerations for MPQUIC");
    expect(withoutReply).not.toContain("Reply LS on Security considerations for MPQUIC");
    expect((await search({ q: "the of" })).total).toBe(0);
  });
});

describe("highlighting", () => {
  it("marks the matched words in the title and in a snippet", async () => {
    const result = await search({ q: "multipath security" });
    const item = result.items.find((i) => i.title === "LS on Security considerations for MPQUIC");
    expect(matched(item?.highlights?.title)).toEqual(["Security"]);
    expect(item?.highlights?.title.map((s) => s.text).join("")).toBe("LS on Security considerations for MPQUIC");
    // (which fragments ts_headline picks differs between PostgreSQL versions; every mark is a query word)
    const snippetMarks = matched(item?.highlights?.snippet).map((w) => w.toLowerCase());
    expect(snippetMarks.length).toBeGreaterThan(0);
    for (const mark of snippetMarks) expect(["security", "multipath"]).toContain(mark);
    const byIdentifier = await search({ q: "S2-2405678" });
    // the identifier is marked on its own line; the snippet is the body's (tests/integration/search-words.test.ts)
    expect(matched(byIdentifier.items[0]?.highlights?.identifiers)).toEqual(["S2-2405678"]);
    expect((await search({})).items.every((i) => i.highlights === null)).toBe(true);
  });

  it("keeps HTML in titles and bodies inert text, and ignores marker characters in user text", async () => {
    const title = `<script>alert("pwned")</script> Wombat <b>crossing</b> \u0002fake\u0003`;
    await postedStatement({ title, body: `<img src=x onerror=alert(1)> the wombat <i>body</i>` });
    const result = await search({ q: "wombat" });
    const item = result.items[0];
    expect(item?.title).toBe(title);
    expect(matched(item?.highlights?.title)).toEqual(["Wombat"]);
    expect(item?.highlights?.title.map((s) => s.text).join("")).toBe(
      `<script>alert("pwned")</script> Wombat <b>crossing</b> fake`,
    );
    const html = renderToStaticMarkup(
      createElement(StatementTable, {
        items: result.items,
        sort: "relevance",
        order: "desc",
        caption: "Results",
        sortHref: { date: "/d", from: "/f", to: "/t", title: "/ti", deadline: "/dl" },
      }),
    );
    expect(html).toContain("<mark");
    expect(html).toMatch(/<mark[^>]*>Wombat<\/mark>/);
    expect(html).toMatch(/<mark[^>]*>wombat<\/mark>/);
    expect(html).toContain("&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;");
    // (a snippet is a fragment and may start inside the tag; ts_headline drops tag-like tokens in fragments)
    expect(html).toContain("onerror=alert(1)&gt;");
    expect(html).not.toMatch(/<script|<img|<b>|<i>/);
  });
});

describe("filters", () => {
  const publicWhere = (extra: Prisma.StatementWhereInput) => ({ AND: [PUBLIC_STATEMENT_WHERE, extra] });

  it("direction, purpose and action needed select what the database holds", async () => {
    for (const direction of ["incoming", "outgoing"] as const) {
      const result = await search({ direction });
      expect(result.items.every((i) => i.direction === direction)).toBe(true);
      expect(result.total).toBe(await db().prisma.statement.count({ where: publicWhere({ direction }) }));
      expect(result.total).toBeGreaterThan(0);
    }
    const forAction = await search({ purpose: "action" });
    expect(forAction.total).toBeGreaterThan(0);
    expect(forAction.items.every((i) => i.purpose === "action")).toBe(true);
    const needed = await search({ actionNeeded: true });
    expect(needed.total).toBeGreaterThan(0);
    expect(needed.items.every((i) => i.actionStatus === "needed")).toBe(true);
    expect((await search({ actionNeeded: false })).items.some((i) => i.actionStatus === "needed")).toBe(false);
  });

  it("From/To take a group (with its sub-groups) or an organization (all its groups)", async () => {
    const from3gpp = await search({ from: "3gpp" });
    expect(from3gpp.total).toBeGreaterThan(2);
    expect(from3gpp.items.every((i) => i.from.some((g) => g.acronym.startsWith("3gpp")))).toBe(true);
    // 3GPP TSG SA includes SA2 and SA3
    const fromSa = await search({ from: "3gpp-tsg-sa" });
    const fromAcronyms = new Set(fromSa.items.flatMap((i) => i.from.map((g) => g.acronym)));
    expect(fromAcronyms).toEqual(new Set(["3gpp-tsg-sa", "3gpp-tsgsa-sa2", "3gpp-tsgsa-sa3"]));
    // the WIT area includes its WGs; a WG alone only itself
    const toWit = await titles({ to: "wit" });
    expect(toWit).toContain("LS on QUIC-based multi-access traffic steering (ATSSS Phase 4)");
    const toQuic = await search({ to: "QUIC" });
    expect(toQuic.items.every((i) => i.to.some((g) => g.acronym === "quic"))).toBe(true);
    expect(toQuic.total).toBeLessThan(toWit.length);
    expect((await search({ from: "no-such-group" })).total).toBe(0);
    expect(
      (await search({ from: "3gpp", to: "quic" })).items.every((i) => i.to.some((g) => g.acronym === "quic")),
    ).toBe(true);
  });

  it("the group tree expansion follows parents, organizations, and survives a cycle", () => {
    const org = (acronym: string) => ({ organization: { acronym } });
    const groups = [
      { id: 1, acronym: "area", parentId: null, ...org("ietf") },
      { id: 2, acronym: "wg", parentId: 1, ...org("ietf") },
      { id: 3, acronym: "sub", parentId: 2, ...org("ietf") },
      { id: 4, acronym: "x", parentId: 5, ...org("sdo") },
      { id: 5, acronym: "y", parentId: 4, ...org("sdo") },
    ];
    expect(descendantsOf(groups, "area")).toEqual([1, 2, 3]);
    expect(descendantsOf(groups, "wg")).toEqual([2, 3]);
    expect(descendantsOf(groups, "sdo")).toEqual([4, 5]);
    expect(descendantsOf(groups, "x")).toEqual([4, 5]);
    expect(descendantsOf(groups, "nothing")).toEqual([]);
  });

  it("the posted date range includes both ends (UTC days)", async () => {
    const a = await postedStatement({ title: "LS dated first", postedAt: new Date("2019-03-01T00:00:00Z") });
    const b = await postedStatement({ title: "LS dated last", postedAt: new Date("2019-03-31T23:59:59Z") });
    await postedStatement({ title: "LS dated after", postedAt: new Date("2019-04-01T00:00:00Z") });
    await postedStatement({ title: "LS dated before", postedAt: new Date("2019-02-28T23:59:59Z") });
    const result = await search({ since: "2019-03-01", until: "2019-03-31" });
    expect(result.items.map((i) => i.id).sort()).toEqual([a.id, b.id].sort());
    expect((await search({ since: "2019-03-01", until: "2019-04-01" })).total).toBe(3);
  });
});

describe("sorting and paging", () => {
  const byC = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

  it("defaults to newest first", async () => {
    const result = await search({});
    expect(result.sort).toBe("date");
    const dates = result.items.map((i) => i.postedAt?.getTime() ?? 0);
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
  });

  it("sorts by title, From, To and deadline, both ways", async () => {
    const asc = (await search({ sort: "title", order: "asc" })).items.map((i) => i.title.toLowerCase());
    expect(asc).toEqual([...asc].sort(byC));
    const desc = (await search({ sort: "title", order: "desc" })).items.map((i) => i.title.toLowerCase());
    expect(desc).toEqual([...asc].sort(byC).reverse());
    for (const side of ["from", "to"] as const) {
      const firsts = (await search({ sort: side })).items.map((i) => i[side][0]?.acronym ?? "");
      expect(firsts).toEqual([...firsts].sort(byC));
      const reversed = (await search({ sort: side, order: "desc" })).items.map((i) => i[side][0]?.acronym ?? "");
      expect(reversed).toEqual([...firsts].sort(byC).reverse());
    }
    const deadlines = (await search({ sort: "deadline" })).items.map(
      (i) => i.deadline?.getTime() ?? Number.POSITIVE_INFINITY,
    );
    expect(deadlines).toEqual([...deadlines].sort((a, b) => a - b));
    expect(deadlines[0]).toBeLessThan(Number.POSITIVE_INFINITY);
    const late = (await search({ sort: "deadline", order: "desc" })).items;
    expect(late[0]?.deadline).not.toBeNull();
    expect(late.at(-1)?.deadline).toBeNull();
  });

  it("pages of 50 by default; the pages together are the whole list", async () => {
    const all = await search({});
    const page1 = await searchStatements({ page: 1, pageSize: 50 });
    expect(page1.pageSize).toBe(50);
    expect(page1.items.length).toBe(Math.min(50, all.total));
    const pageSize = 7;
    const pages = Math.ceil(all.total / pageSize);
    const ids: number[] = [];
    for (let page = 1; page <= pages; page++) {
      const result = await searchStatements({ page, pageSize });
      expect(result.total).toBe(all.total);
      ids.push(...result.items.map((i) => i.id));
    }
    expect(ids).toEqual(all.items.map((i) => i.id));
    expect((await searchStatements({ page: pages + 1, pageSize })).items).toEqual([]);
  });
});
