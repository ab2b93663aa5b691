import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { listZip, readMember, type ZipEntry, ZipError } from "./zip-reader";

const text = (s: string) => new TextEncoder().encode(s);
const firstOf = (bytes: Uint8Array): ZipEntry => {
  const [first] = listZip(bytes);
  if (!first) throw new Error("empty zip");
  return first;
};

describe("zip-reader", () => {
  const zip = Buffer.from(zipSync({ "S2-2410123.docx": text("cover ".repeat(1000)), "notes/é.txt": text("x") }));

  it("lists the central directory and reads each member, checking its CRC", () => {
    const entries = listZip(zip);
    expect(entries.map((e) => [e.name, e.originalSize])).toEqual([
      ["S2-2410123.docx", 6000],
      ["notes/é.txt", 1],
    ]);
    expect(new TextDecoder().decode(readMember(zip, firstOf(zip), 1e6))).toBe("cover ".repeat(1000));
  });

  it("uses the central directory's sizes, not the local header's (zips written with data descriptors)", () => {
    const copy = Buffer.from(zip);
    copy.writeUInt16LE(0x08, 6); // flag bit 3: sizes follow the data
    copy.writeUInt32LE(0, 14);
    copy.writeUInt32LE(0, 18);
    copy.writeUInt32LE(0, 22);
    expect(readMember(copy, firstOf(copy), 1e6).length).toBe(6000);
  });

  it.each([
    ["not a zip", Buffer.from("hello"), "no zip directory"],
    ["a truncated zip", zip.subarray(0, zip.length - 30), "no zip directory"],
  ])("refuses %s", (_, bytes, message) => {
    expect(() => listZip(bytes)).toThrow(new ZipError(message));
  });

  it("refuses a member over the caller's limit before inflating it", () => {
    expect(() => readMember(zip, firstOf(zip), 100)).toThrow("too large");
  });
});
