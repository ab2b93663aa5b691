import { describe, expect, it } from "vitest";
import type { RoleName, StatementState } from "@/generated/prisma/enums";
import { isPublicState } from "@/server/statements/lifecycle";
import {
  APPROVER_ROLES,
  approvalCapacity,
  approverRequirement,
  can,
  enteringRole,
  enteringRoles,
  entryChoices,
  mayAdminister,
  mayEnter,
  mayUseDesk,
  meetsRequirement,
  roleKey,
  type StatementAction,
} from "./policy";
import type { Actor, GroupIndex, GroupRef, StatementRef } from "./types";

// A small world: IETF side (ietf, iesg, iab, wit{quic,httpbis}, sec{tls}, irtf rg), 3GPP (sa{sa2}), ITU-T (sg15, sg13).
const IETF = 1;
const G3PP = 2;
const ITU = 3;
const group = (
  id: number,
  acronym: string,
  type: GroupRef["type"],
  org: number,
  parentId: number | null = null,
): GroupRef => ({
  id,
  acronym,
  name: acronym,
  type,
  organizationId: org,
  parentId,
  isExternal: org !== IETF,
  isActive: acronym !== "oldwg",
});
const groups = [
  group(1, "ietf", "ietf", IETF),
  group(2, "iesg", "iesg", IETF, 1),
  group(3, "iab", "iab", IETF),
  group(10, "wit", "area", IETF, 2),
  group(11, "quic", "wg", IETF, 10),
  group(12, "httpbis", "wg", IETF, 10),
  group(20, "sec", "area", IETF, 2),
  group(21, "tls", "wg", IETF, 20),
  group(22, "oldwg", "wg", IETF, 20),
  group(30, "cfrg", "rg", IETF, 3),
  group(100, "3gpp-tsg-sa", "sdo", G3PP),
  group(101, "3gpp-tsgsa-sa2", "sdo", G3PP, 100),
  group(200, "itu-t-sg15", "sdo", ITU),
  group(201, "itu-t-sg13", "sdo", ITU),
];
const index: GroupIndex = new Map(groups.map((g) => [g.id, g]));
const id = (acronym: string) => groups.find((g) => g.acronym === acronym)!.id;

let nextPerson = 1;
const actor = (...roles: [RoleName, { group?: string; org?: number }?][]): Actor => ({
  personId: nextPerson++,
  name: "x",
  email: "x@example.org",
  roles: roles.map(([role, on]) => ({
    role,
    groupId: on?.group ? id(on.group) : null,
    organizationId: on?.org ?? null,
  })),
});

const personas = {
  signedOut: null,
  noRole: actor(),
  secretariat: actor(["secretariat"]),
  coordinator: actor(["iab_liaison_coordinator", { group: "iab" }]),
  ietfChair: actor(["ietf_chair", { group: "ietf" }]),
  iabChair: actor(["iab_chair", { group: "iab" }]),
  witAd: actor(["ad", { group: "wit" }]),
  secAd: actor(["ad", { group: "sec" }]),
  quicChair: actor(["wg_chair", { group: "quic" }]),
  quicSecretary: actor(["wg_secretary", { group: "quic" }]),
  quicCochair: actor(["wg_chair", { group: "quic" }]),
  tlsChair: actor(["wg_chair", { group: "tls" }]),
  lm3gpp: actor(["liaison_manager", { org: G3PP }]),
  lmSg15: actor(["liaison_manager", { group: "itu-t-sg15" }]),
} as const;
type Persona = keyof typeof personas;
const ALL = Object.keys(personas) as Persona[];
const allowed = (names: Persona[]) => ALL.map((p) => [p, names.includes(p)] as const);

