/**
 * A small, strict XML 1.0 parser for tests (no XML library is installed). It accepts the subset real
 * documents use — declaration, elements, attributes, character and entity references, comments, CDATA —
 * and throws on anything that is not well-formed: unbalanced or overlapping tags, a bare `&` or `<`,
 * unknown entities, duplicate or unquoted attributes, characters XML forbids, text outside the root.
 * It returns the element tree so tests can check structure instead of matching text.
 */

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** the element's own character data (not its descendants'), entities decoded */
  text: string;
}

const NAME = /^[A-Za-z_:][A-Za-z0-9._:-]*/;
const FORBIDDEN_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

export class XmlError extends Error {}

function decode(raw: string, at: number): string {
  if (raw.includes("<")) throw new XmlError(`raw "<" in text or attribute near offset ${at}`);
  return raw.replace(/&([^;]*);|&/g, (match, ref: string | undefined) => {
    if (ref === undefined) throw new XmlError(`bare "&" near offset ${at}`);
    if (ref in ENTITIES) return ENTITIES[ref] as string;
    const numeric = /^#(?:x([0-9A-Fa-f]+)|([0-9]+))$/.exec(ref);
    if (!numeric) throw new XmlError(`unknown entity ${match} near offset ${at}`);
    const code = numeric[1] ? Number.parseInt(numeric[1], 16) : Number(numeric[2]);
    const char = String.fromCodePoint(code);
    if (FORBIDDEN_CHAR.test(char)) throw new XmlError(`reference ${match} to a character XML forbids`);
    return char;
  });
}

/** Parses `xml`, throwing an XmlError that says where it is not well-formed. */
export function parseXml(xml: string): XmlElement {
  const bad = FORBIDDEN_CHAR.exec(xml);
  if (bad) throw new XmlError(`forbidden character U+${bad[0].codePointAt(0)?.toString(16)} at offset ${bad.index}`);
  let i = 0;
  if (xml.startsWith("<?xml")) {
    const end = xml.indexOf("?>");
    if (end < 0) throw new XmlError("unterminated XML declaration");
    if (
      !/^<\?xml version="1\.[0-9]"( encoding="[A-Za-z0-9._-]+")?( standalone="(yes|no)")? ?\?>$/.test(
        xml.slice(0, end + 2),
      )
    )
      throw new XmlError(`bad XML declaration ${xml.slice(0, end + 2)}`);
    i = end + 2;
  }
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  while (i < xml.length) {
    const lt = xml.indexOf("<", i);
    const text = xml.slice(i, lt < 0 ? xml.length : lt);
    if (text.includes("]]>")) throw new XmlError(`"]]>" in text near offset ${i}`);
    const current = stack.at(-1);
    if (current) current.text += decode(text, i);
    else if (text.trim()) throw new XmlError(`text outside the root element near offset ${i}`);
    if (lt < 0) break;
    i = lt;
    if (xml.startsWith("<!--", i)) {
      const end = xml.indexOf("-->", i + 4);
      if (end < 0 || xml.slice(i + 4, end).includes("--")) throw new XmlError(`bad comment at offset ${i}`);
      i = end + 3;
    } else if (xml.startsWith("<![CDATA[", i)) {
      const end = xml.indexOf("]]>", i);
      if (end < 0 || !current) throw new XmlError(`bad CDATA section at offset ${i}`);
      current.text += xml.slice(i + 9, end);
      i = end + 3;
    } else if (xml.startsWith("</", i)) {
      const name = NAME.exec(xml.slice(i + 2))?.[0];
      const close = name ? /^\s*>/.exec(xml.slice(i + 2 + name.length)) : null;
      if (!name || !close) throw new XmlError(`bad end tag at offset ${i}`);
      const open = stack.pop();
      if (open?.name !== name) throw new XmlError(`</${name}> at offset ${i} closes <${open?.name ?? "nothing"}>`);
      i += 2 + name.length + close[0].length;
    } else if (xml.startsWith("<?", i) || xml.startsWith("<!", i)) {
      throw new XmlError(`processing instruction or declaration not expected at offset ${i}`);
    } else {
      const name = NAME.exec(xml.slice(i + 1))?.[0];
      if (!name) throw new XmlError(`bad start tag at offset ${i}`);
      const element: XmlElement = { name, attributes: {}, children: [], text: "" };
      i += 1 + name.length;
      while (true) {
        const attr = /^\s+([A-Za-z_:][A-Za-z0-9._:-]*)\s*=\s*("([^"]*)"|'([^']*)')/.exec(xml.slice(i));
        if (!attr) break;
        const attrName = attr[1] as string;
        if (attrName in element.attributes) throw new XmlError(`duplicate attribute ${attrName} at offset ${i}`);
        element.attributes[attrName] = decode(attr[3] ?? attr[4] ?? "", i);
        i += attr[0].length;
      }
      const end = /^\s*(\/?)>/.exec(xml.slice(i));
      if (!end) throw new XmlError(`malformed start tag <${name}> near offset ${i}`);
      i += end[0].length;
      if (current) current.children.push(element);
      else if (root) throw new XmlError(`second root element <${name}> at offset ${lt}`);
      else root = element;
      if (!end[1]) stack.push(element);
    }
  }
  if (stack.length) throw new XmlError(`unclosed <${stack.map((e) => e.name).join("> <")}>`);
  if (!root) throw new XmlError("no root element");
  return root;
}

/** The direct children of `element` named `name`. */
export const childrenNamed = (element: XmlElement, name: string) => element.children.filter((c) => c.name === name);

/** The one direct child named `name` (throws when there is none or several). */
export function child(element: XmlElement, name: string): XmlElement {
  const found = childrenNamed(element, name);
  if (found.length !== 1) throw new XmlError(`<${element.name}> has ${found.length} <${name}> children, expected 1`);
  return found[0] as XmlElement;
}
