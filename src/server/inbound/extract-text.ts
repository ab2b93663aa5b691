import "server-only";
import { zipSync } from "fflate";
import { charsetOf, decodeText } from "./decode-text";
import { extensionOf } from "./file-names";
import { DEFAULT_EXTRACT_LIMITS, type ExtractLimits, formatBytes, MAX_DOCX_EXPANDED_BYTES } from "./limits";
import type { ExtractedText } from "./types";
import { zipEntries } from "./unzip";
import { readMember } from "./zip-reader";

export type TextSource = { fileName: string; contentType: string; bytes: Buffer };

type Kind = "pdf" | "docx" | "ole" | "html" | "text" | "other";

/** Why a reader stopped: shown as the `reason` of `{ ok: false }`. */
class Unreadable extends Error {}

/** The pages read before the time limit (a PDF is read page by page). */
class PartialText {
  constructor(readonly text: string) {}
}

/**
 * The text of one attachment, for search and cover-sheet reading (issue 18): PDF (unpdf), DOCX (mammoth),
 * HTML (as text: no scripts, styles or markup), plain text (its charset). Bounded: gives up after
 * `timeoutMs` and keeps at most `maxChars` characters (`truncated: true`). A file it cannot read is
 * `{ ok: false, reason }`; it never throws.
 */
export async function extractText(file: TextSource, limits: Partial<ExtractLimits> = {}): Promise<ExtractedText> {
  const { timeoutMs, maxChars } = { ...DEFAULT_EXTRACT_LIMITS, ...limits };
  const deadline = Date.now() + timeoutMs;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Unreadable(`reading it took longer than ${timeoutMs / 1000} s`)), timeoutMs);
  });
  try {
    const text = await Promise.race([read(file, kindOf(file), deadline, maxChars), timeout]);
    if (text instanceof PartialText) {
      if (!text.text.trim()) throw new Unreadable(`reading it took longer than ${timeoutMs / 1000} s`);
      const partial = bound(text.text, maxChars);
      return partial.ok ? { ...partial, truncated: true } : partial;
    }
    return bound(text, maxChars);
  } catch (error) {
    return { ok: false, reason: reasonOf(error) };
  } finally {
    clearTimeout(timer);
  }
}

function kindOf({ fileName, contentType, bytes }: TextSource): Kind {
  const type = contentType.toLowerCase();
  const extension = extensionOf(fileName);
  const magic = bytes.subarray(0, 5).toString("latin1");
  if (magic === "%PDF-" || type === "application/pdf" || extension === "pdf") return "pdf";
  if (bytes.subarray(0, 4).toString("hex") === "d0cf11e0") return "ole";
  if (type.includes("wordprocessingml") || extension === "docx") return "docx";
  // a .docx saved under a .doc name (it happens): a zip, not an OLE file
  if ((type === "application/msword" || extension === "doc") && magic.startsWith("PK\u0003\u0004")) return "docx";
  if (type === "application/msword" || extension === "doc") return "ole";
  if (type.startsWith("text/html") || type === "application/xhtml+xml" || extension === "html" || extension === "htm")
    return "html";
  if (type.startsWith("text/") || ["txt", "text", "csv", "md", "eml"].includes(extension)) return "text";
  return "other";
}

async function read(file: TextSource, kind: Kind, deadline: number, maxChars: number): Promise<string | PartialText> {
  switch (kind) {
    case "pdf":
      return readPdf(file.bytes, deadline, maxChars);
    case "docx":
      return readDocx(file.bytes);
    case "ole":
      // Encrypted .docx files are OLE containers too; old .doc has no maintained JavaScript reader.
      throw new Unreadable(
        extensionOf(file.fileName) === "docx"
          ? "the document is encrypted (password protected)"
          : "Word 97–2003 (.doc) files cannot be read here; a .docx or PDF copy can",
      );
    case "html": {
      // Loaded on the first HTML file, as pdf.js and mammoth are on theirs (html-to-text: ≈ 0.25 s of CPU).
      const { htmlAsText } = await import("./html-text");
      return htmlAsText(decodeText(file.bytes, charsetOf(file.contentType) ?? metaCharset(file.bytes)), maxChars * 4);
    }
    case "text":
      return decodeText(file.bytes, charsetOf(file.contentType));
    default:
      throw new Unreadable(`no text reader for ${file.contentType || "this kind of file"}`);
  }
}

