/**
 * Issue 18, hostile input (the inbound half of the hostile-input suite, docs/reliability.md §2): what an
 * inbound mail can do to readInboundMessage. Every case either reads (with a warning for what was skipped)
 * or is refused with AppError("VALIDATION") and a sentence; nothing else may escape, nothing may make it
 * hold more than the limits in src/server/inbound/limits.ts. Ends with a fast-check fuzz of mutated
 * fixtures (fixed seed).
 */

import { getHeapStatistics } from "node:v8";
import { deflateRawSync } from "node:zlib";
import fc from "fast-check";
import { zipSync } from "fflate";
import MailComposer from "nodemailer/lib/mail-composer";
import { describe, expect, it } from "vitest";
import { AppError } from "@/server/errors";
import { MAX_BODY_CHARS, MAX_MESSAGE_BYTES, MAX_ZIP_EXPANDED_BYTES } from "@/server/inbound/limits";
import { readInboundMessage } from "@/server/inbound/read-message";
import type { InboundMessage } from "@/server/inbound/types";
import {
  brokenDocumentsMail,
  forgedSizeZipMail,
  htmlOnlyLsMail,
  ituLsMail,
  malformedMimeMail,
  manyMembersZipMail,
  nestedZipMail,
  plainLsMail,
  repeatedMemberZip,
  TRAVERSAL_MEMBER_NAMES,
  threeGppLsMail,
  traversalNamesMail,
  zipBombMail,
  zipOf,
} from "../fixtures/inbound/build-fixtures";

const mail = (options: ConstructorParameters<typeof MailComposer>[0]) =>
  new MailComposer({ from: "a@example.org", to: "b@example.org", subject: "LS", text: "x", ...options })
    .compile()
    .build();

/** What must hold of every message read, hostile or not. */
function expectSafe(message: InboundMessage) {
  const names = message.files.map((f) => f.fileName);
  for (const name of names) {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for
    expect(name).not.toMatch(/[/\\\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/);
    expect(name).not.toMatch(/^[.\s]/);
    expect(name.length).toBeGreaterThan(0);
    expect(name.length).toBeLessThanOrEqual(255);
  }
  expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for
  expect(message.bodyText).not.toMatch(/\u0000/);
  expect(message.subject).not.toMatch(/[\r\n]/);
  expect(message.from ?? "").not.toMatch(/[\r\n]/);
  for (const warning of message.warnings) expect(warning).toMatch(/^\S.*[.)]$/s);
}

async function refusal(raw: Buffer): Promise<AppError> {
  const error = await readInboundMessage(raw).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe("VALIDATION");
  return error as AppError;
}

