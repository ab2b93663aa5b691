/**
 * Bulk-generates a realistic archive into an already migrated and demo-seeded database, through the plain
 * SqlRunner with multi-row INSERT ... VALUES batches (Prisma row by row would take many minutes on PGlite).
 * Called again on the same database it adds more statements after the existing ones (npm run bench grows one
 * archive 2k → 20k → 100k).
 *
 * The search-vector triggers of prisma/migrations/*_statement_search are off while the rows go in and each new
 * statement's vector is computed once at the end, by the same trigger (or by the caller, `deferSearchVectors`,
 * after the attachment text stage): left on, they computed it once per statement and again per attachment row
 * (≈ 2.1 times per statement, most of the generation time at 100k). The queueing of attachments for text
 * extraction (the Attachment_text_enqueue trigger) is done here in one INSERT instead.
 */
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { SqlRunner } from "@/server/db/connection";
import { minimalPdf } from "@/server/seed/demo-documents";
import {
  ASPECTS,
  body,
  documentNumber,
  FIRST_NAMES,
  LAST_NAMES,
  meetingOf,
  OTHER_TECH,
  prng,
  QUALIFIERS,
  Random,
  TERMS,
  type Topic,
  topicWeights,
} from "./corpus";

export interface GenerateOptions {
  count: number;
  seed: number;
  now: Date;
  /** statements per INSERT (child tables use up to 4x as many rows per INSERT) */
  batch?: number;
  log?: (message: string) => void;
  /**
   * Where the attachments' bytes go (ADR 012): the embedded database's file store directory, written
   * directly (throwaway bench data: no fsync); unset = PostgreSQL's chunk tables.
   */
  attachmentsDir?: string;
  /**
   * Leave the new statements' search vectors unset (NULL): the caller refreshes them, once, when the
   * attachments' text is in (attachment-text-stage.ts). Otherwise they are computed before returning.
   */
  deferSearchVectors?: boolean;
  /** VACUUM ANALYZE at the end (default true; off when the caller adds more first) */
  vacuum?: boolean;
}

export interface GeneratedArchive {
  statements: number;
  publicStatements: number;
  byState: Record<string, number>;
  attachments: number;
  relations: number;
  events: number;
  approvals: number;
  statementGroups: number;
  /** public statement ids the statement-page benchmark rotates over (varied: with attachments, relations, long bodies) */
  sampleIds: number[];
  /** 2,000 public statement ids spread over the archive: pages nobody asked for yet (the rendering path) */
  rotationIds: number[];
  /** the ids this call gave its statements: firstId … lastId */
  firstId: number;
  lastId: number;
  generateMs: number;
  insertMs: number;
  analyzeMs: number;
}

// ---------------------------------------------------------------------------------------------------------
// SQL literals (the generator's own data only; no user input reaches here)
// ---------------------------------------------------------------------------------------------------------

const str = (value: string | null | undefined): string =>
  value === null || value === undefined ? "NULL" : `'${value.replace(/\0/g, "").replace(/'/g, "''")}'`;
const arr = (values: readonly string[]): string =>
  values.length ? `ARRAY[${values.map(str).join(",")}]::text[]` : `'{}'::text[]`;
const ts = (date: Date | null | undefined): string => (date ? `'${date.toISOString()}'` : "NULL");
const day = (date: Date | null | undefined): string => (date ? `'${date.toISOString().slice(0, 10)}'` : "NULL");
const num = (value: number | null | undefined): string =>
  value === null || value === undefined ? "NULL" : String(value);
const bool = (value: boolean): string => (value ? "true" : "false");
const bytea = (bytes: Uint8Array): string => `'\\x${Buffer.from(bytes).toString("hex")}'::bytea`;

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;

// ---------------------------------------------------------------------------------------------------------
// The demo directory (groups, people, roles), read back from the database after seedDemo
// ---------------------------------------------------------------------------------------------------------

interface GroupRow {
  id: number;
  acronym: string;
  name: string;
  type: string;
  listAddress: string | null;
  defaultContacts: string[];
  side: "ietf" | "external";
}

interface PersonRow {
  id: number;
  name: string;
  email: string;
  roles: { role: string; groupId: number | null; organizationId: number | null }[];
}

const asArray = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

