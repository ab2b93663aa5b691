import { describe, expect, it } from "vitest";
import {
  actionStatus,
  attachmentUrl,
  contactList,
  datatrackerTime,
  direction,
  EVENT_TYPE,
  fingerprint,
  fromContact,
  groupState,
  groupType,
  mapRole,
  PURPOSE,
  STATE,
} from "./map";

describe("datatrackerTime", () => {
  it.each([
    // naive = Pacific: PST (UTC-8) in winter, PDT (UTC-7) in summer
    ["2010-01-15T08:00:00", "2010-01-15T16:00:00.000Z"],
    ["2015-10-09T12:20:33", "2015-10-09T19:20:33.000Z"],
    ["2015-10-09T12:20:33.250000", "2015-10-09T19:20:33.250Z"],
    ["2022-03-13T03:30:00", "2022-03-13T10:30:00.000Z"], // just after the spring change
    ["2022-03-13T01:59:59", "2022-03-13T09:59:59.000Z"], // just before it
    ["2022-11-06T00:59:59", "2022-11-06T07:59:59.000Z"], // the hour before the autumn change (PDT)
    ["2022-11-06T02:00:00", "2022-11-06T10:00:00.000Z"], // after it (PST)
    ["2006-04-02T01:30:00", "2006-04-02T09:30:00.000Z"], // the rules before 2007 (first Sunday of April)
    ["2006-04-02T03:30:00", "2006-04-02T10:30:00.000Z"],
    ["2022-12-31T23:59:59", "2023-01-01T07:59:59.000Z"],
    // explicit offsets are exact (since mid-2023)
    ["2023-03-24T09:36:43Z", "2023-03-24T09:36:43.000Z"],
    ["2023-06-20T10:00:00+00:00", "2023-06-20T10:00:00.000Z"],
  ])("%s → %s", (input, expected) => {
    expect(datatrackerTime(input).toISOString()).toBe(expected);
  });
});

describe("name tables", () => {
  it("maps every state, purpose and event type of DATATRACKER.md §1.6", () => {
    expect(STATE).toEqual({ pending: "pending", approved: "approved", posted: "posted", dead: "withdrawn" });
    expect(PURPOSE).toEqual({ action: "action", comment: "comment", info: "information", response: "response" });
    for (const slug of [
      "submitted",
      "modified",
      "approved",
      "posted",
      "killed",
      "resurrected",
      "msgin",
      "msgout",
      "comment",
      "private_comment",
      "resent",
      "submit",
    ]) {
      expect(EVENT_TYPE[slug], slug).toBeDefined();
    }
    expect(EVENT_TYPE.killed).toBe("withdrawn");
  });

  it.each([
    ["wg", "wg", true],
    ["sdo", "sdo", true],
    ["irtf", "wg", false],
    [null, "wg", false],
  ] as const)("group type %s → %s", (slug, type, isKnown) => {
    expect(groupType(slug)).toEqual({ type, isKnown });
  });

  it.each([
    ["active", "active"],
    ["bof", "active"],
    ["proposed", "active"],
    ["conclude", "concluded"],
    ["dormant", "concluded"],
  ])("group state %s → %s", (slug, state) => {
    expect(groupState(slug)).toBe(state);
  });
});

describe("mapRole", () => {
  it.each([
    ["chair", "ietf", "ietf", { kind: "role", role: "ietf_chair", onGroup: true }],
    ["chair", "iab", "iab", { kind: "role", role: "iab_chair", onGroup: true }],
    ["chair", "ccamp", "wg", { kind: "role", role: "wg_chair", onGroup: true }],
    ["chair", "cfrg", "rg", { kind: "role", role: "wg_chair", onGroup: true }],
    ["secr", "secretariat", "ietf", { kind: "role", role: "secretariat", onGroup: false }],
    ["secr", "ccamp", "wg", { kind: "role", role: "wg_secretary", onGroup: true }],
    ["ad", "ops", "area", { kind: "role", role: "ad", onGroup: true }],
    ["pre-ad", "ops", "area", { kind: "role", role: "ad", onGroup: true }],
    ["liaiman", "itu-t-sg-15", "sdo", { kind: "role", role: "liaison_manager", onGroup: true }],
    ["auth", "3gpp", "sdo", { kind: "role", role: "liaison_manager", onGroup: true }],
    ["liaison_coordinator", "iab", "iab", { kind: "role", role: "iab_liaison_coordinator", onGroup: true }],
    ["liaison_contact", "itu-t-sg-15", "sdo", { kind: "contact", list: "to" }],
    ["liaison_cc_contact", "itu-t-sg-15", "sdo", { kind: "contact", list: "cc" }],
  ] as const)("%s on %s (%s)", (slug, acronym, type, expected) => {
    expect(mapRole(slug, { acronym, type })).toEqual(expected);
  });

  it.each([
    ["auth", "ccamp", "wg"],
    ["member", "ccamp", "wg"],
    ["liaiman", "ccamp", "wg"],
    ["ad", "ccamp", "wg"],
  ] as const)("%s on %s is skipped with a reason", (slug, acronym, type) => {
    const mapped = mapRole(slug, { acronym, type });
    expect(mapped.kind).toBe("skip");
  });
});

