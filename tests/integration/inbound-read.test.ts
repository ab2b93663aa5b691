/**
 * Issue 18, reading: each realistic fixture (tests/fixtures/inbound/build-fixtures.ts) read by
 * readInboundMessage, asserting the fields the draft is pre-filled with and where each was read from.
 * No database: reading is pure; the ingestion's tests cover what is done with it.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { extractText } from "@/server/inbound/extract-text";
import { readInboundMessage } from "@/server/inbound/read-message";
import type { CoverSheet, InboundMessage, Read } from "@/server/inbound/types";
import {
  docxOf,
  htmlOnlyLsMail,
  ituLsMail,
  pdfOf,
  plainLsMail,
  replyLsMail,
  threeGppLsMail,
  WORD_ONLY_IN_ITU_PDF,
} from "../fixtures/inbound/build-fixtures";

/** Reads the message once for the tests of a describe block. */
function reading(build: () => Promise<Buffer>) {
  const state = {} as { message: InboundMessage; sheet: CoverSheet };
  beforeAll(async () => {
    state.message = await readInboundMessage(await build());
    state.sheet = sheetOf(state.message.coverSheet);
  });
  return state;
}

const values = (reads: Read<string>[]) => reads.map((r) => r.value);
const sheetOf = (sheet: CoverSheet | undefined): CoverSheet => {
  if (!sheet) throw new Error("no cover sheet was read");
  return sheet;
};

describe("3GPP LS from the liaison coordinator: S2-2410123.zip with a .docx cover sheet", () => {
  const r = reading(threeGppLsMail);
  const cover = "S2-2410123.zip › S2-2410123.docx";

  it("reads the headers; the sender is only text", () => {
    expect(r.message.messageId).toBe("ls-s2-2410123.20241018140500@3gpp.example");
    expect(r.message.from).toBe('"3GPP Liaisons Coordinator" <3GPPLiaison@etsi.org>');
    expect(r.message.subject).toBe("LS from 3GPP TSG SA WG2: LS on QUIC multipath support for ATSSS (S2-2410123)");
    expect(r.message.date?.toISOString()).toBe("2024-10-18T14:05:00.000Z");
    expect(r.message.bodyText).toContain("Please find attached an LS from 3GPP TSG SA WG2");
    expect(r.message.warnings).toEqual([]);
  });

  it("keeps the zip and expands its members", () => {
    expect(r.message.files.map((f) => [f.fileName, f.fromZip])).toEqual([
      ["S2-2410123.zip", undefined],
      ["S2-2410123.docx", "S2-2410123.zip"],
      ["S2-2409999.docx", "S2-2410123.zip"],
    ]);
    expect(r.message.files[1]?.contentType).toBe(
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    );
  });

  it("pre-fills every field of the 3GPP template from the .docx cover sheet", () => {
    expect(r.sheet.kind).toBe("3gpp");
    expect(r.sheet.title).toEqual({
      value: "LS on QUIC multipath support for ATSSS",
      source: { from: cover, text: "Title: LS on QUIC multipath support for ATSSS" },
    });
    expect(r.sheet.identifiers).toEqual([
      { value: "S2-2410123", source: { from: cover, text: "3GPP TSG-SA WG2 Meeting #165 S2-2410123" } },
    ]);
    expect(r.sheet.source).toEqual({ value: "SA WG2", source: { from: cover, text: "Source: SA WG2" } });
    expect(values(r.sheet.to)).toEqual(["IETF QUIC WG", "IETF MASQUE WG"]);
    expect(values(r.sheet.cc)).toEqual(["CT WG4", "SA WG3"]);
    expect(r.sheet.responseTo).toEqual([]);
    expect(r.sheet.contacts).toEqual([
      {
        value: "Jane Doe <jane.doe@example.com>",
        source: { from: cover, text: "Contact person: Jane Doe jane.doe@example.com" },
      },
    ]);
    expect(r.sheet.replyTo?.value).toBe("3GPP Liaisons Coordinator <3GPPLiaison@etsi.org>");
    expect(r.sheet.purpose?.value).toBe("action");
    expect(r.sheet.actionText?.value).toMatch(
      /^SA WG2 kindly asks IETF QUIC WG to confirm that draft-ietf-quic-multipath/,
    );
    expect(r.sheet.deadline).toEqual({
      value: "2024-11-18",
      source: { from: cover, text: "TSG-SA WG2 Meeting #166 18th – 22nd November 2024 Orlando, US" },
    });
    expect(values(r.sheet.other)).toEqual(["Release: Rel-19", "Work Item: ATSSS_Ph4", "Attachments: S2-2409999"]);
  });
});

