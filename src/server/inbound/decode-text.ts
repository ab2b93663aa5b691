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
    return new TextDecoder("windows-1252").decode(bytes);
  }
}
