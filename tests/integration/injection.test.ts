/**
 * Issue #8 item 3 — injection. One incoming statement is recorded and posted through the form's real
 * pipeline with markup, script, `javascript:` URLs, forged highlight markers and header-injection attempts
 * in every free-text field; then each sink is checked (the pages themselves are e2e/injection.spec.ts):
 *  - Atom feed: well-formed, only Atom elements, text constructs of type "text", every link http(s);
 *  - JSON API: the values come back as data, exactly, with a JSON content type;
 *  - mail: the real .eml (MailComposer through the file transport) parsed by mailparser carries exactly
 *    the recipients of the outbox row, no Bcc or other extra header, a one-line Subject;
 *  - search highlighting: forged markers stripped, matches only where the query matched, rendered as text;
 *  - body linkifier: only http(s) URLs become links, never `javascript:`/`data:`/`vbscript:`.
 */
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { simpleParser } from "mailparser";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { FormState } from "@/lib/form-state";
import type { Actor } from "@/server/authz/types";
import { actorFor, groupId, setupDemoWorld } from "../support/demo-world";
import { testEngine } from "../support/test-database";
import { childrenNamed, parseXml, type XmlElement } from "../support/xml-well-formed";

const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/server/auth/actor", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/server/auth/actor")>()),
  currentActor: async () => session.actor,
}));
vi.mock("next/headers", () => ({ headers: async () => new Headers() }));

const { handleSaveStatement } = await import("@/actions/statement-form");
const { GET: feedRoute } = await import("@/app/feeds/statements.atom/route");
const { GET: apiList } = await import("@/app/api/v1/statements/route");
const { GET: apiOne } = await import("@/app/api/v1/statements/[id]/route");
const { searchStatements } = await import("@/server/archive/search");
const { fileTransport, toMessage } = await import("@/server/mail/transport");
const { Highlighted } = await import("@/components/archive/highlighted");
const { LinkifiedText } = await import("@/components/statements/linkified-text");

const world = setupDemoWorld();

// ---- the payloads ----------------------------------------------------------------------------------------

const TITLE = `Zqxpwned <script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"> & 'javascript:alert(3)' \u0002forged\u0003 mark`;
const BODY = [
  "Dear colleagues,",
  "<script>window.__pwned=4</script>",
  '<a href="javascript:alert(5)">click</a>',
  "javascript:alert(6)  JaVaScRiPt:alert(7)  java\tscript:alert(8)",
  "http://example.org/ok?a=1&b=2",
  'https://example.org/"><script>alert(9)</script>',
  "http://example.org/javascript:alert(10)",
  "data:text/html;base64,PHNjcmlwdD5hbGVydCgxMSk8L3NjcmlwdD4=  vbscript:msgbox(12)",
  "]]></content><entry><title>forged entry</title></entry>",
  "\u0002zqxforged\u0003 marker",
  "",
].join("\n");
// Each is one valid mailbox whose display name tries to break the header it lands in.
const FROM_CONTACT = [`Eve "the hacker" O'Brien & co <eve@example.net>`, `"javascript:alert(13)" <js@example.net>`];
const FROM_LIAISON = `"Mallory, Inc.; Bcc: evil@example.net" <mallory@example.net>`;
const TO_LIAISON = `=?utf-8?q?=0D=0ABcc:_evil@example.net?= <statements@ietf.org>`;
const IDENTIFIERS = ["<b onmouseover=alert(14)>S2-1</b>", "javascript:alert(15)"];
const ATTACHMENT_NAME = "<img src=x onerror=alert(16)>.txt";
const ATTACHMENT_TITLE = "<script>alert(17)</script>";

let statementId: number;

beforeAll(async () => {
  const db = world();
  session.actor = await actorFor(db, "lm-3gpp@example.org");
  const form = new FormData();
  const fields: Record<string, string> = {
    direction: "incoming",
    intent: "post",
    from: String(await groupId(db, "3gpp-tsg-sa")),
    to: String(await groupId(db, "quic")),
    fromContact: FROM_CONTACT.join("\n"),
    fromLiaisonContact: FROM_LIAISON,
    toContact: "Quentin Hale <chair@example.org>",
    toLiaisonContact: TO_LIAISON,
    title: TITLE,
    purpose: "information",
    body: BODY,
    otherIdentifiers: IDENTIFIERS.join("\n"),
    receivedOn: new Date().toISOString().slice(0, 10),
    sendAcknowledgement: "on",
    attachmentTitles: ATTACHMENT_TITLE,
  };
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append(
    "attachments",
    new File(["<html><script>alert(18)</script></html>"], ATTACHMENT_NAME, { type: "text/html" }),
  );
  const state: FormState = await handleSaveStatement(form);
  expect(state, JSON.stringify(state)).toMatchObject({ status: "success" });
  statementId = Number(state.redirectTo?.split("/").pop());
});