describe("entering statements", () => {
  const cases: { what: string; direction: "outgoing" | "incoming"; from: string[]; to: string[]; who: Persona[] }[] = [
    {
      what: "quic → SA2",
      direction: "outgoing",
      from: ["quic"],
      to: ["3gpp-tsgsa-sa2"],
      who: ["secretariat", "coordinator", "witAd", "quicChair", "quicCochair", "quicSecretary", "lm3gpp"],
    },
    {
      what: "quic → SG15",
      direction: "outgoing",
      from: ["quic"],
      to: ["itu-t-sg15"],
      who: ["secretariat", "coordinator", "witAd", "quicChair", "quicCochair", "quicSecretary", "lmSg15"],
    },
    {
      what: "wit area → SA",
      direction: "outgoing",
      from: ["wit"],
      to: ["3gpp-tsg-sa"],
      who: ["secretariat", "coordinator", "witAd", "lm3gpp"],
    },
    {
      what: "IESG → SA",
      direction: "outgoing",
      from: ["iesg"],
      to: ["3gpp-tsg-sa"],
      who: ["secretariat", "coordinator", "ietfChair", "witAd", "secAd", "lm3gpp"],
    },
    {
      what: "IETF → SG13",
      direction: "outgoing",
      from: ["ietf"],
      to: ["itu-t-sg13"],
      who: ["secretariat", "coordinator", "ietfChair", "witAd", "secAd"],
    },
    {
      what: "IAB → SG15",
      direction: "outgoing",
      from: ["iab"],
      to: ["itu-t-sg15"],
      who: ["secretariat", "coordinator", "iabChair", "lmSg15"],
    },
    {
      what: "tls → SA2",
      direction: "outgoing",
      from: ["tls"],
      to: ["3gpp-tsgsa-sa2"],
      who: ["secretariat", "coordinator", "secAd", "tlsChair", "lm3gpp"],
    },
    {
      what: "quic+tls → SA2 (no single role covers both for chairs)",
      direction: "outgoing",
      from: ["quic", "tls"],
      to: ["3gpp-tsgsa-sa2"],
      who: ["secretariat", "coordinator", "lm3gpp"],
    },
    {
      what: "external → external is never outgoing",
      direction: "outgoing",
      from: ["3gpp-tsg-sa"],
      to: ["itu-t-sg15"],
      who: [],
    },
    {
      what: "SA2 → quic",
      direction: "incoming",
      from: ["3gpp-tsgsa-sa2"],
      to: ["quic"],
      who: ["secretariat", "coordinator", "lm3gpp"],
    },
    {
      what: "SA → IETF",
      direction: "incoming",
      from: ["3gpp-tsg-sa"],
      to: ["ietf"],
      who: ["secretariat", "coordinator", "lm3gpp"],
    },
    {
      what: "SG15 → IAB",
      direction: "incoming",
      from: ["itu-t-sg15"],
      to: ["iab"],
      who: ["secretariat", "coordinator", "lmSg15"],
    },
    {
      what: "SG13 → quic (SG15's manager does not manage SG13)",
      direction: "incoming",
      from: ["itu-t-sg13"],
      to: ["quic"],
      who: ["secretariat", "coordinator"],
    },
    { what: "internal → internal is never incoming", direction: "incoming", from: ["quic"], to: ["tls"], who: [] },
    // RFC 4053bis §1: research groups do not originate liaison statements (issue 15, section 5).
    { what: "cfrg (a research group) → SA2", direction: "outgoing", from: ["cfrg"], to: ["3gpp-tsgsa-sa2"], who: [] },
    {
      what: "SA2 → cfrg (a research group may receive)",
      direction: "incoming",
      from: ["3gpp-tsgsa-sa2"],
      to: ["cfrg"],
      who: ["secretariat", "coordinator", "lm3gpp"],
    },
  ];
  for (const c of cases) {
    it.each(allowed(c.who))(`${c.direction} ${c.what}: %s → %s`, (persona, expected) => {
      expect(mayEnter(personas[persona], index, c.direction, c.from.map(id), c.to.map(id))).toBe(expected);
    });
  }

  it("offers the QUIC chair only QUIC as From, and active external groups as To", () => {
    const choices = entryChoices(personas.quicChair, index, "outgoing");
    expect(choices.from.map((g) => g.acronym)).toEqual(["quic"]);
    expect(choices.to.map((g) => g.acronym)).toEqual(["3gpp-tsg-sa", "3gpp-tsgsa-sa2", "itu-t-sg13", "itu-t-sg15"]);
  });

  it("offers the 3GPP manager only 3GPP groups as incoming From, and every internal group as To", () => {
    const choices = entryChoices(personas.lm3gpp, index, "incoming");
    expect(choices.from.map((g) => g.acronym)).toEqual(["3gpp-tsg-sa", "3gpp-tsgsa-sa2"]);
    expect(choices.to.map((g) => g.acronym)).toContain("quic");
    expect(choices.to.map((g) => g.acronym)).not.toContain("oldwg");
    expect(choices.to.every((g) => !g.isExternal)).toBe(true);
  });

  it("never offers a research group as From, not even to the Secretariat", () => {
    for (const persona of ["secretariat", "coordinator", "iabChair", "lm3gpp"] as const) {
      expect(entryChoices(personas[persona], index, "outgoing").from.map((g) => g.type)).not.toContain("rg");
    }
  });

  it("lists every role that fits the groups, so a person with several picks one (issue 15, section 5)", () => {
    const both = actor(["wg_chair", { group: "quic" }], ["ad", { group: "wit" }], ["ad", { group: "sec" }]);
    const fitting = enteringRoles(both, index, "outgoing", [id("quic")], [id("3gpp-tsgsa-sa2")]);
    expect(fitting.map((r) => roleKey(r))).toEqual([`wg_chair:${id("quic")}:`, `ad:${id("wit")}:`]);
    expect(enteringRole(both, index, "outgoing", [id("quic")], [id("3gpp-tsgsa-sa2")], `ad:${id("wit")}:`)?.role).toBe(
      "ad",
    );
    expect(enteringRole(both, index, "outgoing", [id("quic")], [id("3gpp-tsgsa-sa2")], `ad:${id("sec")}:`)).toBeNull();
    expect(enteringRole(both, index, "outgoing", [id("quic")], [id("3gpp-tsgsa-sa2")])?.role).toBe("wg_chair");
  });

  it("offers nothing to WG chairs for incoming statements, and nothing to signed-out users", () => {
    expect(entryChoices(personas.quicChair, index, "incoming")).toEqual({ from: [], to: [] });
    expect(entryChoices(null, index, "outgoing")).toEqual({ from: [], to: [] });
  });
});

