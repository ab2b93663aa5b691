import "server-only";

/** The `charset` parameter of a Content-Type, lower-cased. */
export function charsetOf(contentType: string): string | undefined {
  return /charset\s*=\s*"?([\w.:-]+)"?/i.exec(contentType)?.[1]?.toLowerCase();
}

/**
 * Bytes of a text file as a string: a byte-order mark wins, then the declared charset, then UTF-8 when the
 * bytes are valid UTF-8, else Windows-1252 (what undeclared Western text usually is). Never throws.
 */
export function decodeText(bytes: Uint8Array, declared?: string): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return new TextDecoder("utf-8").decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  if (declared && declared !== "utf-8" && declared !== "utf8" && declared !== "us-ascii") {
    try {
      return new TextDecoder(declared).decode(bytes);
    } catch {
      // an unknown charset name: fall through to the guesses
    }
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return windows1252(bytes);
  }
}

// 0x80–0x9F in Windows-1252 (Node's TextDecoder reads "windows-1252" as Latin-1 and leaves them C1 controls).
const CP1252_HIGH =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

function windows1252(bytes: Uint8Array): string {
  return new TextDecoder("latin1")
    .decode(bytes)
    .replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80] ?? c);
}
