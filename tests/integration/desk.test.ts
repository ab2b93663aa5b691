/**
 * Issue 9 on the demo data: the liaison manager's desk (scoped to the relationships one looks after, numbers
 * matching the lists they link to), the status report and "Send report" (outbox + audit row in one go),
 * "No reply will be sent" mailing the liaison managers, and FORBIDDEN with nothing written for the rest.
 */
import { describe, expect, it } from "vitest";
import { isoDate } from "@/lib/dates";
import { parseArchiveQuery } from "@/server/archive/filters";
import { searchStatements } from "@/server/archive/search";
import { loadGroupIndex } from "@/server/authz/load";
import type { Actor } from "@/server/authz/types";
import { deskOverview } from "@/server/desk/desk";
import { lastFullQuarter, renderReportText } from "@/server/desk/report";
import { loadStatusReport } from "@/server/desk/report-data";
import { sendStatusReport } from "@/server/desk/send-report";
import { AppError } from "@/server/errors";
import { approveStatement } from "@/server/statements/approve-statement";
import { markActionTaken } from "@/server/statements/mark-action-taken";
import { postStatement } from "@/server/statements/post-statement";
import { saveStatement } from "@/server/statements/save-statement";
import { statementFormSchema } from "@/server/statements/schema";
import { submitStatement } from "@/server/statements/submit-statement";
import { actorFor, groupId, setupDemoWorld } from "../support/demo-world";
import { seenVersion } from "../support/seen-version";
import { testEngine } from "../support/test-database";

const world = setupDemoWorld();
const DAY = 86_400_000;
const unique = () => Math.random().toString(36).slice(2, 8);

async function expectError(promise: Promise<unknown>, code: string, message?: RegExp) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  if (message) expect((error as AppError).message).toMatch(message);
  return error as AppError;
}

/** Records and posts an incoming statement (as the liaison manager would). */
async function recordIncoming(actor: Actor, from: string, to: string, overrides: Record<string, unknown> = {}) {
  const db = world();
  const input = statementFormSchema.parse({
    direction: "incoming",
    intent: "post",
    from: String(await groupId(db, from)),
    to: String(await groupId(db, to)),
    fromContact: "Peer Chair <peer-chair@example.net>",
    toContact: "quic@ietf.org",
    title: `Desk test LS ${unique()}`,
    purpose: "action",
    deadline: isoDate(new Date(Date.now() + 30 * DAY)),
    body: "Please advise.",
    receivedOn: isoDate(new Date()),
    ...overrides,
  });
  const id = await saveStatement({ actor, input });
  await postStatement({ actor, id });
  return id;
}

/** The total of the public list a desk link opens. */
async function listTotal(href: string): Promise<number> {
  const [path, query] = href.split("?");
  expect(path).toBe("/statements");
  const parsed = parseArchiveQuery(new URLSearchParams(query));
  if (!parsed.ok) throw new Error(`bad link ${href}: ${JSON.stringify(parsed.fields)}`);
  return (await searchStatements(parsed.filters)).total;
}

async function writes() {
  const db = world().prisma;
  return { mail: await db.mail.count(), audit: await db.auditLog.count(), events: await db.statementEvent.count() };
}

