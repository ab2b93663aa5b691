import { describe, expect, it } from "vitest";
import { coverSheetScore, parseCoverSheet } from "./cover-sheet";
import { firstDateIn } from "./dates";
import { decodeText } from "./decode-text";
import { safeFileName, uniqueNamer, wasRenamed } from "./file-names";
import { documentNumbersIn } from "./identifiers";

describe("firstDateIn", () => {
  it.each([
    ["TSG-SA WG2 Meeting #166\t18th – 22nd November 2024\tOrlando, US", "2024-11-18"],
    ["SA2#167 13 - 17 January 2025 Sophia Antipolis", "2025-01-13"],
    ["30 December 2024 – 3 January 2025", "2024-12-30"],
    ["30 Dec – 3 Jan 2025", "2024-12-30"],
    ["25th November – 1st December 2024, Fukuoka", "2024-11-25"],
    ["15 September 2025", "2025-09-15"],
    ["Deadline 1st Sept. 2025", "2025-09-01"],
    ["November 18-22, 2024", "2024-11-18"],
    ["March 3, 2025", "2025-03-03"],
    ["2025-03-01", "2025-03-01"],
    ["meeting #168 2025-04-07 to 2025-04-11", "2025-04-07"],
    ["31 February 2025", undefined],
    ["TBD", undefined],
    ["Rel-19, 23.501", undefined],
  ])("%s → %s", (line, expected) => {
    expect(firstDateIn(line)).toBe(expected);
  });
});

describe("documentNumbersIn", () => {
  it.each([
    ["3GPP TSG-SA WG2 Meeting #165 S2-2410123", ["S2-2410123"]],
    ["LS (S2-2405678) on X and R4-2511898", ["S2-2405678", "R4-2511898"]],
    ["SP-240987, CP-243210, RP-241721, C4-243456", ["SP-240987", "CP-243210", "RP-241721", "C4-243456"]],
    ["[SG15-LS123] and COM 15 – LS 123 – E", ["SG15-LS123", "COM15-LS123"]],
    ["TSAG-LS12", ["TSAG-LS12"]],
    ["T25-SG15-LS-0123!!PDF-E.pdf", ["SG15-LS123"]],
    ["Rel-19 ATSSS_Ph4 23.501 S2-24", []],
  ])("%s", (text, expected) => {
    expect(documentNumbersIn(text)).toEqual(expected);
  });
});

describe("safeFileName", () => {
  it.each([
    ["S2-2410123.docx", "S2-2410123.docx"],
    ["../../../etc/passwd", "passwd"],
    ["C:\\Windows\\evil.bat", "evil.bat"],
    ["/abs/x.pdf", "x.pdf"],
    ["report\u202Excod.exe", "reportxcod.exe"],
    ["a\u0000b\tc.txt", "ab c.txt"],
    ["con.txt", "_con.txt"],
    [".hidden", "hidden"],
    ["..", "fallback"],
    ["", "fallback"],
    ['what?<>|*".pdf', "what______.pdf"],
    ["T25-SG15-LS-0123!!PDF-E.pdf", "T25-SG15-LS-0123!!PDF-E.pdf"],
  ])("%j → %j", (original, expected) => {
    expect(safeFileName(original, "fallback")).toBe(expected);
  });

  it("keeps the extension of a name cut to 255 characters", () => {
    const name = safeFileName(`${"é".repeat(400)}.docx`, "x");
    expect(name).toHaveLength(255);
    expect(name.endsWith(".docx")).toBe(true);
  });

  it("warns about traversal even when the base name is kept", () => {
    expect(wasRenamed("../x.pdf", "x.pdf")).toBe(true);
    expect(wasRenamed("docs/x.pdf", "x.pdf")).toBe(false);
  });

  it("disambiguates duplicates case-insensitively", () => {
    const unique = uniqueNamer();
    expect(["cover.docx", "Cover.docx", "cover.docx", "README"].map(unique)).toEqual([
      "cover.docx",
      "Cover (2).docx",
      "cover (3).docx",
      "README",
    ]);
  });
});

describe("decodeText", () => {
  it("reads UTF-8, a BOM, a declared charset, and falls back to Windows-1252", () => {
    expect(decodeText(Buffer.from("Réunion", "utf8"))).toBe("Réunion");
    expect(decodeText(Buffer.from([0xef, 0xbb, 0xbf, 0x41]))).toBe("A");
    expect(decodeText(Buffer.from([0x52, 0xe9, 0x75]), "iso-8859-1")).toBe("Réu");
    expect(decodeText(Buffer.from([0x52, 0xe9, 0x75, 0x80]))).toBe("Réu€");
    expect(decodeText(Buffer.from("ok"), "no-such-charset")).toBe("ok");
  });
});

