import { describe, expect, it } from "vitest";
import { child, childrenNamed, parseXml, XmlError } from "../../../tests/support/xml-well-formed";
import { ATOM_NS, type AtomEntry, type AtomFeed, atomDate, escapeXml, renderAtomFeed } from "./atom";

const HOSTILE_TITLE = `<script>alert("x")</script> & <b>bold</b> 'quoted' ]]> \u0001\u000b\uFFFE`;
const HOSTILE_BODY = `Line one <img src=x onerror=alert(1)>\n\n  indented & kept\r\nA&B; &amp; <![CDATA[ x ]]>\u0000`;

function entry(overrides: Partial<AtomEntry> = {}): AtomEntry {
  return {
    id: "https://liaisons.example.org/statements/7",
    title: "LS on Security considerations for MPQUIC",
    url: "https://liaisons.example.org/statements/7",
    published: new Date("2025-03-04T10:11:12.345Z"),
    updated: new Date("2025-03-05T00:00:00Z"),
    authors: [{ name: "3GPP TSG SA", uri: "https://liaisons.example.org/directory/3gpp" }],
    categories: [
      { term: "action", scheme: "https://liaisons.example.org/purpose", label: "For action" },
      { term: "incoming", scheme: "https://liaisons.example.org/direction", label: "Incoming" },
    ],
    summary: "For action, deadline 2025-04-01",
    content: "Body\n  as entered",
    ...overrides,
  };
}

function feed(overrides: Partial<AtomFeed> = {}): AtomFeed {
  return {
    id: "https://liaisons.example.org/feeds/statements.atom?from=3gpp",
    title: "Liaison statements from 3GPP",
    selfUrl: "https://liaisons.example.org/feeds/statements.atom?from=3gpp&x=1",
    alternateUrl: "https://liaisons.example.org/directory/3gpp",
    author: { name: "IETF Liaison Statements" },
    entries: [
      entry(),
      entry({ id: "https://liaisons.example.org/statements/8", updated: new Date("2025-06-01T08:00:00Z") }),
    ],
    ...overrides,
  };
}

describe("escapeXml", () => {
  it.each([
    ["&", "&amp;"],
    ["<", "&lt;"],
    [">", "&gt;"],
    ['"', "&quot;"],
    ["'", "&apos;"],
    ["&amp;", "&amp;amp;"],
    ["a\u0000b\u0008c\u001fd", "abcd"],
    ["tab\tnl\ncr\r", "tab\tnl\ncr\r"],
    ["\uD800 lone surrogate", " lone surrogate"],
    ["emoji 😀 é", "emoji 😀 é"],
  ])("%j → %j", (input, output) => {
    expect(escapeXml(input)).toBe(output);
  });
});

describe("atomDate", () => {
  it("is RFC 3339 in UTC with whole seconds", () => {
    expect(atomDate(new Date("2025-03-04T10:11:12.345Z"))).toBe("2025-03-04T10:11:12Z");
  });
});