async function readDirectory(sql: SqlRunner) {
  const groups = (
    await sql.query<Record<string, unknown>>(
      `SELECT g."id", g."acronym", g."name", g."type"::text AS "type", g."listAddress", g."defaultContacts", o."side"::text AS "side"
       FROM "Group" g JOIN "Organization" o ON o."id" = g."organizationId" WHERE g."state" = 'active' ORDER BY g."id"`,
    )
  ).map(
    (r): GroupRow => ({
      id: Number(r.id),
      acronym: String(r.acronym),
      name: String(r.name),
      type: String(r.type),
      listAddress: r.listAddress === null ? null : String(r.listAddress),
      defaultContacts: asArray(r.defaultContacts),
      side: r.side === "ietf" ? "ietf" : "external",
    }),
  );
  const rows = await sql.query<Record<string, unknown>>(
    `SELECT p."id", p."name", e."address", r."role"::text AS "role", r."groupId", r."organizationId"
     FROM "Person" p JOIN "EmailAddress" e ON e."personId" = p."id" AND e."isPrimary"
     LEFT JOIN "RoleAssignment" r ON r."personId" = p."id" ORDER BY p."id"`,
  );
  const people = new Map<number, PersonRow>();
  for (const r of rows) {
    const id = Number(r.id);
    let person = people.get(id);
    if (!person) {
      person = { id, name: String(r.name), email: String(r.address), roles: [] };
      people.set(id, person);
    }
    if (r.role) {
      person.roles.push({
        role: String(r.role),
        groupId: r.groupId === null ? null : Number(r.groupId),
        organizationId: r.organizationId === null ? null : Number(r.organizationId),
      });
    }
  }
  if (groups.length === 0 || people.size === 0) throw new Error("The demo directory is empty: run seedDemo first.");
  return { groups, people: [...people.values()] };
}

// ---------------------------------------------------------------------------------------------------------
// Planning
// ---------------------------------------------------------------------------------------------------------

type Direction = "incoming" | "outgoing";
type Purpose = "information" | "action" | "response" | "comment";
type State = "draft" | "pending" | "approved" | "posted" | "withdrawn";

interface Earlier {
  id: number;
  title: string;
  identifier: string | null;
  isPublic: boolean;
}

/** How a body names a group: "the QUIC WG", "the IAB", "3GPP TSG SA WG2". */
function partyName(g: GroupRow): string {
  switch (g.type) {
    case "wg":
      return `the ${g.acronym.toUpperCase()} WG`;
    case "rg":
      return `the ${g.acronym.toUpperCase()} RG`;
    case "area":
      return `the ${g.name} area`;
    case "ietf":
    case "iesg":
    case "iab":
      return `the ${g.acronym.toUpperCase()}`;
    default:
      return g.name.replace(/\s*\(.*\)\s*$/, "");
  }
}