// What mammoth gives for the 3GPP template: one paragraph per line, a blank line between paragraphs.
const asDocx = (lines: string[]) => lines.join("\n\n");
const FROM = "S2-2410123.zip › S2-2410123.docx";

describe("parseCoverSheet: 3GPP LS template", () => {
  const text = asDocx([
    "3GPP TSG-SA WG2 Meeting #165\tS2-2410123",
    "Orlando, US, 14th – 18th October 2024\t(revision of S2-2409876)",
    "Title:\tLS on QUIC multipath support for ATSSS",
    "Response to:\tLS (S2-2405678) on QUIC multipath from IETF QUIC WG",
    "Release:\tRel-19",
    "Work Item:\tATSSS_Ph4",
    "Source:\tSA WG2",
    "To:\tIETF QUIC WG, IETF MASQUE WG",
    "Cc:\tCT WG4; SA WG3.",
    "Contact Person:",
    "Name:\tJane Doe",
    "E-mail Address:\tjane.doe@example.com",
    "Send any reply LS to:\t3GPP Liaisons Coordinator, mailto:3GPPLiaison@etsi.org",
    "Attachments:\tS2-2409999",
    "1. Overall Description:",
    "To: is a word used in the body, not a field.",
    "2. Actions:",
    "To IETF QUIC WG.",
    "ACTION:\tSA WG2 kindly asks IETF QUIC WG to confirm the path limit.",
    "To IETF MASQUE WG.",
    "ACTION:\tSA WG2 asks IETF MASQUE WG to take the above into account.",
    "3. Date of Next TSG-SA WG2 Meetings:",
    "TSG-SA WG2 Meeting #166\t18th – 22nd November 2024\tOrlando, US",
    "TSG-SA WG2 Meeting #167\t13th – 17th January 2025\tSophia Antipolis, FR",
  ]);
  const sheet = parseCoverSheet(text, { from: FROM, kind: "3gpp", date: new Date("2024-10-18T12:00:00Z") });

  it("reads every labelled field with its line", () => {
    expect(sheet.title).toEqual({
      value: "LS on QUIC multipath support for ATSSS",
      source: { from: FROM, text: "Title: LS on QUIC multipath support for ATSSS" },
    });
    expect(sheet.source?.value).toBe("SA WG2");
    expect(sheet.to.map((r) => r.value)).toEqual(["IETF QUIC WG", "IETF MASQUE WG"]);
    expect(sheet.to[0]?.source.text).toBe("To: IETF QUIC WG, IETF MASQUE WG");
    expect(sheet.cc.map((r) => r.value)).toEqual(["CT WG4", "SA WG3"]);
    expect(sheet.responseTo.map((r) => r.value)).toEqual(["S2-2405678"]);
    expect(sheet.contacts.map((r) => r.value)).toEqual(["Jane Doe <jane.doe@example.com>"]);
    expect(sheet.replyTo?.value).toBe("3GPP Liaisons Coordinator <3GPPLiaison@etsi.org>");
    expect(sheet.other.map((r) => r.value)).toEqual([
      "Release: Rel-19",
      "Work Item: ATSSS_Ph4",
      "Attachments: S2-2409999",
    ]);
  });

  it("takes the Tdoc from the header line, not the revised one nor the answered one", () => {
    expect(sheet.identifiers).toEqual([
      { value: "S2-2410123", source: { from: FROM, text: "3GPP TSG-SA WG2 Meeting #165 S2-2410123" } },
    ]);
  });

  it("joins the ACTION: paragraphs and makes the purpose For action", () => {
    expect(sheet.actionText?.value).toBe(
      "SA WG2 kindly asks IETF QUIC WG to confirm the path limit.\n\nSA WG2 asks IETF MASQUE WG to take the above into account.",
    );
    expect(sheet.purpose?.value).toBe("action");
  });

  it("suggests the first day of the next meeting on or after the message date as the deadline", () => {
    expect(sheet.deadline?.value).toBe("2024-11-18");
    expect(sheet.deadline?.source.text).toContain("Meeting #166");
    const later = parseCoverSheet(text, { from: FROM, kind: "3gpp", date: new Date("2024-12-01T00:00:00Z") });
    expect(later.deadline?.value).toBe("2025-01-13");
  });

  it("finds the Tdoc in the file name, then the subject, when the header has none", () => {
    const bare = "Title:\tLS on X\n\nSource:\tSA WG2\n\nTo:\tIETF\n\nRelease:\tRel-19";
    expect(parseCoverSheet(bare, { from: "x.docx", kind: "3gpp", fileNames: ["S2-2411111.docx"] }).identifiers).toEqual(
      [{ value: "S2-2411111", source: { from: "file name", text: "S2-2411111.docx" } }],
    );
    expect(
      parseCoverSheet(bare, { from: "x.docx", kind: "3gpp", subject: "LS from SA2 (S2-2412222)" }).identifiers[0]
        ?.value,
    ).toBe("S2-2412222");
  });

  it("says For information when the Actions section says None, and reads a bare coordinator name", () => {
    const info = parseCoverSheet(
      "Title: LS on Y\nSource: SA WG3\nTo: IETF TLS WG\nSend any reply LS to: 3GPP Liaisons Coordinator\n\n2. Actions: None.",
      { from: "mail body", kind: "plain" },
    );
    expect(info.purpose?.value).toBe("information");
    expect(info.replyTo?.value).toBe("3GPP Liaisons Coordinator <3GPPLiaison@etsi.org>");
    expect(info.actionText).toBeUndefined();
    expect(info.deadline).toBeUndefined();
  });

  it("keeps a Response to without a document number as text, and empty fields out", () => {
    const sheet2 = parseCoverSheet("Title: Z\nResponse to: your LS of March\nCc: -\nSource: N/A", {
      from: "mail body",
      kind: "plain",
    });
    expect(sheet2.responseTo).toEqual([]);
    expect(sheet2.other.map((r) => r.value)).toEqual(["Response to: your LS of March"]);
    expect(sheet2.cc).toEqual([]);
    expect(sheet2.source).toBeUndefined();
  });

  it("reads a sheet laid out as a table (label and value in separate cells)", () => {
    const table = asDocx([
      "Title:",
      "LS on X",
      "Source:",
      "SA WG2",
      "To:",
      "IETF QUIC WG",
      "Contact person:",
      "Jane Doe",
      "jane@example.com",
    ]);
    const read = parseCoverSheet(table, { from: "t.docx", kind: "3gpp" });
    expect(read.title?.value).toBe("LS on X");
    expect(read.title?.source.text).toBe("Title: LS on X");
    expect(read.source?.value).toBe("SA WG2");
    expect(read.to.map((r) => r.value)).toEqual(["IETF QUIC WG"]);
    expect(read.contacts.map((r) => r.value)).toEqual(["Jane Doe <jane@example.com>"]);
  });

  it("reads the older template: the address on the line after the name", () => {
    const old = parseCoverSheet(
      "Title:\tX\n\nContact person:\tJohn Smith, Nokia\n\n\tjohn.smith@example.com\n\nAttachments:\tnone",
      {
        from: "a.docx",
        kind: "3gpp",
      },
    );
    expect(old.contacts.map((r) => r.value)).toEqual(["John Smith <john.smith@example.com>"]);
    expect(old.other).toEqual([]);
  });
});

