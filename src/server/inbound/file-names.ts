import "server-only";

const MAX_NAME_CHARS = 255;
// C0/C1 controls, bidi overrides and isolates (a name that reads "exe.docx" backwards), zero-width characters.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
// Characters that are path or shell syntax on some system a downloader may use.
const RESERVED = /[<>:"|?*\\/]/g;
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

/**
 * A safe base name for a file taken from a message or a zip: the last path component only (never a
 * directory, `..` or an absolute path), without control/bidi characters or path syntax, not hidden, not a
 * Windows device name, ≤ 255 characters with its extension kept. `fallback` when nothing usable remains.
 */
export function safeFileName(original: string, fallback: string): string {
  const lastComponent = original.normalize("NFC").split(/[/\\]/).pop() ?? "";
  let name = lastComponent
    .replace(/\t/g, " ")
    .replace(INVISIBLE, "")
    .replace(RESERVED, "_")
    .replace(/\s+/g, " ")
    .trim();
  name = name.replace(/^[.\s]+/, "").replace(/[.\s]+$/, "");
  if (!name || /^_+$/.test(name)) return fallback;
  if (WINDOWS_DEVICE.test(name)) name = `_${name}`;
  if (name.length > MAX_NAME_CHARS) {
    const dot = name.lastIndexOf(".");
    const extension = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : "";
    name = Array.from(name.slice(0, name.length - extension.length))
      .slice(0, MAX_NAME_CHARS - extension.length)
      .join("")
      .trimEnd()
      .concat(extension);
  }
  return name;
}

/** A name as found, for a warning: one line, no invisible characters, ≤ 80 characters. */
export function shownName(original: string): string {
  const visible = original.replace(INVISIBLE, "\uFFFD").replace(/\s+/g, " ").trim();
  return visible.length > 80 ? `${Array.from(visible).slice(0, 79).join("")}…` : visible;
}

/** Whether a name had more than directories taken off: the reader says so in a warning. */
export function wasRenamed(original: string, safe: string): boolean {
  if (/(^|[/\\])\.\.([/\\]|$)/.test(original) || /^([/\\]|[a-z]:)/i.test(original)) return true;
  return (original.split(/[/\\]/).pop() ?? "") !== safe;
}

/**
 * Hands out names unique within one message, case-insensitively: the second `cover.docx` becomes
 * `cover (2).docx`.
 */
export function uniqueNamer(): (name: string) => string {
  const taken = new Set<string>();
  return (name) => {
    let candidate = name;
    const dot = name.lastIndexOf(".");
    const [stem, extension] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ""];
    for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${stem} (${n})${extension}`;
    taken.add(candidate.toLowerCase());
    return candidate;
  };
}

const TYPES: Record<string, string> = {
  pdf: "application/pdf",
  doc: "application/msword",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xls: "application/vnd.ms-excel",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ppt: "application/vnd.ms-powerpoint",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  txt: "text/plain",
  htm: "text/html",
  html: "text/html",
  zip: "application/zip",
  xml: "application/xml",
  csv: "text/csv",
  rtf: "application/rtf",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
};

/** The content type of a zip member, from its extension (zips carry none). */
export function contentTypeFor(fileName: string): string {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? "";
  return TYPES[extension] ?? "application/octet-stream";
}

export function extensionOf(fileName: string): string {
  return /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? "";
}