describe("refused messages", () => {
  it("an empty input", async () => {
    expect((await refusal(Buffer.alloc(0))).message).toBe("The message is empty.");
  });

  it("a message over MAX_MESSAGE_BYTES, before parsing", async () => {
    const started = performance.now();
    const error = await refusal(Buffer.alloc(MAX_MESSAGE_BYTES + 1, "a"));
    expect(error.message).toBe(
      "The message is 50 MB, more than the 50 MB an incoming message may be; nothing was read.",
    );
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("bytes that are not a mail", async () => {
    const error = await refusal(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    expect(error.message).toBe("This is not an e-mail message: it has no From, Subject, Date or Message-ID header.");
  });
});

describe("MIME structure beyond mailparser's own limits", () => {
  it("5,000 nested multiparts, 20,000 parts, a 5 MB header: refused with a sentence", async () => {
    let nested = "From: a@example.org\r\nSubject: deep\r\nMIME-Version: 1.0\r\n";
    for (let i = 0; i < 5000; i++) nested += `Content-Type: multipart/mixed; boundary="b${i}"\r\n\r\n--b${i}\r\n`;
    nested += "Content-Type: text/plain\r\n\r\nTitle: deep\r\n";
    expect((await refusal(Buffer.from(nested))).message).toBe(
      "The message could not be read as an e-mail (Max allowed child nodes exceeded).",
    );
    const parts = Array.from(
      { length: 20_000 },
      (_, i) => `--X\r\nContent-Disposition: attachment; filename=f${i}\r\n\r\nx\r\n`,
    );
    const many = `From: a@example.org\r\nSubject: many\r\nContent-Type: multipart/mixed; boundary=X\r\n\r\n${parts.join("")}--X--\r\n`;
    expect((await refusal(Buffer.from(many))).message).toMatch(/^The message could not be read as an e-mail \(/);
    const header = `From: a@example.org\r\nSubject: ${"x".repeat(5_000_000)}\r\n\r\nbody`;
    expect((await refusal(Buffer.from(header))).message).toBe(
      "The message could not be read as an e-mail (Max header size for a MIME node exceeded).",
    );
  });

  it("500 nested multiparts are read", async () => {
    let nested = "From: a@example.org\r\nSubject: deep\r\nMIME-Version: 1.0\r\n";
    for (let i = 0; i < 500; i++) nested += `Content-Type: multipart/mixed; boundary="b${i}"\r\n\r\n--b${i}\r\n`;
    nested += "Content-Type: text/plain\r\n\r\nTitle: deep\r\n";
    expect((await readInboundMessage(Buffer.from(nested))).bodyText).toBe("Title: deep\n");
  });
});

describe("zips", () => {
  it("a zip bomb (150 MB declared) is kept but not expanded", async () => {
    // This thread's own ArrayBuffer memory: process.memoryUsage() would count the file running beside it (ADR 044).
    const before = getHeapStatistics().external_memory;
    const message = await readInboundMessage(await zipBombMail());
    expectSafe(message);
    expect(message.files.map((f) => f.fileName)).toEqual(["S2-2419999.zip"]);
    expect(message.warnings[0]).toBe(
      "S2-2419999.zip was not expanded: its files would take 150 MB, more than the 100 MB still allowed for this message; it is kept as it is.",
    );
    expect(getHeapStatistics().external_memory - before).toBeLessThan(MAX_ZIP_EXPANDED_BYTES);
  });

  it("the expanded-size budget is per message: a second zip does not get a new one", async () => {
    const half = repeatedMemberZip(60, 1024 * 1024);
    const message = await readInboundMessage(
      await mail({
        attachments: [
          { filename: "one.zip", content: half },
          { filename: "two.zip", content: half },
        ],
      }),
    );
    expect(message.files.filter((f) => f.fromZip === "one.zip")).toHaveLength(60);
    expect(message.files.filter((f) => f.fromZip === "two.zip")).toHaveLength(0);
    expect(message.warnings[0]).toMatch(/^two\.zip was not expanded: its files would take 60 MB, more than the 40 MB/);
  });

  it("a member whose data outgrows its declared size (1 KB declared, 1 GB inside) is abandoned at once", async () => {
    const raw = await forgedSizeZipMail();
    const started = performance.now();
    const message = await readInboundMessage(raw);
    const elapsed = performance.now() - started;
    expect(message.files.map((f) => f.fileName)).toEqual(["S2-2419998.zip"]);
    expect(message.warnings[0]).toBe(
      "S2-2419998.zip › cover.txt could not be expanded (its data is larger than it declares); it was skipped.",
    );
    // inflating the whole gigabyte takes seconds even when the output is dropped; stopping takes milliseconds
    expect(elapsed).toBeLessThan(5000);
  });

  it("a member whose CRC does not match is skipped", async () => {
    const data = deflateRawSync(Buffer.from("Title: LS on X\n"));
    const zip = zipOf([{ name: "S2-2410000.txt", data, crc: 12345, size: 15 }]);
    const message = await readInboundMessage(await mail({ attachments: [{ filename: "a.zip", content: zip }] }));
    expect(message.files.map((f) => f.fileName)).toEqual(["a.zip"]);
    expect(message.warnings[0]).toBe(
      "a.zip › S2-2410000.txt could not be expanded (damaged data (CRC mismatch)); it was skipped.",
    );
  });

  it("an encrypted member is skipped; a stored one is read", async () => {
    const data = deflateRawSync(Buffer.from("secret"));
    const encrypted = zipOf([{ name: "secret.txt", data, crc: 0, size: 6 }]);
    encrypted.writeUInt16LE(1, 6); // local header: general purpose flag bit 0 (encrypted)
    encrypted.writeUInt16LE(1, encrypted.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 8); // central directory
    const stored = Buffer.from(zipSync({ "plain.txt": new TextEncoder().encode("Title: X\n") }, { level: 0 }));
    const message = await readInboundMessage(
      await mail({
        attachments: [
          { filename: "e.zip", content: encrypted },
          { filename: "s.zip", content: stored },
        ],
      }),
    );
    expect(message.files.map((f) => f.fileName)).toEqual(["e.zip", "s.zip", "plain.txt"]);
    expect(message.files[2]?.bytes.toString()).toBe("Title: X\n");
    expect(message.warnings[0]).toBe("e.zip › secret.txt could not be expanded (encrypted); it was skipped.");
  });

  it("1,000 members: kept, not expanded", async () => {
    const message = await readInboundMessage(await manyMembersZipMail());
    expect(message.files).toHaveLength(1);
    expect(message.warnings[0]).toBe(
      "S2-2419997.zip was not expanded: it holds 1000 files, more than the 200 still allowed for this message; it is kept as it is.",
    );
  });

  it("a zip inside a zip is kept, not expanded", async () => {
    const message = await readInboundMessage(await nestedZipMail());
    expect(message.files.map((f) => [f.fileName, f.fromZip])).toEqual([
      ["S2-2419993.zip", undefined],
      ["inner.zip", "S2-2419993.zip"],
      ["readme.txt", "S2-2419993.zip"],
    ]);
    expect(message.warnings).toContain(
      "S2-2419993.zip › inner.zip is a zip inside a zip; it is kept but not expanded.",
    );
  });

  it("a member over the per-file limit is skipped with a warning; the others are kept", async () => {
    const zip = Buffer.from(zipSync({ "big.bin": new Uint8Array(4096), "small.txt": new Uint8Array(10) }));
    const message = await readInboundMessage(await mail({ attachments: [{ filename: "a.zip", content: zip }] }), {
      maxAttachmentBytes: 2048,
    });
    expect(message.files.map((f) => f.fileName)).toEqual(["a.zip", "small.txt"]);
    expect(message.warnings[0]).toBe("a.zip › big.bin was skipped: 4 KB is more than 2 KB per file.");
  });
});

describe("names", () => {
  it("path traversal, absolute paths, bidi overrides, device names and duplicates become safe unique names", async () => {
    const message = await readInboundMessage(await traversalNamesMail());
    expectSafe(message);
    expect(message.files.map((f) => f.fileName)).toEqual([
      "odd.zip",
      "passwd",
      "evil",
      "evil.bat",
      "outside.docx",
      "reportxcod.exe",
      "_con.txt",
      "tab andbell.txt",
      "report.docx",
      "REPORT (2).docx",
      "odd-file-10",
      `${"x".repeat(251)}.pdf`,
      "authorized_keys",
    ]);
    expect(message.warnings).toContain('odd.zip › "../../../etc/passwd" was renamed passwd.');
    expect(message.warnings).toContain(
      'The attachment "../../../home/user/.ssh/authorized_keys" was renamed authorized_keys.',
    );
    expect(message.warnings.some((w) => w.includes("\u202e"))).toBe(false);
    expect(TRAVERSAL_MEMBER_NAMES).toHaveLength(11);
  });

  it("too many files: the first maxFiles are kept", async () => {
    const attachments = Array.from({ length: 5 }, (_, i) => ({ filename: `f${i}.txt`, content: `file ${i}` }));
    const message = await readInboundMessage(await mail({ attachments }), { maxFiles: 3 });
    expect(message.files.map((f) => f.fileName)).toEqual(["f0.txt", "f1.txt", "f2.txt"]);
    expect(message.warnings).toContain("Only the first 3 files of the message were kept.");
  });

  it("an attachment over the per-file limit is skipped with a warning", async () => {
    const message = await readInboundMessage(
      await mail({ attachments: [{ filename: "big.pdf", content: Buffer.alloc(3000) }] }),
      { maxAttachmentBytes: 2048 },
    );
    expect(message.files).toEqual([]);
    expect(message.warnings[0]).toBe("big.pdf was skipped: 3 KB is more than 2 KB per file.");
  });
});

describe("documents and MIME", () => {
  it("a broken PDF, a password-protected PDF, an encrypted .docx, a .doc and a broken zip: warnings, never a crash", async () => {
    const message = await readInboundMessage(await brokenDocumentsMail());
    expectSafe(message);
    expect(message.files.map((f) => f.fileName)).toEqual([
      "S2-2419996.pdf",
      "SG15-LS999.pdf",
      "S2-2419996.docx",
      "S2-2419995.doc",
      "S2-2419994.zip",
    ]);
    expect(message.warnings).toEqual([
      "S2-2419994.zip could not be opened as a zip (it is damaged or not a zip); it is kept as it is.",
      "S2-2419996.docx could not be read: the document is encrypted (password protected).",
      expect.stringMatching(/^S2-2419996\.pdf could not be read: the PDF is damaged \(.+\)\.$/),
      "SG15-LS999.pdf could not be read: the PDF is protected by a password.",
      "S2-2419995.doc could not be read: Word 97–2003 (.doc) files cannot be read here; a .docx or PDF copy can.",
      "No LS cover sheet was recognised in the attachments or the mail body; the fields are left for you.",
    ]);
    expect(message.coverSheet).toBeUndefined();
  });

  it("malformed MIME is read as far as it goes", async () => {
    const message = await readInboundMessage(malformedMimeMail());
    expectSafe(message);
    expect(message.messageId).toBe("malformed@3gpp.example");
    expect(message.subject).toContain("S2-2419992");
    expect(message.bodyText).toContain("Title: LS on something");
    expect(message.files.map((f) => f.fileName)).toEqual(["S2-2419992.pdf"]);
  });

  it("a body longer than a statement's body is cut, with a warning", async () => {
    const message = await readInboundMessage(await mail({ text: "word ".repeat(300_000) }));
    expect(message.bodyText).toHaveLength(MAX_BODY_CHARS);
    expect(message.warnings).toContain(
      "The mail body was cut at 1,000,000 characters (the longest body a statement may have).",
    );
  });

  it("a forged, folded sender is one line of text", async () => {
    const raw = Buffer.from(
      'From: "Chair" <ietf-chair@example.org>\r\n\tBcc: victim@example.org\r\nSubject: LS\r\nMessage-ID: <a b>\r\n\r\nTitle: X\r\n',
    );
    const message = await readInboundMessage(raw);
    expectSafe(message);
    // whatever mailparser makes of it, it stays text on one line (expectSafe), never a header of ours
    expect(message.from).toContain("Chair");
    expect(message.messageId).toBeUndefined();
    expect(message.warnings).toContain("The Message-ID header is malformed; it is ignored.");
  });

  it("an HTML-only body keeps no script, style or javascript: link", async () => {
    const message = await readInboundMessage(await htmlOnlyLsMail());
    expect(message.bodyText).not.toMatch(/LEAK|javascript:|<script|<style/i);
  });
});

describe("fuzz: mutated fixtures (fast-check)", () => {
  it("reads or refuses with VALIDATION, and what it reads is safe", async () => {
    const seeds = await Promise.all([
      threeGppLsMail(),
      ituLsMail(),
      plainLsMail(),
      traversalNamesMail(),
      malformedMimeMail(),
    ]);
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
      fc.record({ kind: fc.constant("cut" as const), at: fc.nat() }),
      fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), bytes: fc.uint8Array({ maxLength: 64 }) }),
      fc.record({
        kind: fc.constant("header" as const),
        line: fc.constantFrom(
          "Content-Type: multipart/mixed; boundary=",
          "Content-Transfer-Encoding: base64",
          "Content-Type: text/html",
          'Content-Disposition: attachment; filename="../../x.zip"',
          "From: \u0000\r\n\tx",
          `Subject: ${"=?utf-8?B?".repeat(50)}`,
        ),
      }),
    );
    let read = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: seeds.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        async (which, mutations) => {
          let raw = Buffer.from(seeds[which] as Buffer);
          for (const m of mutations) {
            const at = raw.length ? ("at" in m ? m.at % raw.length : 0) : 0;
            if (m.kind === "flip") raw[at] = m.byte;
            else if (m.kind === "cut") raw = raw.subarray(0, at);
            else if (m.kind === "insert") raw = Buffer.concat([raw.subarray(0, at), m.bytes, raw.subarray(at)]);
            else raw = Buffer.concat([Buffer.from(`${m.line}\r\n`), raw]);
          }
          try {
            expectSafe(await readInboundMessage(raw));
            read += 1;
          } catch (error) {
            if (!(error instanceof AppError) || error.code !== "VALIDATION") throw error;
            refused += 1;
          }
        },
      ),
      { numRuns: 300, seed: 20_261_206 },
    );
    console.info(`inbound fuzz: numRuns=300 seed=20261206 read=${read} refused=${refused}`);
    expect(read + refused).toBe(300);
  }, 240_000);
});