describe("parseCoverSheet: ITU-T liaison statement", () => {
  const text = [
    "INTERNATIONAL TELECOMMUNICATION UNION STUDY GROUP 15",
    "TELECOMMUNICATION STANDARDIZATION SECTOR SG15-LS123",
    "LIAISON STATEMENT",
    "Question(s): 10/15, 12/15",
    "Source: ITU-T Study Group 15",
    "Title: LS on fronthaul transport",
    "For action to: IETF DetNet WG",
    "For comment to: IETF CCAMP WG",
    "For information to: IEEE 802.1",
    "Approval: Agreed to at SG15 meeting (Geneva, 11 April 2025)",
    "Deadline: 15 September 2025",
    "Contact: Hiroshi Tanaka    Tel: +81 3 1234 5678",
    "Rapporteur Q10/15",
    "E-mail: hiroshi.tanaka@example.jp",
    "Contact: Maria Rossi E-mail: maria.rossi@example.it",
  ].join("\n");
  const sheet = parseCoverSheet(text, { from: "LS123.pdf", kind: "itu-t" });

  it("reads the ITU-T fields; the first of action/comment/information gives the purpose", () => {
    expect(sheet.title?.value).toBe("LS on fronthaul transport");
    expect(sheet.source?.value).toBe("ITU-T Study Group 15");
    expect(sheet.to.map((r) => [r.value, r.source.text])).toEqual([
      ["IETF DetNet WG", "For action to: IETF DetNet WG"],
      ["IETF CCAMP WG", "For comment to: IETF CCAMP WG"],
      ["IEEE 802.1", "For information to: IEEE 802.1"],
    ]);
    expect(sheet.purpose).toEqual({
      value: "action",
      source: { from: "LS123.pdf", text: "For action to: IETF DetNet WG" },
    });
    expect(sheet.deadline?.value).toBe("2025-09-15");
    expect(sheet.identifiers.map((r) => r.value)).toEqual(["SG15-LS123"]);
    expect(sheet.contacts.map((r) => r.value)).toEqual([
      "Hiroshi Tanaka <hiroshi.tanaka@example.jp>",
      "Maria Rossi <maria.rossi@example.it>",
    ]);
    expect(sheet.other.map((r) => r.value)).toEqual([
      "Question(s): 10/15, 12/15",
      "Approval: Agreed to at SG15 meeting (Geneva, 11 April 2025)",
    ]);
  });

  it("For comment only → purpose comment; an unreadable deadline is kept as text", () => {
    const comment = parseCoverSheet(
      "Title: T\nFor action to: -\nFor comment to: IETF OPSAWG\nDeadline: at the next meeting",
      {
        from: "x.pdf",
        kind: "itu-t",
      },
    );
    expect(comment.purpose?.value).toBe("comment");
    expect(comment.deadline).toBeUndefined();
    expect(comment.other.map((r) => r.value)).toEqual(["Deadline: at the next meeting"]);
  });
});