describe("RFC 4053bis §4.1 approvers", () => {
  it.each([
    ["quic", { role: "ad", areaId: 10 }],
    ["wit", { role: "ad", areaId: 10 }],
    ["tls", { role: "ad", areaId: 20 }],
    ["ietf", { role: "ietf_chair" }],
    ["iesg", { role: "ietf_chair" }],
    ["iab", { role: "iab_chair" }],
    ["cfrg", { role: "iab_chair" }],
    ["3gpp-tsg-sa", { role: "none" }],
  ])("%s is approved by %o", (acronym, requirement) => {
    expect(approverRequirement(index, id(acronym))).toEqual(requirement);
  });

  const capacity: [Persona, string, string | null][] = [
    ["witAd", "quic", "ad/direct"],
    ["witAd", "tls", null],
    ["secAd", "tls", "ad/direct"],
    ["secAd", "quic", null],
    ["ietfChair", "iesg", "ietf_chair/direct"],
    ["ietfChair", "quic", null],
    ["iabChair", "iab", "iab_chair/direct"],
    ["iabChair", "ietf", null],
    ["secretariat", "quic", "secretariat/on behalf"],
    ["coordinator", "iab", "iab_liaison_coordinator/on behalf"],
    ["quicChair", "quic", null],
    ["lm3gpp", "quic", null],
    ["signedOut", "quic", null],
  ];
  it.each(capacity)("%s approving for %s → %s", (persona, acronym, expected) => {
    const result = approvalCapacity(personas[persona], index, id(acronym));
    expect(result ? `${result.role}/${result.onBehalf ? "on behalf" : "direct"}` : null).toBe(expected);
  });
});