const MARKERS = ["\u0002", "\u0003"];
const stripMarkers = (s: string) => s.split(MARKERS[0]!).join("").split(MARKERS[1]!).join("");
const hasMarker = (s: string) => MARKERS.some((m) => s.includes(m));

describe(`injection: stored as data (${testEngine})`, () => {
  it("keeps every hostile value exactly as entered (the sinks must make it inert, not the store)", async () => {
    const st = await world().prisma.statement.findUniqueOrThrow({
      where: { id: statementId },
      include: { attachments: true },
    });
    expect(st.state).toBe("posted");
    expect(st.title).toBe(TITLE);
    expect(st.body).toBe(BODY);
    expect(st.fromContact).toEqual(
      FROM_CONTACT.map((c) => c.replace(`Eve "the hacker" O'Brien & co`, `"Eve \\"the hacker\\" O'Brien & co"`)),
    );
    expect(st.fromLiaisonContact).toBe(FROM_LIAISON);
    expect(st.otherIdentifiers).toEqual(IDENTIFIERS);
    expect(st.attachments.map((a) => [a.filename, a.title])).toEqual([
      ["img src=x onerror=alert(16).txt", ATTACHMENT_TITLE],
    ]);
  });
});

// ---- Atom ------------------------------------------------------------------------------------------------

const ATOM_ELEMENTS = new Set([
  "feed",
  "id",
  "title",
  "subtitle",
  "link",
  "updated",
  "published",
  "author",
  "name",
  "uri",
  "generator",
  "entry",
  "category",
  "summary",
  "content",
]);

function walk(element: XmlElement, visit: (e: XmlElement) => void) {
  visit(element);
  for (const c of element.children) walk(c, visit);
}