describe("parseCoverSheet: ITU-T cover as a .docx table (what mammoth gives for the cells)", () => {
  it("reads label and value cells, the contact cells, and ignores other cells", () => {
    const cells = asDocx([
      "INTERNATIONAL TELECOMMUNICATION UNION",
      "TELECOMMUNICATION STANDARDIZATION SECTOR",
      "STUDY PERIOD 2025-2028",
      "SG15-LS45",
      "STUDY GROUP 15",
      "Original: English",
      "Question(s):",
      "11/15",
      "Meeting, date:",
      "Geneva, 31 March – 11 April 2025",
      "LIAISON STATEMENT",
      "Source:",
      "ITU-T Study Group 15",
      "Title:",
      "LS on OTN beyond 400G",
      "For action to:",
      "IETF CCAMP WG",
      "For information to:",
      "-",
      "Approval:",
      "Agreed to at SG15 meeting",
      "Deadline:",
      "1 September 2025",
      "Contact:",
      "Stephen Shew",
      "Ciena",
      "Canada",
      "Tel: +1 613 555 0100",
      "E-mail: sshew@example.com",
    ]);
    expect(coverSheetScore(cells)?.kind).toBe("itu-t");
    const sheet = parseCoverSheet(cells, { from: "T25-SG15-LS-0045!!MSW-E.docx", kind: "itu-t" });
    expect(sheet.title?.value).toBe("LS on OTN beyond 400G");
    expect(sheet.source?.value).toBe("ITU-T Study Group 15");
    expect(sheet.to.map((r) => r.value)).toEqual(["IETF CCAMP WG"]);
    expect(sheet.purpose?.value).toBe("action");
    expect(sheet.deadline?.value).toBe("2025-09-01");
    expect(sheet.contacts.map((r) => r.value)).toEqual(["Stephen Shew <sshew@example.com>"]);
    expect(sheet.identifiers.map((r) => r.value)).toEqual(["SG15-LS45"]);
    expect(sheet.other.map((r) => r.value)).toEqual(["Question(s): 11/15", "Approval: Agreed to at SG15 meeting"]);
  });
});

describe("coverSheetScore", () => {
  it.each([
    ["3GPP template", "3GPP TSG SA WG2\nTitle: X\nSource: SA2\nTo: IETF\nSend any reply LS to: a@b.org", "3gpp"],
    ["ITU-T cover", "LIAISON STATEMENT\nTitle: X\nSource: SG15\nFor action to: IETF", "itu-t"],
    ["a letter", "Dear colleagues,\n\nPlease find attached the LS.\n\nRegards", undefined],
    ["a CR cover", "CHANGE REQUEST\nTitle: X\nSource to WG: Nokia\nWork item code: ATSSS", undefined],
  ])("%s", (_, text, kind) => {
    expect(coverSheetScore(text)?.kind).toBe(kind);
  });
});