describe(`the liaison manager's desk (${testEngine})`, () => {
  it("the 3GPP liaison manager sees only 3GPP, and each number matches the list it links to", async () => {
    const db = world();
    const lm = await actorFor(db, "lm-3gpp@example.org");
    const groups = await loadGroupIndex();
    const desk = await deskOverview(lm, groups);
    expect(desk.sections.map((s) => s.relationship.acronym)).toEqual(["3gpp"]);
    const [section] = desk.sections;
    if (!section) throw new Error("no section");
    const rel = section.relationship;
    expect([rel.kind, rel.hasFormalRelationship]).toEqual(["organization", true]);
    expect(rel.managers).toEqual([{ name: "Mia Tanaka", email: "lm-3gpp@example.org", scope: "3gpp" }]);
    const threeGpp = [...groups.values()].filter((g) => g.acronym.startsWith("3gpp")).map((g) => g.acronym);
    expect(rel.groupIds.map((id) => groups.get(id)?.acronym).sort()).toEqual(threeGpp.sort());

    // Incoming needing action: only 3GPP, the overdue SA3 one first, each with its assignee.
    expect(section.actionNeeded.every((i) => i.from.every((g) => threeGpp.includes(g.acronym)))).toBe(true);
    const titles = section.actionNeeded.map((i) => i.title);
    expect(titles.indexOf("LS on TLS 1.3 early data in the 5G Service Based Architecture")).toBe(0);
    expect(section.actionNeeded[0]?.daysLeft).toBeLessThan(0);
    expect(section.actionNeeded[0]?.assignee).toBe("Samir Haddad");
    expect(titles).toContain("LS on QUIC-based multi-access traffic steering (ATSSS Phase 4)");
    expect(titles).not.toContain("LS on Security considerations for MPQUIC"); // answered by the QUIC WG
    const daysLeft = section.actionNeeded.map((i) => i.daysLeft ?? Number.POSITIVE_INFINITY);
    expect(daysLeft).toEqual([...daysLeft].sort((a, b) => a - b));
    expect(section.pendingApproval.map((i) => i.title).sort()).toEqual([
      "LS on QUIC connection migration across 3GPP and non-3GPP access",
      "Reply LS on TLS 1.3 early data in the 5G Service Based Architecture",
    ]);

    expect(section.links).toMatchObject({
      received: `/statements?direction=incoming&from=3gpp&since=${desk.since}`,
      sent: `/statements?direction=outgoing&to=3gpp&since=${desk.since}`,
      actionNeeded: "/statements?direction=incoming&from=3gpp&actionNeeded=true",
      unassigned: "/action-needed",
      pendingApproval: "#pending-3gpp",
      report: "/desk/report?org=3gpp",
    });
    expect(section.received).toBeGreaterThan(0);
    expect(await listTotal(section.links.received)).toBe(section.received);
    expect(await listTotal(section.links.sent)).toBe(section.sent);
    expect(await listTotal(section.links.actionNeeded)).toBe(section.actionNeeded.length);
  });

  it("the ITU-T SG15 liaison manager's relationship is the group; staff see every external organization", async () => {
    const db = world();
    const itu = await deskOverview(await actorFor(db, "lm-itu@example.org"), await loadGroupIndex());
    expect(itu.sections.map((s) => [s.relationship.kind, s.relationship.acronym])).toEqual([["group", "itu-t-sg15"]]);
    expect(itu.sections[0]?.relationship.managers.map((m) => m.name)).toEqual(["Luis Ferreira"]);
    const external = await db.prisma.organization.findMany({ where: { side: "external" }, orderBy: { name: "asc" } });
    for (const email of ["coordinator@example.org", "secretariat@example.org"]) {
      const desk = await deskOverview(await actorFor(db, email), await loadGroupIndex());
      expect(desk.sections.map((s) => s.relationship.acronym)).toEqual(external.map((o) => o.acronym));
      const sections = Object.fromEntries(desk.sections.map((s) => [s.relationship.acronym, s]));
      expect(sections["itu-t"]?.relationship.managers).toEqual([
        { name: "Luis Ferreira", email: "lm-itu@example.org", scope: "itu-t-sg15" },
      ]);
      expect(sections["o-ran"]?.relationship.hasFormalRelationship).toBe(false);
      expect(sections["3gpp"]?.links.pendingApproval).toBe("/approvals"); // staff approve on behalf
    }
  });

  it("lists unassigned actions, and outgoing For-action statements until the peer's reply is posted", async () => {
    const db = world();
    const lm = await actorFor(db, "lm-3gpp@example.org");
    const unassignedId = await recordIncoming(lm, "3gpp-tsgct-ct4", "httpbis");
    await db.prisma.statement.update({ where: { id: unassignedId }, data: { assigneeId: null } });

    const chair = await actorFor(db, "chair@example.org");
    const ad = await actorFor(db, "ad@example.org");
    const [quic, sa] = [await groupId(db, "quic"), await groupId(db, "3gpp-tsg-sa")];
    const request = statementFormSchema.parse({
      direction: "outgoing",
      from: String(quic),
      to: String(sa),
      fromContact: "Quentin Hale <chair@example.org>",
      toContact: "3GPP TSG SA Chair <sa-chair@example.net>",
      title: `QUIC asks SA for input ${unique()}`,
      purpose: "action",
      deadline: isoDate(new Date(Date.now() + 60 * DAY)),
      body: "Please tell us.",
    });
    const requestId = await saveStatement({ actor: chair, input: request });
    await submitStatement({ actor: chair, id: requestId });
    await approveStatement({ actor: ad, id: requestId, version: await seenVersion(requestId) });

    let section = (await deskOverview(lm, await loadGroupIndex())).sections[0]!;
    expect(section.unassigned.map((i) => i.id)).toEqual([unassignedId]);
    expect(section.actionNeeded.find((i) => i.id === unassignedId)?.assignee).toBeNull();
    expect(section.awaitingPeer.map((i) => i.id)).toEqual([requestId]);
    expect(section.links.awaitingPeer).toBe("#awaiting-3gpp");

    await recordIncoming(lm, "3gpp-tsg-sa", "quic", {
      purpose: "response",
      deadline: "",
      respondsTo: String(requestId),
      title: `SA answers QUIC ${unique()}`,
    });
    section = (await deskOverview(lm, await loadGroupIndex())).sections[0]!;
    expect(section.awaitingPeer).toEqual([]);
  });
});