describe(`injection: Atom feed (${testEngine})`, () => {
  it("carries the payloads as escaped text in a well-formed feed with only Atom elements and http(s) links", async () => {
    for (const query of ["", "?from=3gpp", "?to=quic"]) {
      const response = await feedRoute(new Request(`http://localhost:3000/feeds/statements.atom${query}`));
      const xml = await response.text();
      const root = parseXml(xml); // throws when not well-formed
      const entries = childrenNamed(root, "entry").filter((e) =>
        childrenNamed(e, "id")[0]?.text.endsWith(`/statements/${statementId}`),
      );
      expect(entries, query).toHaveLength(1);
      const entry = entries[0]!;
      expect(childrenNamed(entry, "title")[0]?.text).toBe(stripMarkers(TITLE));
      const content = childrenNamed(entry, "content")[0]!;
      expect(content.text).toContain(stripMarkers(BODY).trim());
      walk(root, (e) => {
        expect(ATOM_ELEMENTS.has(e.name), `element <${e.name}> in the feed`).toBe(true);
        if (["title", "subtitle", "summary", "content"].includes(e.name) && e !== root)
          expect(e.attributes.type ?? "text").toBe("text");
        if (e.name === "link") expect(e.attributes.href).toMatch(/^https?:\/\//);
        for (const name of Object.keys(e.attributes)) expect(name).not.toMatch(/^on/i);
      });
      expect(xml).not.toMatch(/<script|<img|<a |<b /i);
    }
  });
});

// ---- JSON API --------------------------------------------------------------------------------------------

describe(`injection: JSON API (${testEngine})`, () => {
  it("returns the values as JSON data, exactly, from the list (search) and the item endpoints", async () => {
    const one = await apiOne(new Request(`http://localhost:3000/api/v1/statements/${statementId}`), {
      params: Promise.resolve({ id: String(statementId) }),
    });
    expect(one.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const item = (await one.json()) as Record<string, unknown>;
    expect(item.title).toBe(TITLE);
    expect(item.body).toBe(BODY);
    expect(JSON.stringify(item)).toContain(JSON.stringify(IDENTIFIERS[0]));

    const list = await apiList(new Request("http://localhost:3000/api/v1/statements?q=zqxpwned"));
    expect(list.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const { items } = (await list.json()) as { items: { id: number; title: string }[] };
    expect(items.map((i) => [i.id, i.title])).toEqual([[statementId, TITLE]]);
  });
});

// ---- mail ------------------------------------------------------------------------------------------------

/** The headers any statement mail may carry (the .eml of MailComposer). */
const MAIL_HEADERS = new Set([
  "from",
  "to",
  "cc",
  "reply-to",
  "subject",
  "message-id",
  "date",
  "auto-submitted",
  "x-liaison-mail-kind",
  "mime-version",
  "content-type",
  "content-transfer-encoding",
]);

async function emlOf(row: Parameters<typeof toMessage>[0]) {
  const dir = mkdtempSync(path.join(tmpdir(), "injection-mail-"));
  await fileTransport(dir).send(row);
  const [file] = readdirSync(dir);
  const raw = readFileSync(path.join(dir, file!), "utf8");
  return { raw, parsed: await simpleParser(raw) };
}

type ParsedAddress = { address?: string; group?: ParsedAddress[] };
/** Every address of a parsed header, group members included (a group is how extra recipients would hide). */
const addressesOf = (value: unknown): string[] => {
  const list = (value === undefined ? [] : Array.isArray(value) ? value : [value]) as { value: ParsedAddress[] }[];
  const flat = (a: ParsedAddress): string[] => [
    ...(a.address ? [a.address.toLowerCase()] : []),
    ...(a.group ?? []).flatMap(flat),
  ];
  return list.flatMap((h) => h.value.flatMap(flat));
};
const groupsIn = (value: unknown): number => {
  const list = (value === undefined ? [] : Array.isArray(value) ? value : [value]) as { value: ParsedAddress[] }[];
  return list.flatMap((h) => h.value).filter((a) => a.group).length;
};
const bare = (mailbox: string) => (/<([^<>]+)>\s*$/.exec(mailbox)?.[1] ?? mailbox).toLowerCase();

describe(`injection: mail (${testEngine})`, () => {
  it("composes the distribution and acknowledgement with exactly the outbox row's recipients, no extra header", async () => {
    const rows = await world().prisma.mail.findMany({ where: { statementId }, orderBy: { id: "asc" } });
    expect(rows.map((r) => r.kind).sort()).toEqual(["acknowledgement", "distribution"]);
    for (const row of rows) {
      const { raw, parsed } = await emlOf(row);
      const headerBlock = raw.slice(0, raw.indexOf("\r\n\r\n"));
      const names = headerBlock
        .split("\r\n")
        .filter((l) => !/^\s/.test(l))
        .map((l) => l.slice(0, l.indexOf(":")).toLowerCase());
      expect(
        names.filter((n) => !MAIL_HEADERS.has(n)),
        `${row.kind}: unexpected headers`,
      ).toEqual([]);
      expect(new Set(names).size, `${row.kind}: a header twice`).toBe(names.length);
      expect(parsed.headers.has("bcc")).toBe(false);
      expect(parsed.subject).toBe(row.subject);
      expect(parsed.subject).not.toMatch(/[\r\n]/);
      expect(addressesOf(parsed.to).sort()).toEqual(row.to.map(bare).sort());
      expect(addressesOf(parsed.cc).sort()).toEqual(row.cc.map(bare).sort());
      expect(addressesOf(parsed.replyTo)).toEqual(row.replyTo ? [bare(row.replyTo)] : []);
      const all = [...addressesOf(parsed.to), ...addressesOf(parsed.cc), ...addressesOf(parsed.replyTo)];
      expect(all.filter((a) => a.includes("evil"))).toEqual([]);
      expect(groupsIn(parsed.to) + groupsIn(parsed.cc) + groupsIn(parsed.replyTo), `${row.kind}: address groups`).toBe(
        0,
      );
      expect(parsed.text?.replace(/\r\n/g, "\n")).toContain(row.body.replace(/\r\n/g, "\n").trim());
    }
    const distribution = rows.find((r) => r.kind === "distribution")!;
    expect(distribution.subject).toBe(`New Liaison Statement, "${TITLE}"`);
    expect(distribution.replyTo).toBe(FROM_LIAISON);
    const ack = rows.find((r) => r.kind === "acknowledgement")!;
    expect(ack.to).toEqual([FROM_LIAISON]);
  });

  it("refuses to send an outbox row whose recipients carry CR/LF, instead of mailing a hidden group (defence in depth)", async () => {
    const [template] = await world().prisma.mail.findMany({ where: { statementId }, take: 1 });
    const dir = mkdtempSync(path.join(tmpdir(), "injection-mail-"));
    const vectors: Partial<typeof template>[] = [
      { to: ["victim@example.org\r\nBcc: evil@example.net"] },
      { to: ["Name\r\nX-Evil: 2 <other@example.org>"] },
      { cc: ["cc@example.org\nX-Evil: 3"] },
      { replyTo: "reply@example.org\r\nX-Evil: 4" },
      { to: ["undisclosed: evil@example.net;"] },
    ];
    for (const vector of vectors) {
      await expect(fileTransport(dir).send({ ...template!, ...vector }), JSON.stringify(vector)).rejects.toThrow(
        /is not a valid mailbox/,
      );
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it("keeps a Subject with CR/LF on one line, with no extra header (defence in depth)", async () => {
    const [template] = await world().prisma.mail.findMany({ where: { statementId }, take: 1 });
    const { raw, parsed } = await emlOf({
      ...template!,
      subject: "Hello\r\nBcc: evil@example.net\r\nX-Evil: 1\n\nbody?",
    });
    const headerBlock = raw.slice(0, raw.indexOf("\r\n\r\n"));
    expect(headerBlock).not.toMatch(/^(bcc|x-evil):/im);
    expect(parsed.headers.has("bcc")).toBe(false);
    expect(parsed.headers.has("x-evil")).toBe(false);
    expect(parsed.subject).toBe("Hello Bcc: evil@example.net X-Evil: 1  body?"); // (each line break a space)
    expect(addressesOf(parsed.to).sort()).toEqual(template!.to.map(bare).sort());
  });
});

// ---- highlighting and the linkifier ----------------------------------------------------------------------

describe(`injection: search highlighting (${testEngine})`, () => {
  it("strips forged markers, marks only what the query matched, and renders every segment as text", async () => {
    for (const q of ["zqxpwned", "zqxforged", "<script>", "forged mark", "javascript alert"]) {
      const result = await searchStatements({ q, page: 1, pageSize: 50 });
      const item = result.items.find((i) => i.id === statementId);
      if (q === "<script>") continue; // (punctuation-only queries may match nothing; they must simply not fail)
      expect(item, q).toBeDefined();
      const { title, snippet } = item!.highlights!;
      expect(title.map((s) => s.text).join("")).toBe(stripMarkers(TITLE));
      for (const s of [...title, ...snippet]) expect(hasMarker(s.text), s.text).toBe(false);
      const words = q.split(/\s+/).map((w) => w.toLowerCase());
      for (const s of [...title, ...snippet].filter((x) => x.isMatch)) {
        expect(
          words.some((w) => s.text.toLowerCase().includes(w)),
          `"${s.text}" marked for q=${q}`,
        ).toBe(true);
      }
      const html = renderToStaticMarkup(
        createElement(
          "div",
          null,
          createElement(Highlighted, { segments: title }),
          createElement(Highlighted, { segments: snippet }),
        ),
      );
      expect(html).not.toMatch(/<(script|img|a|b)[\s>]/i);
      expect(html).toContain("&lt;script&gt;window.__pwned=1&lt;/script&gt;");
    }
    // The forged "marker" in the title never shows as a match when searching for something else.
    const plain = await searchStatements({ q: "zqxpwned", page: 1, pageSize: 50 });
    const marked = plain.items
      .find((i) => i.id === statementId)!
      .highlights!.title.filter((s) => s.isMatch)
      .map((s) => s.text);
    expect(marked).toEqual(["Zqxpwned"]);
  });
});

describe("injection: the body linkifier", () => {
  it("links only http(s) URLs, cut before quotes and angle brackets, and renders everything else as text", () => {
    const html = renderToStaticMarkup(createElement(LinkifiedText, { text: BODY }));
    const hrefs = [...html.matchAll(/<a\s[^>]*href="([^"]*)"/g)].map((m) => m[1]);
    expect(hrefs).toEqual([
      "http://example.org/ok?a=1&amp;b=2",
      "https://example.org/",
      "http://example.org/javascript:alert(10",
    ]);
    expect(html).not.toMatch(/<(script|img|b)[\s>]/i);
    expect(html).not.toMatch(/href="\s*(javascript|data|vbscript):/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(html).toContain("&lt;a href=&quot;javascript:alert(5)&quot;&gt;click&lt;/a&gt;");
    // Every link opens without handing the page to the target.
    for (const tag of html.match(/<a\s[^>]*>/g) ?? []) expect(tag).toContain('rel="nofollow noopener"');
  });

  it("never links scheme tricks: upper case, whitespace, entities, protocol-relative, data:, vbscript:", () => {
    const vectors = [
      "JAVASCRIPT:alert(1)",
      " javascript:alert(1)",
      "java\nscript:alert(1)",
      "javascript&colon;alert(1)",
      "&#106;avascript:alert(1)",
      "//evil.example/x",
      "data:text/html,<script>alert(1)</script>",
      "vbscript:msgbox(1)",
      "httpx://example.org",
      "http:/example.org",
    ];
    for (const text of vectors) {
      const html = renderToStaticMarkup(createElement(LinkifiedText, { text }));
      expect(html, text).not.toContain("<a ");
      expect(html, text).not.toMatch(/<script/i);
    }
  });
});