const title = (s: string) => (s.length > 250 ? `${s.slice(0, 247)}...` : s);
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export async function generateArchive(sql: SqlRunner, options: GenerateOptions): Promise<GeneratedArchive> {
  const log = options.log ?? (() => undefined);
  const batch = options.batch ?? 400;
  const rnd = new Random(prng(options.seed));
  const now = options.now.getTime();
  const started = performance.now();

  const { groups, people } = await readDirectory(sql);
  const groupByAcronym = new Map(groups.map((g) => [g.acronym, g]));
  const internal = groups.filter((g) => g.side === "ietf");
  const internalWgs = internal.filter((g) => g.type === "wg" || g.type === "rg");
  const external = groups.filter((g) => g.side === "external");
  const roleHolders = (roles: string[]) => people.filter((p) => p.roles.some((r) => roles.includes(r.role)));
  const liaisonManagers = roleHolders(["liaison_manager", "secretariat"]);
  const ietfLeaders = roleHolders(["wg_chair", "ad", "ietf_chair", "iab_chair", "iab_liaison_coordinator"]);
  const approvers = roleHolders(["ad", "ietf_chair", "iab_chair"]);
  const chairsOf = (groupId: number) =>
    people.filter((p) => p.roles.some((r) => r.groupId === groupId && ["wg_chair", "ad"].includes(r.role)));
  if (!liaisonManagers.length || !ietfLeaders.length || !approvers.length || !external.length || !internalWgs.length) {
    throw new Error("The demo directory lacks liaison managers, IETF leaders or groups.");
  }
  const resolve = (acronyms: readonly string[], fallback: GroupRow[]) => {
    const found = acronyms.flatMap((a) => groupByAcronym.get(a) ?? []);
    return found.length ? found : [rnd.pick(fallback)];
  };
  const randomPerson = () => {
    const first = rnd.pick(FIRST_NAMES);
    const last = rnd.pick(LAST_NAMES);
    const domain = rnd.pick(["example.com", "example.net", "example.org", "operator.example", "vendor.example"]);
    return `${first} ${last} <${first.toLowerCase()}.${last
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z]/g, "")}@${domain}>`;
  };
  const mailbox = (p: PersonRow) => `${p.name} <${p.email}>`;

  const maxRows = await sql.query<{ max: number | null }>(`SELECT max("id") AS "max" FROM "Statement"`);
  const firstId = Number(maxRows[0]?.max ?? 0) + 1;

  // Creation times over ten years, oldest first, so ids grow with time as in a real archive.
  const created = Array.from({ length: options.count }, () => now - rnd.next() * 3652 * DAY).sort((a, b) => a - b);

  const statementRows: string[] = [];
  const groupRows: string[] = [];
  const approvalRows: string[] = [];
  const attachmentRows: string[] = [];
  /** distinct attachment bytes by SHA-256 (ADR 012: stored once per content, outside the Attachment row) */
  const blobs = new Map<string, Uint8Array>();
  const eventRows: string[] = [];
  const relationRows: string[] = [];
  const byState: Record<string, number> = {};
  let publicCount = 0;
  const earlier = new Map<string, Earlier[]>(); // `${topic}|${direction}` -> statements so far
  const interesting: number[] = [];
  const plainPublic: number[] = [];

  for (let i = 0; i < options.count; i++) {
    const id = firstId + i;
    const createdAt = new Date(created[i] as number);
    const age = now - createdAt.getTime();
    const year = createdAt.getUTCFullYear();
    const topic: Topic = rnd.weighted(topicWeights);
    const direction: Direction = rnd.chance(0.55) ? "incoming" : "outgoing";
    const ext = rnd.sample(resolve(topic.ext, external), rnd.chance(0.85) ? 1 : 2);
    const ietf = rnd.sample(resolve(topic.ietf, internalWgs), rnd.chance(0.75) ? 1 : 2);
    if (rnd.chance(0.08)) {
      const top = groupByAcronym.get(rnd.pick(["iab", "iesg", "ietf"]));
      if (top && !ietf.includes(top)) ietf.push(top);
    }
    const from = direction === "incoming" ? ext : ietf;
    const to = direction === "incoming" ? ietf : ext;
    const mainExt = ext[0] as GroupRow;
    const sender = partyName(from[0] as GroupRow);
    const receiver = partyName(to[0] as GroupRow);

    // State: recent statements are still in the workflow; old ones are almost all posted.
    const recent = age < 45 * DAY;
    const state: State = recent
      ? rnd.weighted<State>([
          ["posted", 60],
          ["pending", 20],
          ["draft", 12],
          ["approved", direction === "outgoing" ? 4 : 0],
          ["withdrawn", 4],
        ])
      : rnd.weighted<State>([
          ["posted", 945],
          ["withdrawn", 25],
          ["draft", 20],
          ["pending", 10],
        ]);
    const wasPosted = state === "posted" || (state === "withdrawn" && rnd.chance(0.8));
    const isPublic = wasPosted;

    // Purpose; "comment" is legacy (imported records only).
    let purpose: Purpose =
      direction === "incoming"
        ? rnd.weighted<Purpose>([
            ["information", 45],
            ["action", 35],
            ["response", 15],
            ["comment", age > 6 * 365 * DAY ? 5 : 0],
          ])
        : rnd.weighted<Purpose>([
            ["information", 40],
            ["action", 20],
            ["response", 40],
          ]);

    // A response answers an earlier statement of the other direction on the same topic, when there is one.
    const opposite = earlier.get(`${topic.phrase}|${direction === "incoming" ? "outgoing" : "incoming"}`) ?? [];
    const answered = purpose === "response" && opposite.length ? rnd.pick(opposite.slice(-8)) : undefined;
    if (purpose === "response" && !answered) purpose = "information";
    const sameSide = earlier.get(`${topic.phrase}|${direction}`) ?? [];
    const related = rnd.chance(0.05) && sameSide.length ? rnd.pick(sameSide.slice(-20)) : undefined;

    // Timeline
    const clamp = (t: number) => new Date(Math.min(t, now - MINUTE));
    const submittedAt = state === "draft" ? null : clamp(createdAt.getTime() + rnd.int(10, 72 * 60) * MINUTE);
    const approvedAt =
      direction === "outgoing" && submittedAt && state !== "pending"
        ? clamp(submittedAt.getTime() + rnd.int(2, 10 * 24) * HOUR)
        : null;
    const postedAt = wasPosted
      ? clamp((approvedAt ?? submittedAt ?? createdAt).getTime() + rnd.int(5, 48 * 60) * MINUTE)
      : null;
    const withdrawnAt =
      state === "withdrawn" ? clamp((postedAt ?? submittedAt ?? createdAt).getTime() + rnd.int(1, 60) * DAY) : null;
    const deadlineBase = postedAt ?? createdAt;
    const deadline =
      purpose === "action" || rnd.chance(purpose === "response" ? 0.1 : 0.04)
        ? new Date(deadlineBase.getTime() + rnd.int(30, 120) * DAY)
        : null;

    // Action tracking: incoming statements that ask the IETF to act.
    let actionStatus: "none" | "needed" | "taken" = "none";
    let actionTakenAt: Date | null = null;
    let assignee: PersonRow | null = null;
    if (direction === "incoming" && purpose === "action" && postedAt) {
      const overdue = deadline !== null && deadline.getTime() < now;
      actionStatus = overdue ? (rnd.chance(0.85) ? "taken" : "needed") : rnd.chance(0.15) ? "taken" : "needed";
      if (actionStatus === "taken") actionTakenAt = clamp(postedAt.getTime() + rnd.int(3, 90) * DAY);
      const candidates = ietf.flatMap((g) => chairsOf(g.id));
      assignee = rnd.chance(0.75) ? (candidates.length ? rnd.pick(candidates) : rnd.pick(ietfLeaders)) : null;
    }

    // Identifiers, contacts, submitter
    const docnum = documentNumber(rnd, mainExt.acronym, year);
    const otherIdentifiers: string[] = [];
    if (direction === "incoming" && docnum && rnd.chance(0.85)) {
      otherIdentifiers.push(docnum);
      if (rnd.chance(0.1)) otherIdentifiers.push(documentNumber(rnd, mainExt.acronym, year) ?? docnum);
    } else if (direction === "outgoing" && answered?.identifier && rnd.chance(0.6)) {
      otherIdentifiers.push(answered.identifier);
    }
    const listOf = (g: GroupRow) => g.listAddress ?? `${g.acronym}@ietf.org`;
    const extContacts = ext.flatMap((g) => g.defaultContacts.slice(0, rnd.int(1, 2)));
    const submitter =
      direction === "incoming"
        ? rnd.pick(liaisonManagers)
        : (() => {
            const chairs = from.flatMap((g) => chairsOf(g.id));
            return chairs.length && rnd.chance(0.7) ? rnd.pick(chairs) : rnd.pick(ietfLeaders);
          })();
    const submitterRole = submitter.roles[0] ?? null;
    const fromContact =
      direction === "incoming"
        ? [...(extContacts.length ? extContacts : [randomPerson()]), ...(rnd.chance(0.35) ? [randomPerson()] : [])]
        : [mailbox(submitter), ...from.map(listOf)];
    const toContact =
      direction === "incoming"
        ? [...to.map(listOf), ...(rnd.chance(0.4) ? [`${to[0]?.acronym}-chairs@ietf.org`] : [])]
        : extContacts.length
          ? extContacts
          : [randomPerson()];
    const fromLiaisonContact =
      direction === "incoming"
        ? rnd.chance(0.5)
          ? (mainExt.defaultContacts.at(-1) ?? null)
          : null
        : mailbox(submitter);
    const toLiaisonContact =
      direction === "outgoing" && mainExt.acronym.startsWith("3gpp")
        ? "3GPP Liaisons <3gpp-liaisons@example.net>"
        : direction === "outgoing" && mainExt.acronym.startsWith("itu-t") && rnd.chance(0.5)
          ? "ITU-T TSB Liaisons <tsb-liaisons@example.net>"
          : null;

    // Title and body
    const qualifier = rnd.chance(0.35) ? ` (${rnd.pick(QUALIFIERS)})` : "";
    const statementTitle = title(
      answered
        ? rnd.pick([
            `Reply LS on ${topic.phrase}${qualifier}`,
            `Response to ${answered.identifier ?? "the LS"} on ${rnd.pick(ASPECTS)} of ${topic.phrase}`,
          ])
        : rnd.pick([
            `LS on ${topic.phrase}${qualifier}`,
            `LS on ${rnd.pick(ASPECTS)} of ${topic.phrase}`,
            `Liaison statement on ${topic.phrase}${qualifier}`,
            `${capitalise(topic.phrase)}: request for ${rnd.pick(ASPECTS)}`,
            `LS on ${rnd.pick(TERMS)} and ${rnd.pick(TERMS)} for ${topic.phrase}`,
          ]),
    );
    const meeting = meetingOf(rnd, mainExt.acronym, year);
    const statementBody = body({
      rnd,
      topic,
      other: rnd.pick(OTHER_TECH),
      sender,
      receiver,
      purpose,
      meeting,
      replyTo: answered ? (answered.identifier ?? `"${answered.title}"`) : undefined,
      deadline: deadline?.toISOString().slice(0, 10),
    });
    const consensus =
      direction === "outgoing" && rnd.chance(0.5)
        ? rnd.pick(["wg_consensus", "chairs_judgement", "iesg_iab_position", "none_claimed"])
        : null;
    const updatedAt = new Date(
      Math.max(
        createdAt.getTime(),
        postedAt?.getTime() ?? 0,
        withdrawnAt?.getTime() ?? 0,
        actionTakenAt?.getTime() ?? 0,
      ),
    );

    statementRows.push(
      `(${id},${str(direction)},${str(state)},${str(statementTitle)},${str(purpose)},${day(deadline)},${str(statementBody)},` +
        `${arr(fromContact)},${str(fromLiaisonContact)},${arr(toContact)},${str(toLiaisonContact)},${arr(otherIdentifiers)},` +
        `${str(consensus)},${submitter.id},${str(submitterRole?.role)},${num(submitterRole?.groupId)},${num(assignee?.id)},` +
        `${str(actionStatus)},${ts(actionTakenAt)},${direction === "incoming" ? day(createdAt) : "NULL"},` +
        `${bool(direction === "incoming" && age < 5 * 365 * DAY)},${ts(createdAt)},${ts(updatedAt)},${ts(submittedAt)},` +
        `${ts(approvedAt)},${ts(postedAt)},${ts(withdrawnAt)},` +
        `${str(state === "withdrawn" ? rnd.pick(["Sent in error", "Superseded by a revised statement", "Sent to the wrong group"]) : null)})`,
    );
    byState[state] = (byState[state] ?? 0) + 1;
    if (isPublic) publicCount++;

    for (const [position, g] of from.entries()) groupRows.push(`(${id},${g.id},'from',${position})`);
    for (const [position, g] of to.entries()) groupRows.push(`(${id},${g.id},'to',${position})`);

    // Events, in time order
    const event = (type: string, at: Date, text: string, actorId: number | null, isPublicEvent = true) =>
      eventRows.push(`(${id},${str(type)},${num(actorId)},${str(text)},${bool(isPublicEvent)},${ts(at)})`);
    event(
      "created",
      createdAt,
      direction === "incoming" ? `Recorded by ${submitter.name}` : "Draft created",
      submitter.id,
    );

    // Attachments: 0-3, small bytes (a one-page PDF or a short text), metadata as uploaded.
    const attachmentCount = rnd.weighted([
      [0, 30],
      [1, 40],
      [2, 22],
      [3, 8],
    ]);
    for (let a = 0; a < attachmentCount; a++) {
      const attachmentTitle = title(
        a === 0
          ? `${docnum ?? ""} ${statementTitle}`.trim()
          : rnd.pick([
              `Draft ${rnd.pick(["Recommendation", "Technical Report", "specification"])} on ${rnd.pick(TERMS)} for ${topic.phrase}`,
              `Annex: ${rnd.pick(ASPECTS)}`,
              `Meeting report of ${meeting}`,
              `Change request on ${rnd.pick(TERMS)} (${documentNumber(rnd, mainExt.acronym, year) ?? `CR-${rnd.int(1, 999)}`})`,
            ]),
      );
      const pdf = rnd.chance(0.6);
      const text = `${attachmentTitle}\n\n${rnd.pick(TERMS)} ${rnd.pick(TERMS)} ${rnd.pick(TERMS)}: ${topic.phrase}. ${meeting}.`;
      const content = pdf ? minimalPdf(attachmentTitle, text) : new TextEncoder().encode(text);
      const base =
        (a === 0 && docnum
          ? docnum
          : attachmentTitle
              .toLowerCase()
              .replace(/[^a-z0-9]+/g, "-")
              .slice(0, 60)) || "attachment";
      const filename = `${base}${pdf ? ".pdf" : ".txt"}`;
      const at = new Date(createdAt.getTime() + (5 + a) * MINUTE);
      const removed = rnd.chance(0.02) ? new Date(at.getTime() + DAY) : null;
      const sha256 = createHash("sha256").update(content).digest("hex");
      blobs.set(sha256, content);
      attachmentRows.push(
        `(${id},${str(attachmentTitle)},${str(filename)},${str(pdf ? "application/pdf" : "text/plain; charset=utf-8")},` +
          `${content.byteLength},${str(sha256)},` +
          `${submitter.id},${ts(at)},${ts(removed)},${removed ? submitter.id : "NULL"})`,
      );
      event("attachment_added", at, `Added attachment "${attachmentTitle}" (${filename})`, submitter.id);
    }

    if (submittedAt) {
      event(
        "submitted",
        submittedAt,
        direction === "outgoing" ? "Submitted for approval" : "Submitted for review by the IAB liaison coordinator",
        submitter.id,
      );
    }
    if (approvedAt) {
      for (const g of from) {
        const approver = rnd.pick(approvers);
        const role = approver.roles.find((r) => ["ad", "ietf_chair", "iab_chair"].includes(r.role));
        approvalRows.push(
          `(${id},${g.id},${approver.id},${str(role?.role ?? "ad")},${num(role?.groupId)},false,${ts(approvedAt)})`,
        );
        event("approved", approvedAt, `Approved by ${approver.name} for ${g.acronym}`, approver.id);
      }
    }
    if (postedAt) {
      event("posted", postedAt, direction === "incoming" ? "Posted" : "Posted; distribution mail queued", submitter.id);
    }
    if (actionStatus !== "none" && postedAt) {
      event(
        "action_needed",
        postedAt,
        `Action needed by ${deadline?.toISOString().slice(0, 10) ?? "(no deadline)"}`,
        null,
      );
      if (assignee)
        event(
          "assigned",
          new Date(postedAt.getTime() + 90 * MINUTE),
          `Assigned to ${assignee.name}`,
          submitter.id,
          false,
        );
    }
    if (actionTakenAt) event("action_taken", actionTakenAt, "Action taken: reply sent", assignee?.id ?? null);
    if (withdrawnAt) event("withdrawn", withdrawnAt, "Withdrawn", submitter.id);

    if (answered) relationRows.push(`(${id},${answered.id},'responds_to',${ts(createdAt)})`);
    if (related && related.id !== answered?.id)
      relationRows.push(`(${id},${related.id},'related_to',${ts(createdAt)})`);

    const key = `${topic.phrase}|${direction}`;
    const list = earlier.get(key) ?? [];
    list.push({ id, title: statementTitle, identifier: otherIdentifiers[0] ?? null, isPublic });
    earlier.set(key, list);
    if (isPublic && state === "posted") {
      if (attachmentCount >= 2 && (answered || related)) interesting.push(id);
      else plainPublic.push(id);
    }
  }
  const generateMs = performance.now() - started;
  log(`planned ${options.count} statements in ${(generateMs / 1000).toFixed(1)} s; inserting ...`);

  // Insert: statements first (FKs), then what hangs off them. The search-vector and text-queue triggers are
  // off meanwhile (see the header); foreign keys are system triggers and stay on.
  const insertStarted = performance.now();
  await sql.exec(`ALTER TABLE "Statement" DISABLE TRIGGER USER`);
  await sql.exec(`ALTER TABLE "Attachment" DISABLE TRIGGER USER`);
  try {
    const insert = async (table: string, columns: string, rows: string[], size: number) => {
      for (let at = 0; at < rows.length; at += size) {
        await sql.exec(`INSERT INTO "${table}" (${columns}) VALUES ${rows.slice(at, at + size).join(",\n")}`);
      }
      log(`  ${table}: ${rows.length} rows (${((performance.now() - insertStarted) / 1000).toFixed(1)} s)`);
    };
    await insert(
      "Statement",
      `"id","direction","state","title","purpose","deadline","body","fromContact","fromLiaisonContact","toContact",` +
        `"toLiaisonContact","otherIdentifiers","consensus","submitterId","submitterRole","submitterRoleGroupId","assigneeId",` +
        `"actionStatus","actionTakenAt","receivedOn","sendAcknowledgement","createdAt","updatedAt","submittedAt","approvedAt",` +
        `"postedAt","withdrawnAt","withdrawnReason"`,
      statementRows,
      batch,
    );
    await sql.query(`SELECT setval(pg_get_serial_sequence('"Statement"', 'id'), (SELECT max("id") FROM "Statement"))`);
    await insert("StatementGroup", `"statementId","groupId","side","position"`, groupRows, batch * 4);
    await insert(
      "Approval",
      `"statementId","groupId","approverId","role","roleGroupId","onBehalf","createdAt"`,
      approvalRows,
      batch * 4,
    );
    await insert(
      "Attachment",
      `"statementId","title","filename","contentType","size","sha256","uploadedById","createdAt","removedAt","removedById"`,
      attachmentRows,
      batch,
    );
    if (options.attachmentsDir) {
      for (const [sha256, content] of blobs) {
        mkdirSync(path.join(options.attachmentsDir, sha256.slice(0, 2)), { recursive: true });
        writeFileSync(path.join(options.attachmentsDir, sha256.slice(0, 2), sha256), content);
      }
      log(`  attachment files: ${blobs.size} (${((performance.now() - insertStarted) / 1000).toFixed(1)} s)`);
    } else {
      // Small bytes: one chunk each.
      const entries = [...blobs];
      await insert(
        "AttachmentBlob",
        `"sha256","size"`,
        entries.map(([sha, c]) => `(${str(sha)},${c.byteLength})`),
        batch,
      );
      await insert(
        "AttachmentChunk",
        `"sha256","seq","data"`,
        entries.map(([sha, c]) => `(${str(sha)},0,${bytea(c)})`),
        batch,
      );
    }
    await insert(
      "StatementEvent",
      `"statementId","type","actorId","text","isPublic","createdAt"`,
      eventRows,
      batch * 4,
    );
    await insert("StatementRelation", `"sourceId","targetId","relationship","createdAt"`, relationRows, batch * 4);
    // What the Attachment_text_enqueue trigger does per row: every new attachment waits for its text.
    await sql.query(
      `INSERT INTO "AttachmentText" ("attachmentId") SELECT "id" FROM "Attachment" WHERE "statementId" >= $1
     ON CONFLICT DO NOTHING`,
      [firstId],
    );
  } finally {
    await sql.exec(`ALTER TABLE "Attachment" ENABLE TRIGGER USER`);
    await sql.exec(`ALTER TABLE "Statement" ENABLE TRIGGER USER`);
  }
  if (!options.deferSearchVectors) {
    // Setting the vector (to anything) makes the trigger compute it: once per statement, attachments included.
    await sql.query(`UPDATE "Statement" SET "searchVector" = NULL WHERE "id" >= $1`, [firstId]);
    log(`  search vectors (${((performance.now() - insertStarted) / 1000).toFixed(1)} s)`);
  }
  const insertMs = performance.now() - insertStarted;

  // A maintained database has planner statistics (PostgreSQL's autovacuum would gather them within a minute
  // of such a load; PGlite has no autovacuum, see docs/performance.md).
  const analyzeStarted = performance.now();
  if (options.vacuum ?? true) {
    await sql.exec("VACUUM ANALYZE");
    log(`VACUUM ANALYZE in ${((performance.now() - analyzeStarted) / 1000).toFixed(1)} s`);
  }
  const analyzeMs = performance.now() - analyzeStarted;

  // Statement pages to rotate over: some rich ones (attachments and relations), some plain, spread over time.
  const spread = (ids: number[], n: number) =>
    Array.from(
      { length: Math.min(n, ids.length) },
      (_, k) => ids[Math.floor((k * ids.length) / Math.min(n, ids.length))] as number,
    );
  const sampleIds = [...spread(interesting, 6), ...spread(plainPublic, 6)];
  const rotationIds = spread([...interesting, ...plainPublic], 2_000);

  return {
    statements: options.count,
    publicStatements: publicCount,
    byState,
    attachments: attachmentRows.length,
    relations: relationRows.length,
    events: eventRows.length,
    approvals: approvalRows.length,
    statementGroups: groupRows.length,
    sampleIds,
    rotationIds,
    firstId,
    lastId: firstId + options.count - 1,
    generateMs,
    insertMs,
    analyzeMs,
  };
}