describe(`the status report (${testEngine})`, () => {
  it("defaults to the liaison manager's relationship and the last full quarter", async () => {
    const db = world();
    const now = new Date();
    const loaded = await loadStatusReport(await actorFor(db, "lm-3gpp@example.org"), await loadGroupIndex(), {}, now);
    expect(loaded.query).toEqual({ org: "3gpp", period: lastFullQuarter(now) });
    expect(loaded.report.scope).toEqual({ acronym: "3gpp", name: "3rd Generation Partnership Project" });
    expect(loaded.mayReportOnAll).toBe(false);
  });

  it("covers only the relationship: received and sent in the period, replies, open actions", async () => {
    const db = world();
    const now = new Date();
    const period = { from: isoDate(new Date(now.getTime() - 100 * DAY))!, to: isoDate(now)! };
    const { report } = await loadStatusReport(
      await actorFor(db, "lm-3gpp@example.org"),
      await loadGroupIndex(),
      { org: "3gpp", ...period },
      now,
    );
    const received = report.received.map((i) => i.title);
    expect(received).toContain("LS on Security considerations for MPQUIC");
    expect(received).not.toContain("LS on QoS monitoring for low-latency services"); // a draft
    expect(report.received.every((i) => i.from.every((a) => a.startsWith("3gpp")))).toBe(true);
    expect(report.sent.every((i) => i.to.some((a) => a.startsWith("3gpp")))).toBe(true);
    expect(report.repliesSent.map((i) => i.title)).toContain("Reply LS on Security considerations for MPQUIC");
    expect(report.openActions[0]?.title).toBe("LS on TLS 1.3 early data in the 5G Service Based Architecture");
    expect(report.overdue.map((i) => i.title)).toContain(
      "LS on TLS 1.3 early data in the 5G Service Based Architecture",
    );
  });

  it("Send report queues one `report` mail to the addresses given and records it for the relationship", async () => {
    const db = world();
    const lm = await actorFor(db, "lm-3gpp@example.org");
    const period = { from: "2026-01-01", to: isoDate(new Date())! };
    const before = await writes();
    const result = await sendStatusReport(lm, await loadGroupIndex(), {
      org: "3gpp",
      ...period,
      recipients: "The IESG <iesg@ietf.org>\niab@iab.org, iesg@ietf.org",
    });
    expect(await writes()).toEqual({ ...before, mail: before.mail + 1, audit: before.audit + 1 });
    const mail = await db.prisma.mail.findUniqueOrThrow({ where: { id: result.mailId! } });
    expect([mail.kind, mail.state, mail.statementId]).toEqual(["report", "queued", null]);
    expect(mail.to).toEqual(["The IESG <iesg@ietf.org>", "iab@iab.org"]);
    expect(mail.replyTo).toBe("Mia Tanaka <lm-3gpp@example.org>");
    expect(mail.subject).toBe(
      `Liaison status report: 3rd Generation Partnership Project (3gpp), ${period.from} to ${period.to}`,
    );
    const { report } = await loadStatusReport(lm, await loadGroupIndex(), { org: "3gpp", ...period });
    expect(mail.body).toBe(renderReportText(report));
    expect(mail.body).toContain("LS on Security considerations for MPQUIC");

    const org = await db.prisma.organization.findUniqueOrThrow({ where: { acronym: "3gpp" } });
    const audit = await db.prisma.auditLog.findFirstOrThrow({
      where: { action: "report_sent" },
      orderBy: { id: "desc" },
    });
    expect([audit.entityType, audit.entityId, audit.actorId]).toEqual(["organization", org.id, lm.personId]);
    expect(audit.summary).toBe(
      `Status report for 3rd Generation Partnership Project, ${period.from} to ${period.to}, sent to The IESG <iesg@ietf.org>, iab@iab.org`,
    );
    const loaded = await loadStatusReport(lm, await loadGroupIndex(), { org: "3gpp" });
    expect(loaded.events.map((e) => e.summary)).toContain(audit.summary);
  });

  it("names a bad address and writes nothing; staff may report on all relationships", async () => {
    const db = world();
    const lm = await actorFor(db, "lm-3gpp@example.org");
    const before = await writes();
    const error = await expectError(
      sendStatusReport(lm, await loadGroupIndex(), { org: "3gpp", recipients: "iesg@ietf.org, not-an-address" }),
      "VALIDATION",
    );
    expect(error.fieldErrors?.recipients).toContain("not-an-address");
    await expectError(sendStatusReport(lm, await loadGroupIndex(), { org: "3gpp", recipients: " " }), "VALIDATION");
    expect(await writes()).toEqual(before);

    const coordinator = await actorFor(db, "coordinator@example.org");
    await sendStatusReport(coordinator, await loadGroupIndex(), { org: "all", recipients: "iab@iab.org" });
    const audit = await db.prisma.auditLog.findFirstOrThrow({
      where: { action: "report_sent" },
      orderBy: { id: "desc" },
    });
    expect([audit.entityType, audit.entityId]).toEqual(["relationship", null]);
    const all = await loadStatusReport(coordinator, await loadGroupIndex(), { org: "all" });
    expect(all.report.scope).toBeNull();
    expect(all.events.map((e) => e.id)).toEqual([audit.id]);
    await expectError(loadStatusReport(coordinator, await loadGroupIndex(), { org: "no-such-body" }), "NOT_FOUND");
  });

  it("a liaison manager may not report on a relationship they do not manage, nor on all", async () => {
    const db = world();
    const lm = await actorFor(db, "lm-3gpp@example.org");
    const before = await writes();
    for (const org of ["itu-t", "itu-t-sg15", "all"]) {
      await expectError(loadStatusReport(lm, await loadGroupIndex(), { org }), "FORBIDDEN");
      await expectError(
        sendStatusReport(lm, await loadGroupIndex(), { org, recipients: "iesg@ietf.org" }),
        "FORBIDDEN",
      );
    }
    expect(await writes()).toEqual(before);
  });

  it("a WG chair and an AD get FORBIDDEN from every desk use-case, and nothing is written", async () => {
    const db = world();
    const before = await writes();
    for (const email of ["chair@example.org", "ad@example.org"]) {
      const actor = await actorFor(db, email);
      await expectError(deskOverview(actor, await loadGroupIndex()), "FORBIDDEN");
      await expectError(loadStatusReport(actor, await loadGroupIndex(), { org: "3gpp" }), "FORBIDDEN");
      await expectError(
        sendStatusReport(actor, await loadGroupIndex(), { org: "3gpp", recipients: "iesg@ietf.org" }),
        "FORBIDDEN",
      );
    }
    await expectError(deskOverview(null, await loadGroupIndex()), "UNAUTHENTICATED");
    expect(await writes()).toEqual(before);
  });
});

