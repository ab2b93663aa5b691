/**
 * Issue 17: the Datatracker importer against a generated archive in the exact API format (≥ 200 statements,
 * every state, purpose, tag, event type and legacy quirk), imported twice, then a newer snapshot with a
 * local edit (conflict), bad objects, --strict and --dry-run. Runs on PGlite and, with TEST_DATABASE_URL,
 * on PostgreSQL.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadGroupIndex } from "@/server/authz/load";
import { importDatatracker } from "@/server/import/import-datatracker";
import { hasChanges } from "@/server/import/report";
import { sendDueReminders } from "@/server/reminders/send-reminders";
import { attachmentForDownload } from "@/server/statements/attachment-download";
import { statementFormContext } from "@/server/statements/form-context";
import { actionNeeded } from "@/server/statements/queries";
import { storedBytes } from "../support/attachments";
import {
  buildArchive,
  FIRST_ID,
  HTML_BODY_ID,
  STATEMENT_COUNT,
  writeArchive,
  writeAttachments,
} from "../support/datatracker-archive";
import { actorFor } from "../support/demo-world";
import { testEngine, useTestDatabase } from "../support/test-database";

// biome-ignore lint/correctness/useHookAtTopLevel: a vitest helper named like a hook, not a React hook
const db = useTestDatabase();
const NOW = new Date("2026-12-01T12:00:00Z");
const root = mkdtempSync(path.join(tmpdir(), "dt-import-"));
const sourceDir = path.join(root, "archive");
const attachmentsDir = path.join(root, "attachments");
const { archive, files } = buildArchive();
writeArchive(sourceDir, archive);
writeAttachments(attachmentsDir, files);
afterAll(() => rmSync(root, { recursive: true, force: true }));

const run = (options: Partial<Parameters<typeof importDatatracker>[1]> = {}) =>
  importDatatracker(db().prisma, { sourceDir, attachmentsDir, now: NOW, ...options });

describe(`Datatracker import (${testEngine})`, () => {
  it("imports every statement with its Datatracker id, in every state, and sends nothing", async () => {
    const report = await run();
    expect(report.problems).toEqual([]);
    const statements = report.resources["liaisons/liaisonstatement"]!;
    expect(statements).toMatchObject({ read: STATEMENT_COUNT, created: STATEMENT_COUNT, updated: 0 });
    const prisma = db().prisma;
    const ids = (await prisma.statement.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((s) => s.id);
    expect(ids).toEqual(Array.from({ length: STATEMENT_COUNT }, (_, i) => FIRST_ID + i));
    const byState = await prisma.statement.groupBy({ by: ["state"], _count: true, orderBy: { state: "asc" } });
    expect(Object.fromEntries(byState.map((r) => [r.state, r._count]))).toEqual({
      pending: 55,
      approved: 55,
      posted: 55,
      withdrawn: 55,
    });
    expect(await prisma.statement.count({ where: { isImported: false } })).toBe(0);
    expect(await prisma.mail.count()).toBe(0);
    // The worker's next tick queues no reminder: historical deadlines are past, open ones far ahead.
    expect(await sendDueReminders(NOW)).toEqual({ queued: 0, alreadySent: 0, failed: 0 });
    expect(await prisma.mail.count()).toBe(0);
  });

  it("keeps the body exactly, the contact fields mapped and the legacy ones as stored", async () => {
    const prisma = db().prisma;
    const html = await prisma.statement.findUniqueOrThrow({ where: { id: HTML_BODY_ID } });
    const source = archive["liaisons/liaisonstatement"]!.find((s) => s.id === HTML_BODY_ID)!;
    expect(html.body).toBe(source.body);
    // i = 3 (id 104): mixed separators and free text, nothing lost.
    const mixed = await prisma.statement.findUniqueOrThrow({ where: { id: 104 } });
    expect(mixed.toContact).toEqual([
      "CCAMP Chairs <ccamp-chairs@ietf.org>",
      "ccamp@ietf.org",
      "The CCAMP WG secretary",
    ]);
    expect(mixed.fromContact).toEqual([]); // from_contact ""
    expect(mixed.fromLiaisonContact).toBe("Bob Rapporteur <bob@example.net>");
    // i = 0 (id 101): from_contact as an Email URI, null identifiers, legacy technical/cc/action holder.
    const first = await prisma.statement.findUniqueOrThrow({ where: { id: 101 } });
    expect(first.fromContact).toEqual(["Bob Rapporteur <bob@example.net>"]);
    expect(first.otherIdentifiers).toEqual([]);
    expect(first.legacyTechnicalContacts).toBe("Carol Editor <carol@example.org>; dave@example.org");
    expect(first.legacyCcContacts).toBe("Alice Chair <alice@example.com>,itu-t-liaison@iab.org");
    expect(first.legacyActionHolderContacts).toBe("Action Holder <holder@example.org>");
    expect((await prisma.statement.findUniqueOrThrow({ where: { id: 103 } })).otherIdentifiers).toEqual(["SG15-LS103"]);
    // Legacy rows with empty from or to groups are imported without them.
    const noFrom = await prisma.statement.findUniqueOrThrow({ where: { id: FIRST_ID + 5 }, include: { groups: true } });
    expect(noFrom.groups.map((g) => g.side)).toEqual(["to"]);
  });

  it("maps purposes, states and tags; historical For-action statements get 'unknown (imported)'", async () => {
    const prisma = db().prisma;
    const rows = await prisma.statement.findMany({
      select: { id: true, purpose: true, state: true, actionStatus: true, deadline: true },
    });
    expect(new Set(rows.map((r) => r.purpose))).toEqual(new Set(["action", "comment", "information", "response"]));
    const posted = rows.filter((r) => r.state === "posted" && r.purpose === "action");
    expect(new Set(posted.map((r) => r.actionStatus))).toEqual(new Set(["needed", "taken", "unknown_imported"]));
    for (const r of rows.filter((r) => r.actionStatus === "needed"))
      expect(r.deadline!.getTime()).toBeGreaterThan(NOW.getTime());
    expect(rows.filter((r) => r.actionStatus === "unknown_imported").every((r) => r.purpose === "action")).toBe(true);
    // The dead statement is withdrawn, with its time from the killed event.
    const dead = await prisma.statement.findUniqueOrThrow({ where: { id: FIRST_ID + 3 } });
    expect([dead.state, dead.withdrawnAt !== null]).toEqual(["withdrawn", true]);
  });

  it("/action-needed lists only what is open: never a statement whose action status is unknown (imported)", async () => {
    const secretariat = await actorFor(db(), "ivan@amsl.example");
    const open = await actionNeeded(secretariat, await loadGroupIndex());
    const expected = await db().prisma.statement.findMany({
      where: { state: "posted", actionStatus: "needed" },
      select: { id: true },
      orderBy: { id: "asc" },
    });
    expect(expected.length).toBeGreaterThan(0);
    expect(open.map((s) => s.id).sort((a, b) => a - b)).toEqual(expected.map((s) => s.id));
    expect(await db().prisma.statement.count({ where: { actionStatus: "unknown_imported" } })).toBeGreaterThan(0);
  });

  it("converts naive Pacific times and keeps UTC ones; (System) is the system actor; private comments are staff-only", async () => {
    const prisma = db().prisma;
    const events = archive["liaisons/liaisonstatementevent"]!;
    const naive = events.find((e) => !String(e.time).endsWith("Z") && String(e.time).slice(5, 7) === "07")!;
    const row = await prisma.statementEvent.findUniqueOrThrow({ where: { datatrackerId: naive.id as number } });
    // July: Pacific daylight time, UTC-7.
    expect(row.createdAt.toISOString()).toBe(new Date(`${naive.time}-07:00`).toISOString());
    const winter = events.find((e) => !String(e.time).endsWith("Z") && String(e.time).slice(5, 7) === "01")!;
    const winterRow = await prisma.statementEvent.findUniqueOrThrow({ where: { datatrackerId: winter.id as number } });
    expect(winterRow.createdAt.toISOString()).toBe(new Date(`${winter.time}-08:00`).toISOString());
    const utc = events.find((e) => String(e.time).endsWith("Z"))!;
    const utcRow = await prisma.statementEvent.findUniqueOrThrow({ where: { datatrackerId: utc.id as number } });
    expect(utcRow.createdAt.toISOString()).toBe(new Date(String(utc.time)).toISOString());
    const system = await prisma.person.findFirstOrThrow({ where: { name: "(System)" } });
    expect(system.canSignIn).toBe(false);
    const legacy = await prisma.statementEvent.findFirstOrThrow({ where: { statementId: 101, type: "submitted" } });
    expect([legacy.actorId, legacy.text]).toEqual([system.id, "Liaison submitted"]);
    expect(
      await prisma.statementEvent.findFirstOrThrow({ where: { statementId: 102, type: "submitted" } }),
    ).toBeTruthy();
    const privates = await prisma.statementEvent.findMany({ where: { text: { startsWith: "Staff only note" } } });
    expect(privates.length).toBeGreaterThan(0);
    expect(privates.every((e) => !e.isPublic)).toBe(true);
    const types = await prisma.statementEvent.groupBy({ by: ["type"], _count: true, orderBy: { type: "asc" } });
    expect(new Set(types.map((t) => t.type))).toEqual(
      new Set(["edited", "submitted", "approved", "posted", "withdrawn", "comment"]),
    );
    // Dates derive from events: a posted statement's postedAt is its posted event's time.
    const postedStatement = await prisma.statement.findUniqueOrThrow({ where: { id: FIRST_ID + 2 } });
    const postedEvent = await prisma.statementEvent.findFirstOrThrow({
      where: { statementId: FIRST_ID + 2, type: "posted" },
    });
    expect(postedStatement.postedAt).toEqual(postedEvent.createdAt);
  });

  it("derives every statement's dates and submitter from its events (DATATRACKER.md §1.1)", async () => {
    const prisma = db().prisma;
    const statements = await prisma.statement.findMany({ where: { isImported: true }, orderBy: { id: "asc" } });
    const events = await prisma.statementEvent.findMany({
      where: { datatrackerId: { not: null } },
      include: { actor: { select: { canSignIn: true } } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
    const t = (d: Date | null | undefined) => d?.getTime() ?? null;
    let submittersFromEvents = 0;
    for (const s of statements) {
      const own = events.filter((e) => e.statementId === s.id);
      const last = (type: string) => own.filter((e) => e.type === type).at(-1)?.createdAt ?? null;
      const [submitted, approved, posted, killed] = ["submitted", "approved", "posted", "withdrawn"].map(last);
      const first = own[0]?.createdAt ?? null;
      const wasPosted = s.state === "posted" || (s.state === "withdrawn" && posted !== null);
      const submitter = own.find((e) => e.type === "submitted" && e.actor?.canSignIn)?.actorId;
      if (submitter) submittersFromEvents++;
      expect(
        [t(s.submittedAt), t(s.approvedAt), t(s.postedAt), t(s.withdrawnAt), s.submitterId],
        `statement ${s.id}`,
      ).toEqual([
        t(submitted ?? first),
        s.state === "approved" || wasPosted ? t(approved ?? posted ?? submitted ?? first) : null,
        wasPosted ? t(posted ?? approved ?? submitted ?? first) : null,
        s.state === "withdrawn" ? t(killed ?? first) : null,
        submitter ?? s.submitterId,
      ]);
      if (first) expect(t(s.createdAt), `statement ${s.id}`).toBe(t(first));
    }
    expect(submittersFromEvents).toBeGreaterThan(0);
  });

  it("stores attachment bytes with their SHA-256, legacy names, removed flags, and records missing files", async () => {
    const prisma = db().prisma;
    const attachments = await prisma.attachment.findMany({ orderBy: { datatrackerId: "asc" } });
    expect(attachments).toHaveLength(archive["liaisons/liaisonstatementattachment"]!.length);
    const legacy = attachments.find((a) => a.filename === "file30.pdf")!;
    const bytes = readFileSync(path.join(attachmentsDir, "file30.pdf"));
    expect(legacy.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect((await storedBytes(db(), legacy.sha256)).equals(bytes)).toBe(true);
    expect(legacy.isFileMissing).toBe(false);
    const missing = attachments.filter((a) => a.isFileMissing);
    expect(missing.length).toBeGreaterThan(0);
    for (const a of missing) {
      expect(a.size).toBe(0);
      expect(a.originalUrl).toBe(`https://www.ietf.org/lib/dt/documents/LIAISON/${encodeURIComponent(a.filename)}`);
    }
    // A download of a missing file serves no bytes, only where the original was; a present one streams its bytes.
    const secretariat = await actorFor(db(), "ivan@amsl.example");
    const groups = await loadGroupIndex();
    const shownMissing = missing.find((a) => a.removedAt === null)!;
    const download = await attachmentForDownload(secretariat, groups, shownMissing.statementId, shownMissing.id);
    expect(download?.content).toBeNull();
    expect(download?.originalUrl).toBe(shownMissing.originalUrl);
    const present = await attachmentForDownload(secretariat, groups, legacy.statementId, legacy.id);
    expect(present?.content).not.toBeNull();
    expect(attachments.filter((a) => a.removedAt !== null).length).toBeGreaterThan(0);
    const tif = attachments.find((a) => a.filename.endsWith(".tif") && !a.isFileMissing)!;
    expect(tif.contentType).toBe("application/octet-stream");
  });

  it("imports groups, people and the roles that matter", async () => {
    const prisma = db().prisma;
    const sg15 = await prisma.group.findUniqueOrThrow({
      where: { acronym: "itu-t-sg-15" },
      include: { organization: true, parent: true },
    });
    expect([sg15.type, sg15.organization.acronym, sg15.parent?.acronym, sg15.datatrackerId]).toEqual([
      "sdo",
      "itu-t",
      "itu-t",
      2010,
    ]);
    expect(sg15.defaultContacts).toEqual(["Erin Manager <erin@example.org>", "Bob Rapporteur <bob@example.net>"]);
    expect(sg15.defaultCcContacts).toEqual(["Alice Chair <alice@example.com>"]);
    const ccamp = await prisma.group.findUniqueOrThrow({ where: { acronym: "ccamp" }, include: { parent: true } });
    expect([ccamp.parent?.acronym, ccamp.listAddress]).toEqual(["ops", "ccamp@ietf.org"]);
    expect((await prisma.group.findUniqueOrThrow({ where: { acronym: "oldwg" } })).state).toBe("concluded");
    // A team no statement names is left out; the IRTF (parent of the CFRG, which statements name) is kept.
    expect(await prisma.group.findUnique({ where: { acronym: "some-team" } })).toBeNull();
    expect(
      (await prisma.group.findUniqueOrThrow({ where: { acronym: "cfrg" }, include: { parent: true } })).parent?.acronym,
    ).toBe("irtf");
    const roles = await prisma.roleAssignment.findMany({
      include: { group: true, person: true },
      orderBy: { datatrackerId: "asc" },
    });
    expect(roles.map((r) => [r.role, r.group?.acronym ?? null, r.person.name])).toEqual([
      ["ietf_chair", "ietf", "Frank IETF Chair"],
      ["iab_chair", "iab", "Grace IAB Chair"],
      ["secretariat", null, "Ivan Secretariat"],
      ["ad", "ops", "Carol Director"],
      ["ad", "art", "José Müller"],
      ["wg_chair", "ccamp", "Alice Chair"],
      ["wg_secretary", "ccamp", "Dan Secretary"],
      ["liaison_manager", "itu-t-sg-15", "Erin Manager"],
      // auth (Authorized Individual) on an SDO: liaison manager of that body (issue 17, docs/decisions/016)
      ["liaison_manager", "3gpp-tsgsa", "Bob Rapporteur"],
      ["iab_liaison_coordinator", "iab", "Heidi Coordinator"],
      ["wg_chair", "quic", "José Müller"],
    ]);
    expect(await prisma.emailAddress.count({ where: { address: "erin@example.org" } })).toBe(1);
  });

  it("gives new statements ids above the highest imported one", async () => {
    const prisma = db().prisma;
    const system = await prisma.person.findFirstOrThrow({ where: { name: "(System)" } });
    const created = await prisma.statement.create({
      data: { direction: "incoming", title: "New here", purpose: "information", submitterId: system.id },
    });
    expect(created.id).toBe(FIRST_ID + STATEMENT_COUNT);
    await prisma.statement.delete({ where: { id: created.id } });
  });

  it("a second run over the same archive changes nothing", async () => {
    const before = await db().prisma.statementEvent.count();
    const report = await run();
    expect(report.problems).toEqual([]);
    for (const [resource, summary] of Object.entries(report.resources)) {
      expect([resource, summary.created, summary.updated]).toEqual([resource, 0, 0]);
    }
    expect(hasChanges(report)).toBe(false);
    expect(report.changes).toEqual([]);
    expect(await db().prisma.statementEvent.count()).toBe(before);
    expect(await db().prisma.mail.count()).toBe(0);
    expect(await db().prisma.auditLog.count({ where: { entityType: "datatracker_import" } })).toBe(2);
  });

  it("a newer snapshot adds and updates by Datatracker id, and reports (never overwrites) a local edit", async () => {
    const prisma = db().prisma;
    // Edited here after the import (any edit bumps the version).
    await prisma.statement.update({ where: { id: 150 }, data: { title: "Edited here", version: { increment: 1 } } });
    const newer = buildArchive({ retitled: [120, 150], extra: 2 });
    const newerDir = path.join(root, "newer");
    writeArchive(newerDir, newer.archive);
    writeAttachments(attachmentsDir, newer.files);
    const report = await importDatatracker(prisma, { sourceDir: newerDir, attachmentsDir, now: NOW });
    expect(report.resources["liaisons/liaisonstatement"]).toMatchObject({ created: 2, updated: 1 });
    expect(report.changes).toEqual([{ id: 120, fields: ["title"] }]);
    expect(report.conflicts).toEqual([{ id: 150, fields: ["title"] }]);
    expect((await prisma.statement.findUniqueOrThrow({ where: { id: 120 } })).title).toMatch(/\(revised\)$/);
    expect((await prisma.statement.findUniqueOrThrow({ where: { id: 150 } })).title).toBe("Edited here");
    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { entityType: "datatracker_import" },
      orderBy: { id: "desc" },
    });
    expect(audit.summary).toContain("conflicts (edited here since the import, not overwritten): 150 [title]");
    expect(audit.summary).toContain("liaisons/liaisonstatement: read 222, created 2, updated 1");
    expect(audit.changes).toMatchObject({
      "conflicts (not overwritten)": { from: null, to: ["150 [title]"] },
      "updated statements": { from: null, to: ["120 [title]"] },
      "liaisons/liaisonstatement": { from: null, to: expect.stringMatching(/^read 222, created 2, updated 1/) },
    });
    expect(await prisma.mail.count()).toBe(0);
  });

  it("a newer snapshot without a role removes the imported role; roles granted here stay", async () => {
    const prisma = db().prisma;
    const erin = await prisma.person.findUniqueOrThrow({ where: { datatrackerId: 100 } });
    const sg15 = await prisma.group.findUniqueOrThrow({ where: { acronym: "itu-t-sg-15" } });
    // Granted here by the Secretariat: no import may take it away.
    const local = await prisma.roleAssignment.create({
      data: { role: "liaison_manager", personId: erin.id, groupId: sg15.id, email: "erin@example.org" },
    });
    // Role 8 (Erin, liaiman on itu-t-sg-15) ended at the Datatracker.
    const newer = buildArchive({ retitled: [120, 150], extra: 2, withoutRoles: [8] });
    const newerDir = path.join(root, "roles-ended");
    writeArchive(newerDir, newer.archive);
    const report = await importDatatracker(prisma, { sourceDir: newerDir, attachmentsDir, now: NOW });
    expect(report.resources["group/role"]).toMatchObject({ created: 0, updated: 0, removed: 1 });
    expect(hasChanges(report)).toBe(true);
    expect(await prisma.roleAssignment.findUnique({ where: { datatrackerId: 8 } })).toBeNull();
    expect(await prisma.roleAssignment.findUnique({ where: { id: local.id } })).not.toBeNull();
    expect(await prisma.roleAssignment.count({ where: { datatrackerId: { not: null } } })).toBe(10);
    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { entityType: "datatracker_import" },
      orderBy: { id: "desc" },
    });
    expect(audit.summary).toMatch(/group\/role: read 14, created 0, updated 0, removed 1,/);
    // An archive without the role resource at all says nothing about roles: none is removed.
    rmSync(path.join(newerDir, "group", "role"), { recursive: true });
    const partial = await importDatatracker(prisma, { sourceDir: newerDir, attachmentsDir, now: NOW });
    expect(partial.resources["group/role"]).toMatchObject({ read: 0, removed: 0 });
    expect(await prisma.roleAssignment.count({ where: { datatrackerId: { not: null } } })).toBe(10);
    await prisma.roleAssignment.delete({ where: { id: local.id } });
  });

  it("a contact role that ended leaves the group's contact lists and the form's pre-fill; entries added here stay", async () => {
    const prisma = db().prisma;
    const secretariat = await actorFor(db(), "ivan@amsl.example");
    const sg15 = await prisma.group.findUniqueOrThrow({ where: { acronym: "itu-t-sg-15" } });
    const prefill = async () => {
      const context = await statementFormContext(secretariat, await loadGroupIndex(), "outgoing");
      return context.to.find((g) => g.id === sg15.id)?.contacts;
    };
    const lists = async () =>
      prisma.group.findUniqueOrThrow({
        where: { id: sg15.id },
        select: { defaultContacts: true, defaultCcContacts: true },
      });
    const snapshot = (name: string, withoutRoles: number[]) => {
      const dir = path.join(root, name);
      writeArchive(dir, buildArchive({ withoutRoles }).archive);
      return importDatatracker(prisma, { sourceDir: dir, attachmentsDir, now: NOW });
    };
    expect(await prefill()).toEqual(["Erin Manager <erin@example.org>", "Bob Rapporteur <bob@example.net>"]);
    // The Secretariat adds a contact here; then Bob's liaison_contact role (11) ends at the Datatracker.
    await prisma.group.update({
      where: { id: sg15.id },
      data: { defaultContacts: [...sg15.defaultContacts, "Zoe Local <zoe@example.org>"] },
    });
    const report = await snapshot("contact-ended", [11]);
    expect(report.resources["group/role"]).toMatchObject({ removed: 1 });
    expect(await lists()).toEqual({
      defaultContacts: ["Erin Manager <erin@example.org>", "Zoe Local <zoe@example.org>"],
      defaultCcContacts: ["Alice Chair <alice@example.com>"],
    });
    expect(await prefill()).toEqual(["Erin Manager <erin@example.org>", "Zoe Local <zoe@example.org>"]);
    // Every contact role of the group ended: none of those people stays; what was added here does.
    const all = await snapshot("contacts-all-ended", [10, 11, 12]);
    expect(all.resources["group/role"]).toMatchObject({ removed: 2 });
    expect(await lists()).toEqual({ defaultContacts: ["Zoe Local <zoe@example.org>"], defaultCcContacts: [] });
    expect(await prefill()).toEqual(["Zoe Local <zoe@example.org>"]);
    // The roles come back: so do the people, beside the local entry; the same archive again changes nothing.
    const back = await snapshot("contacts-back", []);
    expect(back.resources["group/role"]).toMatchObject({ created: 3, removed: 0 });
    expect(await lists()).toEqual({
      defaultContacts: [
        "Zoe Local <zoe@example.org>",
        "Erin Manager <erin@example.org>",
        "Bob Rapporteur <bob@example.net>",
      ],
      defaultCcContacts: ["Alice Chair <alice@example.com>"],
    });
    expect(hasChanges(await snapshot("contacts-again", []))).toBe(false);
    await prisma.group.update({ where: { id: sg15.id }, data: { defaultContacts: sg15.defaultContacts } });
  });

  it("reports a bad object with its file, resource URI and field, and imports the rest; --strict stops", async () => {
    const bad = buildArchive({ extra: 4 });
    const statements = bad.archive["liaisons/liaisonstatement"]!;
    const last = statements[statements.length - 1]!;
    last.from_groups = ["/api/v1/group/grup/12/"];
    const badDir = path.join(root, "bad");
    writeArchive(badDir, bad.archive);
    const lastPage = Math.floor((statements.length - 1) / 50);
    const report = await importDatatracker(db().prisma, { sourceDir: badDir, attachmentsDir, now: NOW });
    expect(report.problems).toEqual([
      {
        file: `liaisons/liaisonstatement/${lastPage}.json`,
        uri: last.resource_uri,
        field: "from_groups.0",
        message: "must be a /api/v1/group/group/<id>/ URI",
      },
    ]);
    expect(report.resources["liaisons/liaisonstatement"]).toMatchObject({ created: 1 });
    expect(await db().prisma.statement.findUnique({ where: { id: last.id as number } })).toBeNull();
    // Not JSON at all: one problem naming the file.
    writeFileSync(path.join(badDir, "group/group/0.json"), "{not json");
    const broken = await importDatatracker(db().prisma, { sourceDir: badDir, attachmentsDir, now: NOW, dryRun: true });
    expect(broken.problems[0]).toMatchObject({ file: "group/group/0.json", uri: "(file)" });
    await expect(
      importDatatracker(db().prisma, { sourceDir: badDir, attachmentsDir, now: NOW, strict: true }),
    ).rejects.toThrow(/group\/group\/0\.json: \(file\): object: not valid JSON/);
  });

  it("--dry-run reports what it would do and writes nothing", async () => {
    const prisma = db().prisma;
    const more = buildArchive({ extra: 10 });
    const moreDir = path.join(root, "more");
    writeArchive(moreDir, more.archive);
    const before = await prisma.statement.count();
    const audits = await prisma.auditLog.count();
    const report = await importDatatracker(prisma, { sourceDir: moreDir, attachmentsDir, now: NOW, dryRun: true });
    expect(report.resources["liaisons/liaisonstatement"]!.created).toBe(7);
    expect(await prisma.statement.count()).toBe(before);
    expect(await prisma.auditLog.count()).toBe(audits);
  });
});
