import { describe, expect, it } from "vitest";
import { parseRelatedOption, relatedDetail } from "./related-statement";

const option = {
  id: 12,
  title: "LS on Security considerations for MPQUIC",
  date: "2026-10-01",
  state: "posted" as const,
  direction: "incoming" as const,
  otherIdentifiers: ["SP-240987"],
};

describe("related statement options", () => {
  it("describe a statement by date, direction, identifiers and a state other than posted", () => {
    expect(relatedDetail(option)).toBe("2026-10-01 · incoming · SP-240987");
    expect(relatedDetail({ ...option, state: "pending", otherIdentifiers: [] })).toBe(
      "2026-10-01 · incoming · pending approval",
    );
  });

  it("read back what the no-JavaScript form carried, and nothing else", () => {
    expect(parseRelatedOption(JSON.stringify(option))).toEqual(option);
    expect(parseRelatedOption("not json")).toBeNull();
    expect(parseRelatedOption(JSON.stringify({ ...option, id: "12" }))).toBeNull();
    expect(parseRelatedOption(JSON.stringify({ ...option, id: 1.5 }))).toBeNull();
    expect(parseRelatedOption(JSON.stringify({ ...option, state: "<b>", direction: "sideways" }))).toEqual({
      ...option,
      state: "posted",
      direction: "outgoing",
    });
  });
});