async function readPdf(bytes: Buffer, deadline: number, maxChars: number): Promise<string | PartialText> {
  // isEvalSupported: false — pdf.js must never compile code from a font of an untrusted file (CVE-2024-4367).
  // Loaded on the first PDF: a reader process that reads only text and HTML never pays for pdf.js (nor, below, for
  // mammoth): ≈ 0.4 s of CPU at each reader's start (ADR 047).
  const { getDocumentProxy } = await import("unpdf");
  const pdf = await getDocumentProxy(new Uint8Array(bytes), {
    isEvalSupported: false,
    stopAtErrors: false,
    verbosity: 0,
  }).catch((error: unknown) => {
    const name = (error as { name?: string } | null)?.name;
    if (name === "PasswordException") throw new Unreadable("the PDF is protected by a password");
    throw new Unreadable(`the PDF is damaged (${shortMessage(error)})`);
  });
  try {
    const pages: string[] = [];
    let length = 0;
    for (let number = 1; number <= pdf.numPages && length <= maxChars; number++) {
      if (Date.now() >= deadline) return new PartialText(pages.join("\n\n"));
      const page = await pdf.getPage(number);
      const content = await page.getTextContent();
      const text = content.items
        .map((item) => ("str" in item ? item.str + (item.hasEOL ? "\n" : "") : ""))
        .join("")
        .trim();
      pages.push(text);
      length += text.length + 2;
      page.cleanup();
    }
    return pages.join("\n\n");
  } finally {
    await pdf.destroy();
  }
}

/**
 * mammoth expands the .docx (a zip) with JSZip, which trusts no declared size; so the parts are expanded
 * here first, within MAX_DOCX_EXPANDED_BYTES of declared size, and handed to mammoth stored uncompressed.
 */
async function readDocx(bytes: Buffer): Promise<string> {
  const entries = zipEntries(bytes);
  if (!entries) throw new Unreadable("the .docx file is damaged (it is not a readable zip)");
  if (!entries.some((entry) => entry.name === "word/document.xml"))
    throw new Unreadable("the file is not a Word document (no word/document.xml)");
  const declared = entries.reduce((sum, entry) => sum + entry.originalSize, 0);
  if (declared > MAX_DOCX_EXPANDED_BYTES)
    throw new Unreadable(
      `the document would expand to ${formatBytes(declared)}, more than ${formatBytes(MAX_DOCX_EXPANDED_BYTES)}`,
    );
  const parts: Record<string, Uint8Array> = {};
  for (const entry of entries) {
    if (entry.name.endsWith("/") || /\.(png|jpe?g|gif|emf|wmf|bmp|tiff?|bin)$/i.test(entry.name)) continue;
    try {
      parts[entry.name] = readMember(bytes, entry, MAX_DOCX_EXPANDED_BYTES);
    } catch (error) {
      throw new Unreadable(`the .docx file is damaged (${entry.name}: ${shortMessage(error)})`);
    }
  }
  const stored = Buffer.from(zipSync(parts, { level: 0 }));
  try {
    const mammoth = (await import("mammoth")).default;
    return (await mammoth.extractRawText({ buffer: stored })).value;
  } catch (error) {
    throw new Unreadable(`the .docx file could not be read (${shortMessage(error)})`);
  }
}

function metaCharset(bytes: Buffer): string | undefined {
  return /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i
    .exec(bytes.subarray(0, 2048).toString("latin1"))?.[1]
    ?.toLowerCase();
}

function bound(raw: string, maxChars: number): ExtractedText {
  // NUL cannot be stored in PostgreSQL text; other controls except tab/newline are noise for search.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
  const text = raw.replace(/\r\n?/g, "\n").replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "");
  if (text.length <= maxChars) return { ok: true, text, truncated: false };
  let end = maxChars;
  if (/[\ud800-\udbff]/.test(text.charAt(end - 1))) end -= 1; // never cut a surrogate pair in half
  return { ok: true, text: text.slice(0, end), truncated: true };
}

function shortMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+/g, " ").trim().slice(0, 120) || "unknown error";
}

function reasonOf(error: unknown): string {
  return error instanceof Unreadable ? error.message : `it could not be read (${shortMessage(error)})`;
}
