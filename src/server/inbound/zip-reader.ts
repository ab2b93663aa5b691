import "server-only";
import { crc32 } from "node:zlib";
import { Inflate } from "fflate";

/**
 * A zip reader that trusts nothing the archive says (ADR 024). fflate's `unzipSync` keeps inflating to the
 * end of a member whose header under-declares its size (writes past the buffer are dropped, the work is
 * not), so a 25 MB member of deflated zeros declaring 1 KB would make it run through ≈ 25 GB of output
 * (tens of seconds of one core, estimated from its code). Here the central directory
 * is read by hand, each member is inflated by fflate's streaming `Inflate` in small chunks and abandoned as
 * soon as it produces more than it declared (or more than the caller allows), and its CRC-32 is checked.
 */

export type ZipEntry = {
  name: string;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  originalSize: number;
  localOffset: number;
};

export class ZipError extends Error {}

const CHUNK = 8 * 1024; // inflate at most ≈ 8 MB per step (deflate expands at most 1032:1)

function u16(data: Uint8Array, at: number): number {
  if (at + 2 > data.length) throw new ZipError("truncated");
  return (data[at] as number) | ((data[at + 1] as number) << 8);
}

function u32(data: Uint8Array, at: number): number {
  if (at + 4 > data.length) throw new ZipError("truncated");
  return (u16(data, at) + u16(data, at + 2) * 0x10000) >>> 0;
}

/** The entries of the central directory. Throws ZipError for anything that is not a plain zip. */
export function listZip(data: Uint8Array): ZipEntry[] {
  let end = -1;
  for (let at = data.length - 22; at >= Math.max(0, data.length - 22 - 0xffff); at--) {
    if (u32(data, at) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end < 0) throw new ZipError("no zip directory");
  const count = u16(data, end + 10);
  const directoryOffset = u32(data, end + 16);
  if (count === 0xffff || directoryOffset === 0xffffffff) throw new ZipError("ZIP64 archives are not expanded");
  const entries: ZipEntry[] = [];
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (u32(data, at) !== 0x02014b50) throw new ZipError("damaged directory");
    const flags = u16(data, at + 8);
    const nameLength = u16(data, at + 28);
    const next = at + 46 + nameLength + u16(data, at + 30) + u16(data, at + 32);
    if (next > data.length) throw new ZipError("truncated");
    const nameBytes = data.subarray(at + 46, at + 46 + nameLength);
    entries.push({
      name: new TextDecoder(flags & 0x800 ? "utf-8" : "latin1").decode(nameBytes),
      flags,
      method: u16(data, at + 10),
      crc: u32(data, at + 16),
      compressedSize: u32(data, at + 20),
      originalSize: u32(data, at + 24),
      localOffset: u32(data, at + 42),
    });
    at = next;
  }
  return entries;
}

/**
 * One member's bytes, never more than min(its declared size, `maxBytes`) produced. Throws ZipError when it
 * is encrypted, uses another method than store/deflate, is larger than it declares, or fails its CRC.
 */
export function readMember(data: Uint8Array, entry: ZipEntry, maxBytes: number): Uint8Array {
  if (entry.flags & 0x1) throw new ZipError("encrypted");
  if (entry.originalSize > maxBytes) throw new ZipError("too large");
  if (u32(data, entry.localOffset) !== 0x04034b50) throw new ZipError("damaged member header");
  const start = entry.localOffset + 30 + u16(data, entry.localOffset + 26) + u16(data, entry.localOffset + 28);
  const compressed = data.subarray(start, start + entry.compressedSize);
  if (compressed.length !== entry.compressedSize) throw new ZipError("truncated");
  let out: Uint8Array;
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.originalSize) throw new ZipError("its size does not match its data");
    out = compressed.slice();
  } else if (entry.method === 8) {
    out = new Uint8Array(entry.originalSize);
    let length = 0;
    let isOver = false;
    const inflater = new Inflate((chunk) => {
      if (isOver) return;
      if (length + chunk.length > out.length) isOver = true;
      else out.set(chunk, length);
      length += chunk.length;
    });
    for (let at = 0; at < compressed.length && !isOver; at += CHUNK) {
      try {
        inflater.push(compressed.subarray(at, at + CHUNK), at + CHUNK >= compressed.length);
      } catch (error) {
        throw new ZipError(`damaged data (${(error as Error).message})`);
      }
    }
    if (isOver) throw new ZipError("its data is larger than it declares");
    if (length !== entry.originalSize) throw new ZipError("its data is shorter than it declares");
  } else {
    throw new ZipError(`unsupported compression method ${entry.method}`);
  }
  if (crc32(out) >>> 0 !== entry.crc) throw new ZipError("damaged data (CRC mismatch)");
  return out;
}
