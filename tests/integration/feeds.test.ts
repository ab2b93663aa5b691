import { describe, expect, it } from "vitest";
import { GET } from "@/app/feeds/statements.atom/route";
import { ATOM_NS } from "@/server/archive/atom";
import { FEED_SIZE } from "@/server/archive/feed";
import { PUBLIC_STATEMENT_WHERE } from "@/server/archive/visibility";
import { groupId, setupDemoWorld } from "../support/demo-world";
import { testEngine } from "../support/test-database";
import { child, childrenNamed, parseXml, type XmlElement } from "../support/xml-well-formed";

const world = setupDemoWorld();
const APP = "http://localhost:3000";

async function fetchFeed(query = "", headers: Record<string, string> = {}) {
  return GET(new Request(`${APP}/feeds/statements.atom${query}`, { headers }));
}

/** The feed at `query`, parsed by a strict XML parser (throws when it is not well-formed). */
async function feed(query = ""): Promise<{ root: XmlElement; entries: XmlElement[]; xml: string }> {
  const response = await fetchFeed(query);
  expect(response.status, `GET /feeds/statements.atom${query}`).toBe(200);
  const xml = await response.text();
  const root = parseXml(xml);
  return { root, entries: childrenNamed(root, "entry"), xml };
}

const entryIds = (entries: XmlElement[]) => entries.map((e) => Number(child(e, "id").text.split("/").pop()));

async function statementsWhere(where: object) {
  return world().prisma.statement.findMany({
    where,
    include: { groups: { include: { group: { include: { organization: true } } } } },
  });
}

async function nonPublic() {
  return statementsWhere({ NOT: PUBLIC_STATEMENT_WHERE });
}

