import { describe, expect, it } from "vitest";
import { type DirectoryGroup, matchGroupByAddress, matchGroupNames, nameKey } from "./match-groups";
import { cleanSubject, findDocumentNumbers, planDraft } from "./plan-draft";
import type { InboundMessage } from "./types";

const org = (acronym: string, name: string) => ({ acronym, name });
const G3PP = org("3gpp", "3rd Generation Partnership Project");
const ITU = org("itu-t", "ITU Telecommunication Standardization Sector");
const IETF = org("ietf", "Internet Engineering Task Force");
let next = 1;
const group = (acronym: string, name: string, organization: typeof IETF, addresses: string[] = []): DirectoryGroup => ({
  id: next++,
  acronym,
  name,
  isExternal: organization !== IETF,
  isActive: true,
  organization,
  addresses,
});
const directory = [
  group("3gpp-tsg-sa", "3GPP TSG SA (Service and System Aspects)", G3PP),
  group("3gpp-tsgsa-sa2", "3GPP TSG SA WG2 (Architecture)", G3PP, [
    "3GPP TSG SA2 Secretary <sa2-secretary@example.org>",
  ]),
  group("3gpp-tsgsa-sa3", "3GPP TSG SA WG3 (Security and Privacy)", G3PP),
  group(
    "itu-t-sg15",
    "ITU-T Study Group 15 (Networks, Technologies and Infrastructures for Transport, Access and Home)",
    ITU,
    ["tsbsg15@itu.example.org"],
  ),
  group("itu-t-sg13", "ITU-T Study Group 13 (Future networks)", ITU),
  group("ietf", "Internet Engineering Task Force", IETF, ["ietf@ietf.org"]),
  group("quic", "QUIC", IETF, ["quic@ietf.org"]),
  group("httpbis", "HTTP", IETF, ["httpbis@ietf.org"]),
  group("ccamp", "Common Control and Measurement Plane", IETF, ["ccamp@ietf.org"]),
];
const idOf = (acronym: string) => directory.find((g) => g.acronym === acronym)!.id;
const src = (from: string, text: string) => ({ from, text });
const message = (overrides: Partial<InboundMessage> = {}): InboundMessage => ({
  messageId: "m@example.org",
  from: '"TSB" <tsbsg15@itu.example.org>',
  subject: "LS on OTN",
  date: new Date("2026-11-02T10:00:00Z"),
  bodyText: "Mail body",
  files: [],
  warnings: [],
  ...overrides,
});

describe("matching names of the directory", () => {
  it.each([
    ["3GPP TSG SA WG2", "3gppsa2"],
    ["3GPP TSG SA WG2 (Architecture)", "3gppsa2"],
    ["ITU-T Study Group 15", "itutsg15"],
    ["IETF QUIC WG", "ietfquic"],
  ])("%s → %s", (text, key) => expect(nameKey(text)).toBe(key));

  it.each([
    ["3GPP TSG SA WG2", ["3gpp-tsgsa-sa2"]],
    ["SA WG2", ["3gpp-tsgsa-sa2"]],
    ["3GPP SA2", ["3gpp-tsgsa-sa2"]],
    ["TSG SA", ["3gpp-tsg-sa"]],
    ["ITU-T Study Group 15", ["itu-t-sg15"]],
    ["ITU-T SG13", ["itu-t-sg13"]],
    ["IETF QUIC WG, IETF HTTPBIS and IETF CCAMP", ["quic", "httpbis", "ccamp"]],
    ["IETF", ["ietf"]],
  ])("%s names %j", (text, acronyms) => {
    expect(matchGroupNames(text, directory)).toEqual({ ids: acronyms.map(idOf), unmatched: [] });
  });

  it("leaves what names no group, or an ambiguous part, for the liaison manager", () => {
    expect(matchGroupNames("ETSI TC Cyber; IETF QUIC", directory)).toEqual({
      ids: [idOf("quic")],
      unmatched: ["ETSI TC Cyber"],
    });
    expect(matchGroupNames("3GPP", directory).ids).toEqual([]);
  });

  it("finds a group by a known contact address only when one group has it", () => {
    expect(matchGroupByAddress(["Someone <SA2-Secretary@example.org>"], directory)?.acronym).toBe("3gpp-tsgsa-sa2");
    expect(matchGroupByAddress(["nobody@example.org"], directory)).toBeNull();
  });
});