describe("statement actions: every persona × action × state", () => {
  const submitter = personas.quicChair!;
  const outgoing = (state: StatementState, extra: Partial<StatementRef> = {}): StatementRef => ({
    direction: "outgoing",
    state,
    submitterId: submitter.personId,
    assigneeId: null,
    postedAt: state === "posted" ? new Date() : null,
    fromGroupIds: [id("quic")],
    toGroupIds: [id("3gpp-tsgsa-sa2")],
    ...extra,
  });
  const incoming = (state: StatementState): StatementRef => ({
    direction: "incoming",
    state,
    submitterId: personas.lm3gpp.personId,
    assigneeId: personas.tlsChair.personId,
    postedAt: state === "posted" ? new Date() : null,
    fromGroupIds: [id("3gpp-tsg-sa")],
    toGroupIds: [id("quic")],
  });
  const awaiting: Partial<StatementRef> = { purpose: "action", actionStatus: "none" };
  // Issue 15 §2: the chairs and secretaries of a From group write its drafts together (the co-chair and the
  // WG secretary are not the submitter); a chair of another WG (tls) is not among them.
  const editorsOfDraft: Persona[] = [
    "secretariat",
    "coordinator",
    "witAd",
    "quicChair",
    "quicCochair",
    "quicSecretary",
  ];
  const approvers: Persona[] = ["secretariat", "coordinator", "witAd"];
  const everyoneSignedIn = ALL.filter((p) => p !== "signedOut");
  const table: [string, StatementAction, StatementRef, Persona[]][] = [
    ["view draft", "view", outgoing("draft"), [...editorsOfDraft, "lm3gpp"]],
    ["view pending", "view", outgoing("pending"), [...editorsOfDraft, "lm3gpp"]],
    ["view posted", "view", outgoing("posted"), ALL],
    ["view withdrawn, never posted", "view", outgoing("withdrawn"), [...editorsOfDraft, "lm3gpp"]],
    ["view withdrawn after posting", "view", outgoing("withdrawn", { postedAt: new Date() }), ALL],
    ["edit draft", "edit", outgoing("draft"), editorsOfDraft],
    ["edit pending", "edit", outgoing("pending"), editorsOfDraft],
    ["edit posted", "edit", outgoing("posted"), ["secretariat", "coordinator"]],
    ["edit withdrawn", "edit", outgoing("withdrawn"), []],
    ["submit draft", "submit", outgoing("draft"), editorsOfDraft],
    ["submit pending", "submit", outgoing("pending"), []],
    ["approve pending", "approve", outgoing("pending"), approvers],
    ["approve draft", "approve", outgoing("draft"), []],
    ["approve posted", "approve", outgoing("posted"), []],
    ["return pending", "return", outgoing("pending"), approvers],
    ["return draft", "return", outgoing("draft"), []],
    ["post approved outgoing", "post", outgoing("approved"), ["secretariat", "coordinator"]],
    ["post pending outgoing", "post", outgoing("pending"), []],
    ["post incoming draft", "post", incoming("draft"), ["secretariat", "coordinator", "lm3gpp"]],
    // issue 18: an incoming draft (e.g. received by e-mail, made in a coordinator's name) is shared by the LMs
    // of its sending body, as a WG's drafts by its chairs; another body's LM is not one of them
    [
      "edit incoming draft made for someone else",
      "edit",
      { ...incoming("draft"), submitterId: personas.coordinator.personId },
      ["secretariat", "coordinator", "lm3gpp"],
    ],
    ["edit incoming posted", "edit", incoming("posted"), ["secretariat", "coordinator"]],
    ["withdraw draft", "withdraw", outgoing("draft"), editorsOfDraft],
    ["withdraw pending", "withdraw", outgoing("pending"), editorsOfDraft],
    ["withdraw posted", "withdraw", outgoing("posted"), ["secretariat"]],
    ["withdraw withdrawn", "withdraw", outgoing("withdrawn"), []],
    [
      "mark action taken (incoming posted)",
      "markActionTaken",
      incoming("posted"),
      ["secretariat", "coordinator", "lm3gpp", "witAd", "quicChair", "quicCochair", "quicSecretary", "tlsChair"],
    ],
    [
      "assign (incoming posted)",
      "assign",
      incoming("posted"),
      ["secretariat", "coordinator", "lm3gpp", "witAd", "quicChair", "quicCochair", "quicSecretary", "tlsChair"],
    ],
    ["mark action taken on a draft", "markActionTaken", incoming("draft"), []],
    // issue 15 §3: the IAB Chair handles statements to the IAB (4053bis)
    [
      "mark action taken (incoming posted, to the IAB)",
      "markActionTaken",
      { ...incoming("posted"), toGroupIds: [id("iab")] },
      ["secretariat", "coordinator", "lm3gpp", "iabChair", "tlsChair"],
    ],
    // issue 15 §3: an outgoing For-action statement closed without an incoming reply
    [
      "close awaited reply (outgoing posted, For action)",
      "closeAwaitedReply",
      outgoing("posted", awaiting),
      ["secretariat", "coordinator", "witAd", "quicChair", "quicCochair", "quicSecretary", "lm3gpp"],
    ],
    [
      "close awaited reply: already closed",
      "closeAwaitedReply",
      outgoing("posted", { ...awaiting, actionStatus: "taken" }),
      [],
    ],
    [
      "close awaited reply: imported, status unknown",
      "closeAwaitedReply",
      outgoing("posted", { ...awaiting, actionStatus: "unknown_imported" }),
      [],
    ],
    [
      "close awaited reply: For information",
      "closeAwaitedReply",
      outgoing("posted", { purpose: "information", actionStatus: "none" }),
      [],
    ],
    ["close awaited reply: pending", "closeAwaitedReply", outgoing("pending", awaiting), []],
    ["close awaited reply: incoming", "closeAwaitedReply", { ...incoming("posted"), ...awaiting }, []],
    // issue 15 §4: post without sending mail
    ["post record-only: incoming draft", "postRecordOnly", incoming("draft"), ["secretariat", "coordinator", "lm3gpp"]],
    ["post record-only: incoming posted", "postRecordOnly", incoming("posted"), []],
    ["post record-only: outgoing draft", "postRecordOnly", outgoing("draft"), ["secretariat"]],
    ["post record-only: outgoing pending", "postRecordOnly", outgoing("pending"), ["secretariat"]],
    ["post record-only: outgoing approved", "postRecordOnly", outgoing("approved"), ["secretariat"]],
    ["post record-only: outgoing posted", "postRecordOnly", outgoing("posted"), []],
    ["resend: outgoing posted", "resend", outgoing("posted"), ["secretariat", "coordinator", "lm3gpp"]],
    [
      "resend: incoming posted (LM of the From body)",
      "resend",
      incoming("posted"),
      ["secretariat", "coordinator", "lm3gpp"],
    ],
    ["resend: pending", "resend", outgoing("pending"), []],
    ["resend: withdrawn after posting", "resend", outgoing("withdrawn", { postedAt: new Date() }), []],
    ["comment: posted", "comment", outgoing("posted"), everyoneSignedIn],
    ["comment: pending", "comment", outgoing("pending"), [...editorsOfDraft, "lm3gpp"]],
    ["comment staff-only: posted", "commentStaffOnly", outgoing("posted"), [...editorsOfDraft, "lm3gpp"]],
    ["comment staff-only: pending", "commentStaffOnly", outgoing("pending"), [...editorsOfDraft, "lm3gpp"]],
  ];
  for (const [what, action, statement, who] of table) {
    it.each(allowed(who))(`${what}: %s → %s`, (persona, expected) => {
      expect(can(personas[persona], action, statement, index)).toBe(expected);
    });
  }

  it("does not offer approval again for a From group that is already approved", () => {
    const st = outgoing("pending");
    expect(can(personas.witAd, "approve", st, index, [id("quic")])).toBe(false);
    const two = outgoing("pending", { fromGroupIds: [id("quic"), id("tls")] });
    expect(can(personas.witAd, "approve", two, index, [id("quic")])).toBe(false);
    expect(can(personas.secAd, "approve", two, index, [id("quic")])).toBe(true);
  });

  it("administration and the desk", () => {
    for (const p of ALL) {
      expect(mayAdminister(personas[p])).toBe(p === "secretariat");
      expect(mayUseDesk(personas[p])).toBe(["secretariat", "coordinator", "lm3gpp", "lmSg15"].includes(p));
    }
    expect(everyoneSignedIn).toHaveLength(ALL.length - 1);
  });
});

