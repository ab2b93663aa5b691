import { describe, expect, it } from "vitest";
import { groupLabel } from "./group-label";

describe("groupLabel: how lists name a group", () => {
  it.each([
    [{ acronym: "3gpp-tsgsa-sa2", name: "3GPP TSG SA WG2 (Architecture)", type: "sdo" }, "3GPP TSG SA WG2"],
    [
      { acronym: "itu-t-sg15", name: "ITU-T Study Group 15 (Networks, technologies and infrastructures)", type: "sdo" },
      "ITU-T Study Group 15",
    ],
    [{ acronym: "bbf", name: "Broadband Forum", type: "sdo" }, "Broadband Forum"],
    // a name that is only a gloss keeps it rather than becoming empty
    [{ acronym: "x", name: "(Unnamed)", type: "sdo" }, "(Unnamed)"],
    [{ acronym: "quic", name: "QUIC", type: "wg" }, "quic"],
    [{ acronym: "iesg", name: "Internet Engineering Steering Group", type: "iesg" }, "iesg"],
  ] as const)("%o → %s", (group, label) => expect(groupLabel(group)).toBe(label));
});
