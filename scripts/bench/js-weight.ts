/**
 * The JavaScript a page ships: every external <script src> of its HTML, fetched and gzipped (zlib, level 9
 * as a static-asset pipeline would), summed per page. Inline <script> elements (Next's RSC payload) are
 * reported separately, also gzipped, as part of the HTML.
 */
import { gzipSync } from "node:zlib";
import { fetchBytes, fetchText } from "./load";

export interface PageWeight {
  path: string;
  status: number;
  /** `nomodule` scripts (legacy polyfills) are listed but not counted: module-capable browsers never fetch them */
  scripts: { src: string; bytes: number; gzip: number; nomodule: boolean }[];
  /** sum of the external scripts, gzipped */
  gzipTotal: number;
  /** sum of the external scripts, uncompressed */
  rawTotal: number;
  /** inline <script> bodies (RSC flight data, bootstrap), gzipped together */
  inlineGzip: number;
  /** the HTML document itself, gzipped */
  htmlGzip: number;
}

const SCRIPT_TAG = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;
const SRC_ATTR = /\ssrc=(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i;

export function scriptsOf(html: string): { srcs: string[]; nomodule: Set<string>; inline: string } {
  const srcs = new Set<string>();
  const nomodule = new Set<string>();
  let inline = "";
  for (const match of html.matchAll(SCRIPT_TAG)) {
    const attributes = match[1] ?? "";
    const src = SRC_ATTR.exec(attributes);
    if (src) {
      const url = (src[1] ?? src[2] ?? src[3] ?? "").replace(/&amp;/g, "&");
      srcs.add(url);
      if (/\snomodule\b/i.test(attributes)) nomodule.add(url);
    } else if (!/type=["']?application\/(ld\+)?json/i.test(attributes)) inline += match[2] ?? "";
  }
  return { srcs: [...srcs].filter(Boolean), nomodule, inline };
}

const gz = (data: string | Buffer) => gzipSync(data, { level: 9 }).byteLength;

export async function pageWeight(baseUrl: string, path: string): Promise<PageWeight> {
  const page = await fetchText(baseUrl, path);
  const { srcs, nomodule, inline } = scriptsOf(page.text);
  const scripts: PageWeight["scripts"] = [];
  for (const src of srcs) {
    const url = new URL(src, baseUrl);
    if (url.origin !== new URL(baseUrl).origin) {
      scripts.push({ src, bytes: Number.NaN, gzip: Number.NaN, nomodule: nomodule.has(src) }); // not ours: not fetched
      continue;
    }
    const { bytes } = await fetchBytes(baseUrl, url.pathname + url.search);
    scripts.push({ src, bytes: bytes.byteLength, gzip: gz(bytes), nomodule: nomodule.has(src) });
  }
  const finite = scripts.filter((s) => Number.isFinite(s.gzip) && !s.nomodule);
  return {
    path,
    status: page.status,
    scripts,
    gzipTotal: finite.reduce((sum, s) => sum + s.gzip, 0),
    rawTotal: finite.reduce((sum, s) => sum + s.bytes, 0),
    inlineGzip: inline ? gz(inline) : 0,
    htmlGzip: gz(page.text),
  };
}

/** A static asset the server answers without rendering: the page's stylesheet, else its smallest script. */
export async function pickStaticAsset(baseUrl: string, path: string): Promise<{ path: string; kind: string } | null> {
  const page = await fetchText(baseUrl, path);
  const css =
    /<link\b[^>]*rel="stylesheet"[^>]*href="(\/_next\/static\/[^"]+)"/i.exec(page.text) ??
    /<link\b[^>]*href="(\/_next\/static\/[^"]+\.css)"/i.exec(page.text);
  if (css?.[1]) return { path: css[1], kind: "stylesheet" };
  const { srcs } = scriptsOf(page.text);
  const local = srcs.filter((s) => s.startsWith("/_next/static/") && !scriptsOf(page.text).nomodule.has(s));
  if (!local.length) return null;
  const sized = await Promise.all(local.map(async (s) => ({ s, n: (await fetchBytes(baseUrl, s)).bytes.byteLength })));
  sized.sort((a, b) => a.n - b.n);
  return sized[0] ? { path: sized[0].s, kind: "script" } : null;
}
