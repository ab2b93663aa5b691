import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@/server/auth/password";
import type { Database } from "@/server/db/connection";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@/server/seed/demo-data";
import { sha256Hex } from "@/server/seed/factories";
import { isDatabaseEmpty, seedDemo } from "@/server/seed/seed-demo";
import { storedBytes } from "../support/attachments";
import { createTestDatabase } from "../support/test-database";

// createTestDatabase rather than useTestDatabase: Biome's rules-of-hooks check flags any `use…` call at
// module level. The seed takes its client as an argument, so the process-wide database is not needed.
let database: Database | undefined;
const db = () => {
  if (!database) throw new Error("test database not ready");
  return database;
};
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});
const NOW = new Date("2026-11-20T10:00:00Z");

async function rowCounts(): Promise<Record<string, number>> {
  const tables = await db().sql.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
     WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'
     ORDER BY table_name`,
  );
  const counts: Record<string, number> = {};
  for (const { table_name } of tables) {
    const [row] = await db().sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table_name}"`);
    counts[table_name] = row?.n ?? -1;
  }
  return counts;
}

const statements = () =>
  db().prisma.statement.findMany({
    include: {
      groups: { include: { group: true } },
      approvals: true,
      relationsFrom: true,
      relationsTo: true,
      attachments: { select: { id: true } },
      events: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
    },
  });

