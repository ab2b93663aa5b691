import "server-only";

/**
 * Atom 1.0 (RFC 4287) serialisation: a pure function of plain data, no I/O. Every piece of text is
 * escaped here and only here, so a statement title or body containing markup comes out as inert text.
 */

export const ATOM_NS = "http://www.w3.org/2005/Atom";

export interface AtomCategory {
  term: string;
  scheme?: string;
  label?: string;
}

export interface AtomPerson {
  name: string;
  uri?: string;
}

export interface AtomEntry {
  /** a permanent IRI: the statement's absolute URL */
  id: string;
  title: string;
  /** the HTML page of the entry */
  url: string;
  published: Date;
  updated: Date;
  authors: AtomPerson[];
  categories: AtomCategory[];
  /** plain text, shown by readers as is */
  summary: string;
  /** plain text, shown by readers as is */
  content: string;
}

export interface AtomFeed {
  id: string;
  title: string;
  subtitle?: string;
  /** the feed's own URL (rel="self") */
  selfUrl: string;
  /** the HTML page showing the same statements (rel="alternate") */
  alternateUrl: string;
  /** when nothing is in the feed: the date it reports as updated */
  emptyUpdated?: Date;
  author: AtomPerson;
  generator?: string;
  entries: AtomEntry[];
}

// XML 1.0 §2.2: only these characters may appear in a document at all, even escaped.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text for XML character data or an attribute value: markup characters escaped, forbidden characters dropped. */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML_CHAR, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** RFC 3339 date-time, UTC, whole seconds (the form every feed reader accepts). */
export function atomDate(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

const attributes = (attrs: Record<string, string | undefined>) =>
  Object.entries(attrs)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeXml(value)}"`)
    .join("");

const element = (name: string, text: string, attrs: Record<string, string | undefined> = {}) =>
  `<${name}${attributes(attrs)}>${escapeXml(text)}</${name}>`;

const person = (tag: "author", p: AtomPerson) =>
  `<${tag}>${element("name", p.name)}${p.uri ? element("uri", p.uri) : ""}</${tag}>`;

function renderEntry(entry: AtomEntry): string {
  return [
    "  <entry>",
    `    ${element("id", entry.id)}`,
    `    ${element("title", entry.title, { type: "text" })}`,
    `    <link${attributes({ rel: "alternate", type: "text/html", href: entry.url })}/>`,
    `    ${element("published", atomDate(entry.published))}`,
    `    ${element("updated", atomDate(entry.updated))}`,
    ...entry.authors.map((a) => `    ${person("author", a)}`),
    ...entry.categories.map((c) => `    <category${attributes({ term: c.term, scheme: c.scheme, label: c.label })}/>`),
    `    ${element("summary", entry.summary, { type: "text" })}`,
    `    ${element("content", entry.content, { type: "text" })}`,
    "  </entry>",
  ].join("\n");
}

/** The newest `updated` of the entries (a feed's own `updated`), else `fallback`. */
export function latestUpdate(entries: readonly AtomEntry[], fallback: Date): Date {
  return entries.length ? new Date(Math.max(...entries.map((e) => e.updated.getTime()))) : fallback;
}

/** The whole feed document, UTF-8, with the XML declaration. */
export function renderAtomFeed(feed: AtomFeed): string {
  const updated = latestUpdate(feed.entries, feed.emptyUpdated ?? new Date(0));
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="${ATOM_NS}" xml:lang="en">`,
    `  ${element("id", feed.id)}`,
    `  ${element("title", feed.title, { type: "text" })}`,
    ...(feed.subtitle ? [`  ${element("subtitle", feed.subtitle, { type: "text" })}`] : []),
    `  ${element("updated", atomDate(updated))}`,
    `  <link${attributes({ rel: "self", type: "application/atom+xml", href: feed.selfUrl })}/>`,
    `  <link${attributes({ rel: "alternate", type: "text/html", href: feed.alternateUrl })}/>`,
    `  ${person("author", feed.author)}`,
    ...(feed.generator ? [`  ${element("generator", feed.generator)}`] : []),
    ...feed.entries.map(renderEntry),
    "</feed>",
    "",
  ].join("\n");
}