describe("planning the draft", () => {
  it("cleans subjects and finds peer document numbers", () => {
    expect(cleanSubject("Fwd: RE: [liaison] LS on X")).toBe("LS on X");
    expect(findDocumentNumbers("LS (S2-2410123) reply to SP-261015, and SG15-LS123")).toEqual([
      "S2-2410123",
      "SP-261015",
      "SG15-LS123",
    ]);
  });

  it("maps an ITU-T cover sheet: For action to our groups, Deadline, LS number; For comment is left for the LM", () => {
    const sheet = "SG15-LS123.pdf";
    const plan = planDraft(
      message({
        coverSheet: {
          kind: "itu-t",
          title: { value: "LS on OTN beyond 400G", source: src(sheet, "Title: LS on OTN beyond 400G") },
          identifiers: [{ value: "SG15-LS123", source: src(sheet, "SG15-LS123") }],
          responseTo: [],
          source: { value: "ITU-T Study Group 15", source: src(sheet, "Source: ITU-T Study Group 15") },
          to: [{ value: "IETF CCAMP", source: src(sheet, "For action to: IETF CCAMP") }],
          cc: [],
          contacts: [
            {
              value: "Q11/15 Rapporteur <rapp@example.com>",
              source: src(sheet, "Contact: Q11/15 Rapporteur rapp@example.com"),
            },
          ],
          purpose: { value: "action", source: src(sheet, "For action to: IETF CCAMP") },
          deadline: { value: "2027-03-01", source: src(sheet, "Deadline: 1 March 2027") },
          other: [],
        },
      }),
      directory,
    );
    expect(plan).toMatchObject({
      title: "LS on OTN beyond 400G",
      from: [idOf("itu-t-sg15")],
      to: [idOf("ccamp")],
      toContact: ["ccamp@ietf.org"],
      fromContact: ["Q11/15 Rapporteur <rapp@example.com>"],
      fromLiaisonContact: "TSB <tsbsg15@itu.example.org>",
      purpose: "action",
      deadline: "2027-03-01",
      body: "Mail body",
      otherIdentifiers: ["SG15-LS123"],
      receivedOn: "2026-11-02",
    });
    expect(plan.notes.deadline).toEqual({ kind: "read", from: sheet, text: "Deadline: 1 March 2027" });
    expect(plan.notes.body).toMatchObject({ kind: "read", from: "mail body" });
    const comment = planDraft(
      message({
        coverSheet: {
          kind: "itu-t",
          identifiers: [],
          responseTo: [],
          to: [],
          cc: [],
          contacts: [],
          other: [],
          purpose: { value: "comment", source: src(sheet, "For comment to: IETF") },
        },
      }),
      directory,
    );
    expect(comment.purpose).toBeNull();
    expect(comment.notes.purpose).toMatchObject({ kind: "left" });
  });

  it("without a cover sheet: the subject, the sender's known address, the numbers in subject and file names", () => {
    const plan = planDraft(
      message({
        subject: "Re: LS on OTN",
        files: [{ fileName: "SG15-LS321.pdf", contentType: "application/pdf", bytes: Buffer.from("x") }],
      }),
      directory,
    );
    expect(plan).toMatchObject({
      title: "LS on OTN",
      from: [idOf("itu-t-sg15")],
      to: [],
      otherIdentifiers: ["SG15-LS321"],
      purpose: null,
    });
    expect(plan.notes.otherIdentifiers).toEqual({ kind: "read", from: "file name", text: "SG15-LS321.pdf" });
    expect(plan.notes.to?.kind).toBe("left");
  });

  it("a Date header in the future (forged or a wrong clock) is not believed", () => {
    const plan = planDraft(
      message({ date: new Date("2099-01-01T00:00:00Z") }),
      directory,
      new Date("2026-12-06T08:00:00Z"),
    );
    expect(plan.receivedOn).toBe("2026-12-06");
  });
});