describe("public is the lifecycle's one definition", () => {
  it("a signed-out visitor may view exactly the statements isPublicState calls public", () => {
    const index: GroupIndex = new Map();
    for (const state of ["draft", "pending", "approved", "posted", "withdrawn"] as const) {
      for (const postedAt of [null, new Date("2026-01-01")]) {
        const st: StatementRef = {
          direction: "incoming",
          state,
          submitterId: 1,
          assigneeId: null,
          postedAt,
          fromGroupIds: [],
          toGroupIds: [],
        };
        expect(can(null, "view", st, index)).toBe(isPublicState(state, postedAt));
      }
    }
  });
});

describe("§4.1 has one test: meetsRequirement", () => {
  it("holds exactly when approvalCapacity finds a direct (not on-behalf) approval, for every persona × group", () => {
    let direct = 0;
    for (const persona of ALL) {
      for (const g of groups) {
        const need = approverRequirement(index, g.id);
        const fromRoles = (personas[persona]?.roles ?? []).some((r) => meetsRequirement(r, need));
        expect(
          approvalCapacity(personas[persona], index, g.id)?.onBehalf === false,
          `${persona} for ${g.acronym}`,
        ).toBe(fromRoles);
        if (fromRoles) direct++;
      }
    }
    expect(direct).toBeGreaterThan(3);
  });

  it("only AD, IETF Chair and IAB Chair approve in their own right", () => {
    expect([...APPROVER_ROLES].sort()).toEqual(["ad", "iab_chair", "ietf_chair"]);
    expect(meetsRequirement({ role: "secretariat", groupId: null }, { role: "ietf_chair" })).toBe(false);
    expect(meetsRequirement({ role: "ad", groupId: id("wit") }, { role: "ad", areaId: id("sec") })).toBe(false);
  });
});