describe("ITU-T SG15 LS from TSB with a PDF cover sheet", () => {
  const r = reading(ituLsMail);
  const cover = "T25-SG15-LS-0123!!PDF-E.pdf";

  it("unpdf reads back the text pdf-lib wrote, the word only the PDF has included", async () => {
    const file = r.message.files[0];
    if (!file) throw new Error("no PDF");
    const text = await extractText(file);
    expect(text.ok && text.text).toContain("Title: LS on fronthaul transport over deterministic networks");
    expect(text.ok && text.text).toContain(WORD_ONLY_IN_ITU_PDF);
    const elsewhere = [r.message.subject, r.message.bodyText, JSON.stringify({ ...r.sheet })].join(" ");
    expect(elsewhere).not.toContain(WORD_ONLY_IN_ITU_PDF);
  });

  it("pre-fills the ITU-T fields with their sources", () => {
    expect(r.sheet.kind).toBe("itu-t");
    expect(r.sheet.title?.value).toBe("LS on fronthaul transport over deterministic networks");
    expect(r.sheet.title?.source.from).toBe(cover);
    expect(r.sheet.identifiers).toEqual([
      { value: "SG15-LS123", source: { from: cover, text: "TELECOMMUNICATION STANDARDIZATION SECTOR SG15-LS123" } },
    ]);
    expect(r.sheet.source?.value).toBe("ITU-T Study Group 15");
    expect(values(r.sheet.to)).toEqual(["IETF DetNet WG", "IETF CCAMP WG", "IEEE 802.1"]);
    expect(r.sheet.purpose).toEqual({
      value: "action",
      source: { from: cover, text: "For action to: IETF DetNet WG, IETF CCAMP WG" },
    });
    expect(r.sheet.deadline).toEqual({
      value: "2025-09-15",
      source: { from: cover, text: "Deadline: 15 September 2025" },
    });
    expect(values(r.sheet.contacts)).toEqual([
      "Hiroshi Tanaka <hiroshi.tanaka@example.jp>",
      "Maria Rossi <maria.rossi@example.it>",
    ]);
    expect(values(r.sheet.other)).toEqual([
      "Question(s): 10/15, 12/15",
      "Approval: Agreed to at SG15 meeting (Geneva, 11 April 2025)",
    ]);
    expect(r.message.warnings).toEqual([]);
  });
});

describe("a plain-text LS in the mail body", () => {
  const r = reading(plainLsMail);

  it("reads the same labels from the body", () => {
    expect(r.message.files).toEqual([]);
    expect(r.sheet.kind).toBe("plain");
    expect(r.sheet.title).toEqual({
      value: "LS on time-sensitive networking profiles for DetNet",
      source: { from: "mail body", text: "Title: LS on time-sensitive networking profiles for DetNet" },
    });
    expect(r.sheet.source?.value).toBe("IEEE 802.1 Working Group");
    expect(values(r.sheet.to)).toEqual(["IETF DetNet WG"]);
    expect(values(r.sheet.cc)).toEqual(["IETF TSVWG"]);
    expect(values(r.sheet.contacts)).toEqual(["Glenn Parsons <glenn.parsons@example.com>"]);
    expect(r.sheet.deadline?.value).toBe("2025-03-01");
    expect(r.sheet.purpose?.value).toBe("action");
    expect(r.sheet.actionText?.value).toBe(
      "IEEE 802.1 asks the DetNet WG to review the draft profile and comment on the mapping of DetNet flows to TSN streams.",
    );
  });
});