describe("demo seed", () => {
  let firstSummary = "";
  let countsAfterFirst: Record<string, number> = {};

  beforeAll(async () => {
    expect(await isDatabaseEmpty(db().prisma)).toBe(true);
    firstSummary = await seedDemo(db(), { now: NOW });
    countsAfterFirst = await rowCounts();
  });

  it("reports what it added, and a second run (even a day later) adds nothing", async () => {
    expect(firstSummary).toMatch(/^\d+ organizations, \d+ groups, \d+ people, \d+ statements$/);
    expect(await isDatabaseEmpty(db().prisma)).toBe(false);
    const second = await seedDemo(db(), { now: new Date(NOW.getTime() + 86_400_000) });
    expect(second).toBe("0 organizations, 0 groups, 0 people, 0 statements");
    expect(await rowCounts()).toEqual(countsAfterFirst);
    expect(countsAfterFirst.Statement).toBeGreaterThanOrEqual(35);
  });

  it("creates the nine demo accounts with their documented roles and the shared password", async () => {
    const expected: Record<string, { role: string; group?: string; organization?: string }> = {
      "secretariat@example.org": { role: "secretariat" },
      "coordinator@example.org": { role: "iab_liaison_coordinator", group: "iab" },
      "ietf-chair@example.org": { role: "ietf_chair", group: "ietf" },
      "iab-chair@example.org": { role: "iab_chair", group: "iab" },
      "ad@example.org": { role: "ad", group: "wit" },
      "chair@example.org": { role: "wg_chair", group: "quic" },
      "cochair@example.org": { role: "wg_chair", group: "quic" }, // issue 15 §2: Elena Petrova, second chair
      "lm-3gpp@example.org": { role: "liaison_manager", organization: "3gpp" },
      "lm-itu@example.org": { role: "liaison_manager", group: "itu-t-sg15" },
    };
    expect(DEMO_ACCOUNTS.map((a) => a.email).sort()).toEqual(Object.keys(expected).sort());
    for (const [email, want] of Object.entries(expected)) {
      const address = await db().prisma.emailAddress.findUniqueOrThrow({
        where: { address: email },
        include: { person: { include: { roles: { include: { group: true, organization: true } } } } },
      });
      expect(address.isPrimary, email).toBe(true);
      expect(address.person.canSignIn, email).toBe(true);
      expect(await verifyPassword(DEMO_PASSWORD, address.person.passwordHash), email).toBe(true);
      expect(await verifyPassword("wrong", address.person.passwordHash), email).toBe(false);
      const roles = address.person.roles.map((r) => ({
        role: r.role,
        ...(r.group ? { group: r.group.acronym } : {}),
        ...(r.organization ? { organization: r.organization.acronym } : {}),
      }));
      expect(roles, email).toEqual([want]);
    }
    const hashes = await db().prisma.person.findMany({ where: { passwordHash: { not: null } } });
    expect(hashes).toHaveLength(9);
    const elena = await db().prisma.emailAddress.findUniqueOrThrow({
      where: { address: "cochair@example.org" },
      include: { person: true },
    });
    expect(elena.person.name).toBe("Elena Petrova");
  });

  it("has the documented groups, with WGs under their areas and 3GPP WGs under their TSG", async () => {
    const groups = await db().prisma.group.findMany({ include: { parent: true, organization: true } });
    const byAcronym = new Map(groups.map((g) => [g.acronym, g]));
    const expectGroup = (acronym: string, type: string, org: string, parent?: string) => {
      const group = byAcronym.get(acronym);
      expect(group, acronym).toBeDefined();
      expect([group?.type, group?.organization.acronym, group?.parent?.acronym], acronym).toEqual([type, org, parent]);
    };
    expectGroup("ietf", "ietf", "ietf");
    expectGroup("iesg", "iesg", "ietf");
    expectGroup("iab", "iab", "ietf");
    for (const wg of ["quic", "httpbis", "masque"]) expectGroup(wg, "wg", "ietf", "wit");
    expectGroup("tls", "wg", "ietf", "sec");
    expect(byAcronym.get("wit")?.name).toBe("Web and Internet Transport");
    expect(byAcronym.get("quic")?.listAddress).toBe("quic@ietf.org");
    expectGroup("3gpp-tsg-sa", "sdo", "3gpp");
    expectGroup("3gpp-tsgsa-sa2", "sdo", "3gpp", "3gpp-tsg-sa");
    expectGroup("3gpp-tsgsa-sa3", "sdo", "3gpp", "3gpp-tsg-sa");
    expectGroup("3gpp-tsg-ct", "sdo", "3gpp");
    expectGroup("3gpp-tsgct-ct4", "sdo", "3gpp", "3gpp-tsg-ct");
    expectGroup("itu-t-sg15", "sdo", "itu-t");
    expectGroup("itu-t-sg13", "sdo", "itu-t");
    expectGroup("ieee-802-1", "sdo", "ieee");
    expectGroup("bbf", "sdo", "bbf");
    for (const group of groups.filter((g) => g.type === "sdo")) {
      expect(group.defaultContacts.length, group.acronym).toBeGreaterThan(0);
    }
    // No LM on SG13 or its organization: mail must fall back to the coordination address.
    const sg13 = byAcronym.get("itu-t-sg13");
    const lms = await db().prisma.roleAssignment.count({
      where: { role: "liaison_manager", OR: [{ groupId: sg13?.id }, { organizationId: sg13?.organizationId }] },
    });
    expect(lms).toBe(0);
  });

  it("covers every state each direction can be in (lifecycle.ts), and every purpose", async () => {
    const all = await statements();
    const reachable = {
      outgoing: ["draft", "pending", "approved", "posted", "withdrawn"],
      // Incoming statements are posted directly by whoever records them: no pending or approved.
      incoming: ["draft", "posted", "withdrawn"],
    } as const;
    expect(all.filter((s) => s.direction === "incoming" && ["pending", "approved"].includes(s.state))).toEqual([]);
    for (const direction of ["incoming", "outgoing"] as const) {
      for (const state of reachable[direction]) {
        expect(
          all.some((s) => s.direction === direction && s.state === state),
          `${direction} ${state}`,
        ).toBe(true);
      }
    }
    for (const purpose of ["information", "action", "response", "comment"]) {
      expect(
        all.some((s) => s.purpose === purpose),
        purpose,
      ).toBe(true);
    }
    const withdrawn = all.filter((s) => s.state === "withdrawn");
    expect(withdrawn.some((s) => s.postedAt !== null)).toBe(true);
    expect(withdrawn.some((s) => s.postedAt === null)).toBe(true);
    const legacy = all.filter((s) => s.purpose === "comment");
    expect(legacy.length).toBeGreaterThanOrEqual(2);
    for (const s of legacy) expect(s.events[0]?.data, s.title).toMatchObject({ imported: true });
    const spanDays = (NOW.getTime() - Math.min(...all.map((s) => s.createdAt.getTime()))) / 86_400_000;
    expect(spanDays).toBeGreaterThan(2 * 365);
  });

  it("includes the MPQUIC exchange: 3GPP's LS For action and the QUIC WG's posted reply, which closed it", async () => {
    const all = await statements();
    const original = all.find((s) => s.title === "LS on Security considerations for MPQUIC");
    const reply = all.find((s) => s.title === "Reply LS on Security considerations for MPQUIC");
    expect(original).toMatchObject({
      direction: "incoming",
      purpose: "action",
      state: "posted",
      actionStatus: "taken",
    });
    expect(original?.deadline).not.toBeNull();
    expect(original?.assigneeId).not.toBeNull();
    expect(original?.otherIdentifiers.some((id) => /^SP-24\d{4}$/.test(id))).toBe(true);
    expect(original?.groups.map((g) => `${g.side}:${g.group.acronym}`).sort()).toEqual(["from:3gpp-tsg-sa", "to:quic"]);
    expect(reply).toMatchObject({ direction: "outgoing", purpose: "response", state: "posted" });
    expect(reply?.groups.map((g) => `${g.side}:${g.group.acronym}`).sort()).toEqual(["from:quic", "to:3gpp-tsg-sa"]);
    expect(reply?.relationsFrom).toEqual([
      expect.objectContaining({ targetId: original?.id, relationship: "responds_to" }),
    ]);
    const ad = await db().prisma.emailAddress.findUniqueOrThrow({ where: { address: "ad@example.org" } });
    expect(reply?.approvals).toEqual([
      expect.objectContaining({ approverId: ad.personId, role: "ad", onBehalf: false }),
    ]);
    expect(original?.actionTakenAt?.getTime()).toBe(reply?.postedAt?.getTime());
  });

  it("has one approval per From group on every approved or posted outgoing statement, by a §4.1 approver", async () => {
    const all = await statements();
    const roles = await db().prisma.roleAssignment.findMany();
    const groups = new Map((await db().prisma.group.findMany()).map((g) => [g.id, g]));
    const approved = all.filter((s) => s.direction === "outgoing" && s.approvedAt !== null);
    expect(approved.length).toBeGreaterThan(10);
    for (const s of approved) {
      const from = s.groups
        .filter((g) => g.side === "from")
        .map((g) => g.groupId)
        .sort();
      expect(s.approvals.map((a) => a.groupId).sort(), s.title).toEqual(from);
      for (const approval of s.approvals) {
        const group = groups.get(approval.groupId);
        const holds = roles.some(
          (r) => r.personId === approval.approverId && r.role === approval.role && r.groupId === approval.roleGroupId,
        );
        expect(holds, `${s.title}: approver holds the role`).toBe(true);
        if (approval.onBehalf) continue;
        const required =
          group?.type === "wg"
            ? ["ad", group.parentId]
            : group?.type === "area"
              ? ["ad", group.id]
              : group?.type === "iab"
                ? ["iab_chair", group.id]
                : ["ietf_chair", [...groups.values()].find((g) => g.acronym === "ietf")?.id];
        expect([approval.role, approval.roleGroupId], `${s.title} from ${group?.acronym}`).toEqual(required);
      }
    }
    for (const s of all.filter((x) => x.direction === "incoming" || x.approvedAt === null)) {
      expect(s.approvals, s.title).toEqual([]);
    }
  });

  it("stores attachments whose size and SHA-256 match their bytes, and PDFs that are PDFs", async () => {
    const attachments = await db().prisma.attachment.findMany();
    expect(attachments.length).toBeGreaterThanOrEqual(5);
    const content = new Map<number, Buffer>();
    for (const a of attachments) {
      const bytes = await storedBytes(db(), a.sha256);
      content.set(a.id, bytes);
      expect(a.size, a.filename).toBe(bytes.byteLength);
      expect(a.sha256, a.filename).toBe(sha256Hex(bytes));
    }
    const pdfs = attachments.filter((a) => a.contentType === "application/pdf");
    expect(pdfs.length).toBeGreaterThan(0);
    for (const pdf of pdfs) {
      const text = content.get(pdf.id)!.toString("latin1");
      expect(text.startsWith("%PDF-1.")).toBe(true);
      const xrefAt = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)?.[1]);
      expect(text.slice(xrefAt, xrefAt + 4), pdf.filename).toBe("xref");
    }
    expect(attachments.some((a) => a.contentType.startsWith("text/plain"))).toBe(true);
  });

  it("keeps dates, deadlines, action status and replies consistent with each statement's state", async () => {
    const all = await statements();
    const byId = new Map(all.map((s) => [s.id, s]));
    for (const s of all) {
      const label = `${s.direction} ${s.state} "${s.title}"`;
      expect(s.deadline !== null, `${label}: deadline iff For action`).toBe(s.purpose === "action");
      expect(s.fromContact.length && s.toContact.length, label).toBeTruthy();
      expect(s.body.length > 0 || s.attachments.length > 0, `${label}: body or attachment`).toBe(true);
      const isPosted = s.state === "posted" || (s.state === "withdrawn" && s.postedAt !== null);
      expect(s.postedAt !== null, label).toBe(isPosted);
      expect(s.withdrawnAt !== null && s.withdrawnReason !== null, label).toBe(s.state === "withdrawn");
      const times = [s.createdAt, s.submittedAt, s.approvedAt, s.postedAt, s.withdrawnAt].filter((d) => d !== null);
      expect(
        times.map((d) => d.getTime()),
        `${label}: dates in order`,
      ).toEqual(times.map((d) => d.getTime()).sort((a, b) => a - b));
      for (const event of s.events) expect(event.createdAt.getTime(), label).toBeLessThanOrEqual(NOW.getTime());
      expect(s.events[0]?.type, label).toBe("created");
      expect(
        s.events.some((e) => e.type === "posted"),
        label,
      ).toBe(isPosted);
      if (s.direction === "incoming" && isPosted) {
        // Recorded and posted in one step: no approval, no separate submission.
        expect([s.approvedAt, s.submittedAt?.getTime()], label).toEqual([null, s.postedAt?.getTime()]);
        expect(
          s.events.filter((e) => e.type === "submitted" || e.type === "approved"),
          label,
        ).toEqual([]);
      }
      if (s.state === "posted" && s.purpose === "action") {
        expect(s.assigneeId, label).not.toBeNull();
        expect(s.actionStatus === "taken" ? s.actionTakenAt : "needed", label).not.toBeNull();
        expect(s.deadline && s.postedAt && s.deadline > s.postedAt, `${label}: deadline after posting`).toBe(true);
      } else {
        expect(s.actionStatus, label).toBe("none");
      }
      if (s.purpose === "response") {
        expect(
          s.relationsFrom.some((r) => r.relationship === "responds_to"),
          `${label}: answers something`,
        ).toBe(true);
      }
      for (const relation of s.relationsFrom.filter((r) => r.relationship === "responds_to")) {
        const target = byId.get(relation.targetId);
        expect(target?.postedAt && target.postedAt < s.createdAt, `${label}: written after its target was posted`).toBe(
          true,
        );
      }
    }
    const actions = all.filter((s) => s.state === "posted" && s.purpose === "action");
    expect(new Set(actions.map((s) => s.actionStatus))).toEqual(new Set(["needed", "taken"]));
    expect(actions.some((s) => s.actionStatus === "needed" && s.deadline && s.deadline < NOW)).toBe(true);
    expect(all.some((s) => s.body.includes("https://"))).toBe(true);
    expect(all.some((s) => s.body.split("\n").some((line) => line.length > 200))).toBe(true);
  });
});