describe(`"No reply will be sent" (${testEngine})`, () => {
  it("mails the liaison managers of the From groups in the same step, and says so in the history", async () => {
    const db = world();
    const lm = await actorFor(db, "lm-3gpp@example.org");
    const chair = await actorFor(db, "chair@example.org");
    const id = await recordIncoming(lm, "3gpp-tsgsa-sa2", "quic");
    await markActionTaken({
      actor: chair,
      id,
      note: "Discussed in the WG; nothing to add.",
      link: null,
      noReplyWillBeSent: true,
    });
    const mails = await db.prisma.mail.findMany({ where: { statementId: id, kind: "action_closed" } });
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail?.to).toEqual(["Mia Tanaka <lm-3gpp@example.org>"]);
    expect(mail?.replyTo).toBe("Quentin Hale <chair@example.org>");
    expect(mail?.subject).toMatch(/^No reply will be sent: "Desk test LS /);
    expect(mail?.body).toContain("What was done: Discussed in the WG; nothing to add.");
    expect(mail?.body).toContain(`/statements/${id}`);
    const st = await db.prisma.statement.findUniqueOrThrow({
      where: { id },
      include: { events: { orderBy: { id: "asc" } } },
    });
    expect(st.actionStatus).toBe("taken");
    expect(st.events.at(-1)?.text).toBe(
      "Action taken: Discussed in the WG; nothing to add. No reply will be sent; the liaison managers of 3gpp-tsgsa-sa2 were informed.",
    );
  });

  it("goes to a group's own liaison manager; without the tick nobody is mailed", async () => {
    const db = world();
    const itu = await actorFor(db, "lm-itu@example.org");
    const first = await recordIncoming(itu, "itu-t-sg15", "quic");
    await markActionTaken({
      actor: itu,
      id: first,
      note: "Handled at the interim",
      link: "https://example.org/minutes",
      noReplyWillBeSent: true,
    });
    const mail = await db.prisma.mail.findFirstOrThrow({ where: { statementId: first, kind: "action_closed" } });
    expect(mail.to).toEqual(["Luis Ferreira <lm-itu@example.org>"]);
    expect(mail.body).toContain("Link: https://example.org/minutes");

    const second = await recordIncoming(itu, "itu-t-sg15", "quic");
    await markActionTaken({ actor: itu, id: second, note: "Done" });
    expect(await db.prisma.mail.count({ where: { statementId: second, kind: "action_closed" } })).toBe(0);
    const event = await db.prisma.statementEvent.findFirstOrThrow({
      where: { statementId: second, type: "action_taken" },
    });
    expect(event.text).toBe("Action taken: Done");
  });
});