describe("a 3GPP reply LS whose Response to names an earlier Tdoc", () => {
  it("reads the answered Tdoc, not as the sheet's own number", async () => {
    const message = await readInboundMessage(await replyLsMail({ respondsTo: "S2-2405678" }));
    const sheet = sheetOf(message.coverSheet);
    expect(sheet.responseTo).toEqual([
      {
        value: "S2-2405678",
        source: {
          from: "S2-2410456.docx",
          text: "Response to: LS (S2-2405678) on MASQUE proxying of Ethernet frames from IETF MASQUE WG",
        },
      },
    ]);
    expect(values(sheet.identifiers)).toEqual(["S2-2410456"]);
    expect(sheet.title?.value).toBe("Reply LS on MASQUE proxying of Ethernet frames");
    expect(sheet.purpose).toBeUndefined(); // no ACTION: paragraph: the LM chooses (In response)
    const other = await readInboundMessage(await replyLsMail({ respondsTo: "S2-2401111", messageId: "<other@x>" }));
    expect(values(sheetOf(other.coverSheet).responseTo)).toEqual(["S2-2401111"]);
    expect(other.messageId).toBe("other@x");
  });
});

describe("an HTML-only LS body", () => {
  const r = reading(htmlOnlyLsMail);

  it("is converted to text: no markup, script, style, handler or javascript: link survives", () => {
    expect(r.message.bodyText).toContain("Title: LS on YANG models for access networks");
    expect(r.message.bodyText).toContain("See our work on TR-383.");
    expect(r.message.bodyText).not.toMatch(/LEAK|javascript:|<\/?[a-z]+[ >]|color: red/i);
  });

  it("and read as a plain-text LS", () => {
    expect(r.sheet.kind).toBe("plain");
    expect(r.sheet.title?.value).toBe("LS on YANG models for access networks");
    expect(values(r.sheet.to)).toEqual(["IETF OPSAWG"]);
    expect(values(r.sheet.contacts)).toEqual(["Lincoln Lavoie <lincoln.lavoie@example.com>"]);
  });
});

describe("extractText", () => {
  it("reads DOCX, PDF, HTML and text, and bounds the output", async () => {
    const docx = await extractText({ fileName: "a.docx", contentType: "", bytes: await docxOf(["Title:\tfronthaul"]) });
    expect(docx).toEqual({ ok: true, text: "Title:\tfronthaul\n\n", truncated: false });
    const pdf = await extractText({
      fileName: "a.pdf",
      contentType: "application/pdf",
      bytes: await pdfOf(["eCPRI flows"]),
    });
    expect(pdf).toMatchObject({ ok: true, text: "eCPRI flows" });
    const misnamed = await extractText({
      fileName: "cover.doc",
      contentType: "application/msword",
      bytes: await docxOf(["Title:\tX"]),
    });
    expect(misnamed).toEqual({ ok: true, text: "Title:\tX\n\n", truncated: false });
    const html = await extractText({
      fileName: "a.html",
      contentType: "text/html; charset=utf-8",
      bytes: Buffer.from("<style>x{}</style><script>evil()</script><h1>Réunion</h1><p>fronthaul</p>"),
    });
    expect(html.ok && html.text).toMatch(/^R[ée]union\s+fronthaul$/i);
    const latin = await extractText({
      fileName: "a.txt",
      contentType: "text/plain; charset=iso-8859-1",
      bytes: Buffer.from([0x52, 0xe9]),
    });
    expect(latin).toEqual({ ok: true, text: "Ré", truncated: false });
    const long = await extractText(
      { fileName: "a.txt", contentType: "text/plain", bytes: Buffer.from("x".repeat(1000)) },
      { maxChars: 100 },
    );
    expect(long).toEqual({ ok: true, text: "x".repeat(100), truncated: true });
    expect(await extractText({ fileName: "a.png", contentType: "image/png", bytes: Buffer.from([1, 2]) })).toEqual({
      ok: false,
      reason: "no text reader for image/png",
    });
  });

  it("gives up after its time limit with a reason, never throwing", async () => {
    const pages = Array.from({ length: 2000 }, (_, i) => `line ${i} fronthaul`);
    const slow = await extractText(
      { fileName: "big.pdf", contentType: "application/pdf", bytes: await pdfOf(pages) },
      { timeoutMs: 1 },
    );
    // Either nothing was read in time (a reason) or the pages read so far, marked truncated.
    if (slow.ok) {
      expect(slow.truncated).toBe(true);
      expect(slow.text.length).toBeLessThan(pages.join("\n").length);
    } else expect(slow.reason).toBe("reading it took longer than 0.001 s");
    const bounded = await extractText(
      { fileName: "big.pdf", contentType: "application/pdf", bytes: await pdfOf(pages) },
      { maxChars: 500 },
    );
    expect(bounded).toMatchObject({ ok: true, truncated: true });
    expect(bounded.ok && bounded.text.length).toBe(500);
  });
});