describe(`Atom feeds (${testEngine})`, () => {
  it("serves the latest public statements as Atom 1.0 with caching headers", async () => {
    const response = await fetchFeed();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
    expect(response.headers.get("cache-control")).toMatch(/public, max-age=\d+/);
    expect(response.headers.get("etag")).toMatch(/^"[A-Za-z0-9_-]+"$/);

    const { root, entries } = await feed();
    expect(root.name).toBe("feed");
    expect(root.attributes.xmlns).toBe(ATOM_NS);
    expect(child(root, "id").text).toBe(`${APP}/feeds/statements.atom`);
    expect(child(root, "title").text).toBe("IETF and IAB liaison statements");
    const links = childrenNamed(root, "link").map((l) => l.attributes);
    expect(links).toContainEqual({ rel: "self", type: "application/atom+xml", href: `${APP}/feeds/statements.atom` });
    expect(links).toContainEqual({ rel: "alternate", type: "text/html", href: `${APP}/statements` });

    const publicRows = await statementsWhere(PUBLIC_STATEMENT_WHERE);
    expect(entries).toHaveLength(Math.min(FEED_SIZE, publicRows.length));
    const newestFirst = [...publicRows].sort(
      (a, b) => (b.postedAt?.getTime() ?? 0) - (a.postedAt?.getTime() ?? 0) || b.id - a.id,
    );
    expect(entryIds(entries)).toEqual(newestFirst.slice(0, FEED_SIZE).map((s) => s.id));
    // the feed is as new as its newest entry
    expect(child(root, "updated").text).toBe(`${newestFirst[0]?.postedAt?.toISOString().slice(0, 19)}Z`);
  });

  it("gives every entry the Atom elements: id, title, link, dates, From groups as authors, categories, text content", async () => {
    const { entries } = await feed();
    const mpquic = await world().prisma.statement.findFirstOrThrow({
      where: { title: "LS on Security considerations for MPQUIC" },
    });
    for (const entry of entries) {
      const id = child(entry, "id").text;
      expect(id).toMatch(new RegExp(`^${APP}/statements/\\d+$`));
      expect(child(entry, "link").attributes).toEqual({ rel: "alternate", type: "text/html", href: id });
      expect(child(entry, "published").text).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(child(entry, "updated").text >= child(entry, "published").text).toBe(true);
      expect(childrenNamed(entry, "author").length).toBeGreaterThan(0);
      expect(childrenNamed(entry, "category").map((c) => c.attributes.scheme)).toEqual([
        `${APP}/feeds/statements.atom#purpose`,
        `${APP}/feeds/statements.atom#direction`,
      ]);
      expect(child(entry, "content").attributes.type).toBe("text");
      expect(child(entry, "summary").attributes.type).toBe("text");
    }
    const entry = entries.find((e) => child(e, "id").text === `${APP}/statements/${mpquic.id}`);
    if (!entry) throw new Error("the MPQUIC LS is not in the feed");
    expect(child(entry, "title").text).toBe("LS on Security considerations for MPQUIC");
    expect(child(child(entry, "author"), "name").text).toBe("3GPP TSG SA (Service and System Aspects)");
    expect(child(child(entry, "author"), "uri").text).toBe(`${APP}/directory/3gpp`);
    expect(childrenNamed(entry, "category").map((c) => [c.attributes.term, c.attributes.label])).toEqual([
      ["action", "For action"],
      ["incoming", "Incoming"],
    ]);
    const content = child(entry, "content").text;
    expect(content).toContain("From: 3GPP TSG SA (Service and System Aspects)\nTo: QUIC\nPurpose: For action\n");
    expect(content).toContain("Other identifiers: SP-240987, S3-242671");
    expect(content).toMatch(
      new RegExp(`SP-240987 LS on Security considerations for MPQUIC: ${APP}/statements/${mpquic.id}/attachments/\\d+`),
    );
    // the body exactly as entered, line breaks and indentation kept
    expect(content).toContain(mpquic.body);
  });

  it("never shows a draft, pending, approved or never-posted withdrawn statement, in any feed", async () => {
    const hidden = await nonPublic();
    expect(hidden.map((s) => s.state)).toEqual(expect.arrayContaining(["draft", "pending", "approved", "withdrawn"]));
    const queries = [
      "",
      "?from=3gpp",
      "?to=3gpp",
      "?from=ietf",
      "?to=ietf",
      "?from=quic",
      "?to=3gpp-tsgct-ct4",
      "?from=tls",
      "?to=3gpp-tsgsa-sa3",
    ];
    for (const query of queries) {
      const { entries, xml } = await feed(query);
      const ids = entryIds(entries);
      const entryTitles = entries.map((e) => child(e, "title").text);
      for (const statement of hidden) {
        expect(ids, `${statement.state} #${statement.id} in ${query || "the main feed"}`).not.toContain(statement.id);
        expect(entryTitles).not.toContain(statement.title);
      }
      for (const title of [
        "LS on QoS monitoring for low-latency services",
        "Reply LS on TLS 1.3 early data in the 5G Service Based Architecture",
      ]) {
        expect(xml).not.toContain(title);
      }
    }
  });

  it("filters by organization acronym (every group of it), on either side", async () => {
    const from = await feed("?from=3gpp");
    expect(child(from.root, "title").text).toBe("Liaison statements from 3GPP");
    expect(child(from.root, "id").text).toBe(`${APP}/feeds/statements.atom?from=3gpp`);
    expect(childrenNamed(from.root, "link").find((l) => l.attributes.rel === "alternate")?.attributes.href).toBe(
      `${APP}/directory/3gpp`,
    );
    const expectedFrom = (await statementsWhere(PUBLIC_STATEMENT_WHERE)).filter((s) =>
      s.groups.some((g) => g.side === "from" && g.group.organization.acronym === "3gpp"),
    );
    expect(new Set(entryIds(from.entries))).toEqual(new Set(expectedFrom.map((s) => s.id)));
    expect(from.entries.map((e) => child(e, "title").text)).toContain("LS on Security considerations for MPQUIC");

    const to = await feed("?to=3GPP");
    const toTitles = to.entries.map((e) => child(e, "title").text);
    expect(toTitles).toContain("Reply LS on Security considerations for MPQUIC");
    expect(toTitles).not.toContain("LS on Security considerations for MPQUIC");
    expect(child(to.root, "id").text).toBe(`${APP}/feeds/statements.atom?to=3gpp`);
  });

  it("filters by group acronym, and by both sides at once", async () => {
    const quic = await groupId(world(), "quic");
    const { entries } = await feed("?from=quic");
    const expected = (await statementsWhere(PUBLIC_STATEMENT_WHERE)).filter((s) =>
      s.groups.some((g) => g.side === "from" && g.groupId === quic),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(new Set(entryIds(entries))).toEqual(new Set(expected.map((s) => s.id)));

    const both = await feed("?from=3gpp-tsg-sa&to=quic");
    expect(both.entries.map((e) => child(e, "title").text)).toEqual(["LS on Security considerations for MPQUIC"]);
    expect(child(both.root, "title").text).toBe(
      "Liaison statements from 3GPP TSG SA (Service and System Aspects) to QUIC",
    );
  });

  it("answers 404 with a plain message for an unknown acronym", async () => {
    for (const query of ["?from=nosuchgroup", "?to=nosuchgroup", "?from=3gpp&to=nosuchgroup"]) {
      const response = await fetchFeed(query);
      expect(response.status).toBe(404);
      expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
      expect(await response.text()).toMatch(/No group or organization has the acronym "nosuchgroup"/);
    }
  });

  it("answers 304 to a matching If-None-Match, and a new ETag once the feed changes", async () => {
    const first = await fetchFeed("?to=quic");
    const etag = first.headers.get("etag") ?? "";
    const again = await fetchFeed("?to=quic", { "If-None-Match": etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect((await fetchFeed("?to=quic", { "If-None-Match": `W/${etag}, "other"` })).status).toBe(304);
    expect((await fetchFeed("?to=quic", { "If-None-Match": '"stale"' })).status).toBe(200);
    expect((await fetchFeed("?from=quic")).headers.get("etag")).not.toBe(etag);
  });

  it("escapes titles and bodies so markup in them comes out as inert text", async () => {
    const db = world().prisma;
    const submitter = await db.person.findFirstOrThrow();
    const hostileTitle = `<script>alert("feed")</script> & <b>Bold</b> ]]> test \u0007`;
    const hostileBody = `<img src=x onerror="alert(1)">\n  Indented & kept\n<![CDATA[ no ]]> &amp; \u0001end`;
    const posted = await db.statement.create({
      data: {
        direction: "incoming",
        state: "posted",
        title: hostileTitle,
        purpose: "information",
        body: hostileBody,
        otherIdentifiers: ["<x>&"],
        submitterId: submitter.id,
        postedAt: new Date(Date.now() + 60_000),
        groups: {
          create: [
            { groupId: await groupId(world(), "w3c"), side: "from" },
            { groupId: await groupId(world(), "httpbis"), side: "to" },
          ],
        },
      },
    });
    const { entries, xml } = await feed("?from=w3c");
    expect(xml).not.toMatch(/<script|<img|<b>|<!\[CDATA\[/);
    expect(xml).toContain("&lt;script&gt;alert(&quot;feed&quot;)&lt;/script&gt; &amp; &lt;b&gt;Bold&lt;/b&gt;");
    const [entry] = entries;
    if (!entry) throw new Error("no entry");
    expect(child(entry, "id").text).toBe(`${APP}/statements/${posted.id}`);
    expect(child(entry, "title").text).toBe(hostileTitle.replace("\u0007", ""));
    expect(child(entry, "content").text).toContain(hostileBody.replace("\u0001", ""));
    expect(child(entry, "content").text).toContain("Other identifiers: <x>&");
  });

  it("carries at most 50 statements, the newest by posted date, and never a newer pending one", async () => {
    const db = world().prisma;
    const submitter = await db.person.findFirstOrThrow();
    const [from, to] = [await groupId(world(), "bbf"), await groupId(world(), "6man")];
    const base = Date.now() + 120_000;
    for (let i = 0; i < FEED_SIZE + 5; i++) {
      await db.statement.create({
        data: {
          direction: "incoming",
          state: "posted",
          title: `Bulk LS ${i}`,
          purpose: "information",
          body: "x",
          submitterId: submitter.id,
          postedAt: new Date(base + i * 1000),
          groups: {
            create: [
              { groupId: from, side: "from" },
              { groupId: to, side: "to" },
            ],
          },
        },
      });
    }
    await db.statement.create({
      data: {
        direction: "outgoing",
        state: "pending",
        title: "Pending but newest LS",
        purpose: "information",
        body: "x",
        submitterId: submitter.id,
        submittedAt: new Date(base + 10 * 60_000),
        createdAt: new Date(base + 10 * 60_000),
        groups: {
          create: [
            { groupId: to, side: "from" },
            { groupId: from, side: "to" },
          ],
        },
      },
    });
    const { entries, xml } = await feed();
    expect(entries).toHaveLength(FEED_SIZE);
    const titles = entries.map((e) => child(e, "title").text);
    expect(titles[0]).toBe(`Bulk LS ${FEED_SIZE + 4}`);
    expect(titles.at(-1)).toBe("Bulk LS 5");
    expect(xml).not.toContain("Pending but newest LS");
    expect((await feed("?to=bbf")).xml).not.toContain("Pending but newest LS");
  });
});
