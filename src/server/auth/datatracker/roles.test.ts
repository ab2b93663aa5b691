import { describe, expect, it } from "vitest";
import type { GroupType } from "@/generated/prisma/client";
import { rolesFromClaim } from "./roles";

const GROUPS: Record<string, { id: number; type: GroupType }> = {
  ietf: { id: 1, type: "ietf" },
  iab: { id: 2, type: "iab" },
  wit: { id: 3, type: "area" },
  quic: { id: 4, type: "wg" },
  cfrg: { id: 5, type: "rg" },
  "itu-t-sg15": { id: 6, type: "sdo" },
};
const map = (claim: [string, string][]) => rolesFromClaim(claim, (acronym) => GROUPS[acronym]);

describe("rolesFromClaim (the Datatracker's roles claim → our roles, issue 17)", () => {
  it.each([
    [["chair", "quic"], { role: "wg_chair", groupId: 4 }],
    [["secr", "quic"], { role: "wg_secretary", groupId: 4 }],
    [["chair", "cfrg"], { role: "wg_chair", groupId: 5 }],
    [["ad", "wit"], { role: "ad", groupId: 3 }],
    [["pre-ad", "wit"], { role: "ad", groupId: 3 }],
    [["chair", "ietf"], { role: "ietf_chair", groupId: 1 }],
    [["chair", "iab"], { role: "iab_chair", groupId: 2 }],
    [["liaiman", "itu-t-sg15"], { role: "liaison_manager", groupId: 6 }],
    [["auth", "itu-t-sg15"], { role: "liaison_manager", groupId: 6 }],
    [["liaison_coordinator", "iab"], { role: "iab_liaison_coordinator", groupId: 2 }],
    // the Secretariat role needs no group here
    [["secr", "secretariat"], { role: "secretariat", groupId: null }],
  ] as const)("%j → %j", (entry, role) => {
    expect(map([[...entry]]).wanted).toEqual([role]);
  });

  it.each([
    ["ad", "quic"],
    ["chair", "wit"],
    ["liaiman", "quic"],
    ["auth", "quic"],
    ["member", "quic"],
    ["liaison_contact", "itu-t-sg15"],
    ["chair", "unknown-wg"],
  ] as const)("%s on %s gives no role, with a reason", (slug, acronym) => {
    const result = map([[slug, acronym]]);
    expect(result.wanted).toEqual([]);
    expect(result.ignored).toHaveLength(1);
    expect(result.ignored[0]?.reason).toBeTruthy();
  });

  it("collapses the claim's duplicates and keeps distinct roles", () => {
    const result = map([
      ["chair", "quic"],
      ["chair", "quic"],
      ["ad", "wit"],
      ["pre-ad", "wit"],
    ]);
    expect(result.wanted).toEqual([
      { role: "wg_chair", groupId: 4 },
      { role: "ad", groupId: 3 },
    ]);
  });
});