describe("renderAtomFeed", () => {
  it("is a well-formed Atom 1.0 document with the required feed elements", () => {
    const xml = renderAtomFeed(feed());
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n')).toBe(true);
    const root = parseXml(xml);
    expect(root.name).toBe("feed");
    expect(root.attributes.xmlns).toBe(ATOM_NS);
    expect(child(root, "id").text).toBe("https://liaisons.example.org/feeds/statements.atom?from=3gpp");
    expect(child(root, "title").text).toBe("Liaison statements from 3GPP");
    // the feed is as new as its newest entry
    expect(child(root, "updated").text).toBe("2025-06-01T08:00:00Z");
    const links = childrenNamed(root, "link").map((l) => l.attributes);
    expect(links).toContainEqual({
      rel: "self",
      type: "application/atom+xml",
      href: "https://liaisons.example.org/feeds/statements.atom?from=3gpp&x=1",
    });
    expect(links).toContainEqual({
      rel: "alternate",
      type: "text/html",
      href: "https://liaisons.example.org/directory/3gpp",
    });
    expect(child(child(root, "author"), "name").text).toBe("IETF Liaison Statements");
    expect(childrenNamed(root, "entry")).toHaveLength(2);
  });

  it("gives every entry id, title, link, published, updated, author, categories, summary and content", () => {
    const [first] = childrenNamed(parseXml(renderAtomFeed(feed())), "entry");
    if (!first) throw new Error("no entry");
    expect(child(first, "id").text).toBe("https://liaisons.example.org/statements/7");
    expect(child(first, "title").attributes.type).toBe("text");
    expect(child(first, "link").attributes).toEqual({
      rel: "alternate",
      type: "text/html",
      href: "https://liaisons.example.org/statements/7",
    });
    expect(child(first, "published").text).toBe("2025-03-04T10:11:12Z");
    expect(child(first, "updated").text).toBe("2025-03-05T00:00:00Z");
    expect(child(child(first, "author"), "name").text).toBe("3GPP TSG SA");
    expect(child(child(first, "author"), "uri").text).toBe("https://liaisons.example.org/directory/3gpp");
    expect(childrenNamed(first, "category").map((c) => c.attributes.label)).toEqual(["For action", "Incoming"]);
    expect(child(first, "summary").text).toBe("For action, deadline 2025-04-01");
    expect(child(first, "content").attributes.type).toBe("text");
    expect(child(first, "content").text).toBe("Body\n  as entered");
  });

  it("turns markup in titles, bodies, names and URLs into inert text that reads back exactly", () => {
    const xml = renderAtomFeed(
      feed({
        title: HOSTILE_TITLE,
        selfUrl: 'https://x.example/feeds/statements.atom?from=a"b&to=<c>',
        entries: [
          entry({
            title: HOSTILE_TITLE,
            content: HOSTILE_BODY,
            summary: HOSTILE_TITLE,
            authors: [{ name: "<i>WG</i> & co" }],
          }),
        ],
      }),
    );
    expect(xml).not.toMatch(/<script|<img|<b>|<i>|<!\[CDATA\[/);
    const root = parseXml(xml);
    const expectedTitle = `<script>alert("x")</script> & <b>bold</b> 'quoted' ]]> `;
    expect(child(root, "title").text).toBe(expectedTitle);
    const [only] = childrenNamed(root, "entry");
    if (!only) throw new Error("no entry");
    expect(child(only, "title").text).toBe(expectedTitle);
    expect(child(only, "content").text).toBe(HOSTILE_BODY.replace("\u0000", ""));
    expect(child(child(only, "author"), "name").text).toBe("<i>WG</i> & co");
    expect(childrenNamed(root, "link").find((l) => l.attributes.rel === "self")?.attributes.href).toBe(
      'https://x.example/feeds/statements.atom?from=a"b&to=<c>',
    );
  });

  it("is still valid with no entries (updated falls back to the given date)", () => {
    const root = parseXml(renderAtomFeed(feed({ entries: [], emptyUpdated: new Date("2024-01-01T00:00:00Z") })));
    expect(childrenNamed(root, "entry")).toHaveLength(0);
    expect(child(root, "updated").text).toBe("2024-01-01T00:00:00Z");
  });
});

// The checker the tests above rely on must itself reject what is not XML, or they could not fail.
describe("the test's XML checker", () => {
  it.each([
    ["unbalanced", "<a><b></a></b>"],
    ["unclosed", "<a><b></b>"],
    ["bare ampersand", "<a>x & y</a>"],
    ["raw less-than in text", "<a>1 < 2</a>"],
    ["raw less-than in attribute", '<a href="<x>"/>'],
    ["unknown entity", "<a>&nbsp;</a>"],
    ["unquoted attribute", "<a href=x/>"],
    ["duplicate attribute", '<a x="1" x="2"/>'],
    ["two roots", "<a/><b/>"],
    ["text after root", "<a/>tail"],
    ["control character", "<a>\u0001</a>"],
    ["]]> in text", "<a>]]></a>"],
    ["reference to a forbidden character", "<a>&#1;</a>"],
  ])("rejects %s", (_label, xml) => {
    expect(() => parseXml(xml)).toThrow(XmlError);
  });

  it("accepts and decodes references, comments and CDATA", () => {
    const root = parseXml(
      '<?xml version="1.0" encoding="utf-8"?>\n<!-- c --><a t="&quot;&#x41;">&lt;&amp;&#66;<![CDATA[<x>]]><b/></a>\n',
    );
    expect(root.attributes.t).toBe('"A');
    expect(root.text).toBe("<&B<x>");
    expect(root.children.map((c) => c.name)).toEqual(["b"]);
  });
});
