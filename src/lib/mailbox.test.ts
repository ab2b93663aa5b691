import { describe, expect, it } from "vitest";
import { addressOf, formatMailbox, parseMailbox, parseMailboxList, splitMailboxList } from "./mailbox";

describe("parseMailbox", () => {
  it.each([
    ["quic@ietf.org", { name: null, address: "quic@ietf.org" }],
    ["Ada Lindqvist <ad@example.org>", { name: "Ada Lindqvist", address: "ad@example.org" }],
    ['"Hale, Quentin" <chair@example.org>', { name: "Hale, Quentin", address: "chair@example.org" }],
    ["  <lm@example.org>  ", { name: null, address: "lm@example.org" }],
    ["first.last+tag@sub.example.co.uk", { name: null, address: "first.last+tag@sub.example.co.uk" }],
  ])("accepts %s", (input, expected) => {
    expect(parseMailbox(input)).toEqual(expected);
  });

  it.each([
    "",
    "not-an-address",
    "a@b",
    "@example.org",
    "a@@example.org",
    "a..b@example.org",
    "Name <a@example.org",
    "a@example.org\r\nBcc: victim@example.org",
    "Evil\n <a@example.org>",
    "a b@example.org",
    "<script>@example.org",
    "x@-example.org",
  ])("rejects %j", (input) => {
    expect(parseMailbox(input)).toBeNull();
  });
});

describe("mailbox lists", () => {
  it("splits on newlines and commas, but not inside quotes or angle brackets", () => {
    expect(splitMailboxList('a@example.org, "B, C" <b@example.org>\nd@example.org,,\n')).toEqual([
      "a@example.org",
      '"B, C" <b@example.org>',
      "d@example.org",
    ]);
  });

  it("names every entry that did not parse", () => {
    expect(parseMailboxList("ok@example.org, broken@, Also Bad <x>")).toEqual({
      ok: false,
      invalid: ["broken@", "Also Bad <x>"],
    });
  });

  it("normalises and de-duplicates by address", () => {
    expect(parseMailboxList("A <a@example.org>\nA@EXAMPLE.org\nb@example.org")).toEqual({
      ok: true,
      mailboxes: ["A <a@example.org>", "b@example.org"],
    });
  });

  it("quotes display names that need it and extracts addresses", () => {
    expect(formatMailbox({ name: "Hale, Quentin", address: "c@example.org" })).toBe('"Hale, Quentin" <c@example.org>');
    expect(addressOf("Ada <AD@Example.org>")).toBe("ad@example.org");
  });
});