describe("contactList", () => {
  it.each([
    ["", []],
    ["Alice <a@example.org>,b@example.org", ["Alice <a@example.org>", "b@example.org"]],
    ["a@example.org; b@example.org\r\nc@example.org", ["a@example.org", "b@example.org", "c@example.org"]],
    ['"Doe, Jane" <jane@example.org>, x@example.org', ['"Doe, Jane" <jane@example.org>', "x@example.org"]],
    ["The CCAMP WG secretary, a@example.org", ["The CCAMP WG secretary", "a@example.org"]],
    ["a@example.org, A@example.org", ["a@example.org"]],
  ])("%j", (input, expected) => {
    expect(contactList(input)).toEqual(expected);
  });
});

describe("fromContact", () => {
  const names = (a: string) => (a === "bob@example.net" ? "Bob Rapporteur" : null);
  it.each([
    [null, []],
    ["", []],
    ["/api/v1/person/email/bob@example.net/", ["Bob Rapporteur <bob@example.net>"]],
    ["/api/v1/person/email/unknown@example.net/", ["unknown@example.net"]],
    ["Bob Rapporteur <bob@example.net>", ["Bob Rapporteur <bob@example.net>"]],
  ])("%j", (input, expected) => {
    expect(fromContact(input, names)).toEqual(expected);
  });
});

describe("actionStatus", () => {
  const today = new Date("2026-12-01T00:00:00Z");
  const future = new Date("2027-01-31T00:00:00Z");
  const past = new Date("2010-01-31T00:00:00Z");
  it.each([
    ["action", "posted", ["taken"], past, "taken"],
    ["action", "posted", ["required"], future, "needed"],
    ["action", "posted", ["required"], past, "unknown_imported"],
    ["action", "posted", [], null, "unknown_imported"],
    ["action", "withdrawn", ["required"], future, "unknown_imported"],
    ["action", "pending", ["required"], future, "none"],
    ["comment", "posted", ["required"], future, "none"],
    ["information", "posted", [], null, "none"],
    ["comment", "posted", ["taken"], past, "taken"],
  ] as const)("%s %s %j %s → %s", (purpose, state, tags, deadline, expected) => {
    expect(actionStatus({ purpose, state, tags: [...tags], deadline }, today)).toBe(expected);
  });
});

describe("direction, attachment URL, fingerprint", () => {
  it.each([
    [["sdo"], ["wg"], "outgoing"],
    [["wg"], ["sdo"], "incoming"],
    [[], ["wg"], "outgoing"],
    [[], ["sdo"], "incoming"],
    [[], [], "incoming"],
  ] as const)("to %j from %j → %s", (to, from, expected) => {
    expect(direction([...to], [...from])).toBe(expected);
  });

  it("links the original file under LIAISON/ unless external_url is an http(s) URL", () => {
    expect(attachmentUrl({ name: "x", uploaded_filename: "file39.pdf", external_url: "" })).toBe(
      "https://www.ietf.org/lib/dt/documents/LIAISON/file39.pdf",
    );
    expect(attachmentUrl({ name: "x", uploaded_filename: "a.pdf", external_url: "https://example.org/a.pdf" })).toBe(
      "https://example.org/a.pdf",
    );
  });

  it("does not depend on key order", () => {
    expect(fingerprint({ a: 1, b: [1, { c: 2, d: 3 }] })).toBe(fingerprint({ b: [1, { d: 3, c: 2 }], a: 1 }));
    expect(fingerprint({ a: 1 })).not.toBe(fingerprint({ a: 2 }));
  });
});
