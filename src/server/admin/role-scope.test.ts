import { describe, expect, it } from "vitest";
import type { RoleName } from "@/generated/prisma/enums";
import { roleScopeProblem, type ScopeGroup, type ScopeOrganization } from "./role-scope";

const area: ScopeGroup = { acronym: "wit", type: "area", isExternal: false };
const wg: ScopeGroup = { acronym: "quic", type: "wg", isExternal: false };
const iab: ScopeGroup = { acronym: "iab", type: "iab", isExternal: false };
const sdoGroup: ScopeGroup = { acronym: "itu-t-sg15", type: "sdo", isExternal: true };
const sdo: ScopeOrganization = { acronym: "3gpp", isExternal: true };
const ietf: ScopeOrganization = { acronym: "ietf", isExternal: false };

type Scope = [ScopeGroup | null, ScopeOrganization | null];
const SCOPES: Record<string, Scope> = {
  nothing: [null, null],
  area: [area, null],
  wg: [wg, null],
  iab: [iab, null],
  "external group": [sdoGroup, null],
  "external organization": [null, sdo],
  "ietf organization": [null, ietf],
  "group and organization": [sdoGroup, sdo],
};

const ALLOWED: Record<RoleName, string[]> = {
  secretariat: ["nothing"],
  iab_liaison_coordinator: ["nothing", "area", "wg", "iab"],
  ietf_chair: ["nothing", "area", "wg", "iab"],
  iab_chair: ["nothing", "area", "wg", "iab"],
  ad: ["area"],
  wg_chair: ["wg"],
  wg_secretary: ["wg"],
  liaison_manager: ["external group", "external organization"],
};

describe("role scope: every role × scope", () => {
  for (const [role, allowed] of Object.entries(ALLOWED) as [RoleName, string[]][]) {
    it.each(Object.keys(SCOPES))(`${role} on %s`, (scope) => {
      const [group, organization] = SCOPES[scope]!;
      const problem = roleScopeProblem(role, group, organization);
      expect(problem === null).toBe(allowed.includes(scope));
      if (problem) expect(problem.message.length).toBeGreaterThan(10);
    });
  }
});
