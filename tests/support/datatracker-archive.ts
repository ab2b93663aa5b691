/**
 * A Datatracker archive in the exact tastypie format (shared/DATATRACKER.md §3): keys sorted, relative
 * resource URIs, `{"meta", "objects"}` pages with relative `next`, written in the directory-source layout
 * `<dir>/<app>/<resource>/<page>.json`. Deterministic. It covers every state, purpose, tag and event type and
 * the legacy quirks of §1.9: empty from/to groups, mixed contact separators, null identifiers and deadlines,
 * `liaison`-typed attachment documents, legacy `file39.pdf` names, removed attachments, naive (Pacific) and
 * UTC times, an HTML-ish body, from_contact as Email URI, null, string and "".
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

type Obj = Record<string, unknown>;
export type Archive = Record<string, Obj[]>;

const api = (resource: string, key: string | number) => `/api/v1/${resource}/${key}/`;
const name = (table: string, slug: string) => api(`name/${table}`, slug);
const group = (id: number) => api("group/group", id);
const person = (id: number) => api("person/person", id);
const email = (address: string) => api("person/email", address);
const statement = (id: number) => api("liaisons/liaisonstatement", id);
const document = (docName: string) => api("doc/document", docName);

const sorted = (o: Obj): Obj =>
  Object.fromEntries(
    Object.keys(o)
      .sort()
      .map((k) => [k, o[k]]),
  );

function nameRows(table: string, rows: [string, string][], extra: Obj = {}): Obj[] {
  return rows.map(([slug, title], i) =>
    sorted({ desc: "", name: title, order: i + 1, resource_uri: name(table, slug), slug, used: true, ...extra }),
  );
}

export const GROUPS: [number, string, string, string, string, number | null, string][] = [
  // id, acronym, name, type, state, parent, list_email
  [1, "ietf", "Internet Engineering Task Force", "ietf", "active", null, "ietf@ietf.org"],
  [2, "iesg", "Internet Engineering Steering Group", "iesg", "active", null, "iesg@ietf.org"],
  [3, "irtf", "Internet Research Task Force", "irtf", "active", null, ""],
  [4, "secretariat", "IETF Secretariat", "ietf", "active", null, ""],
  [7, "iab", "Internet Architecture Board", "iab", "active", null, "iab@iab.org"],
  [1000, "ops", "Operations and Management Area", "area", "active", 1, ""],
  [1001, "art", "Applications and Real-Time Area", "area", "active", 1, ""],
  [1100, "ccamp", "Common Control and Measurement Plane", "wg", "active", 1000, "ccamp@ietf.org"],
  [1101, "quic", "QUIC", "wg", "active", 1001, "quic@ietf.org"],
  [1102, "oldwg", "A Concluded WG", "wg", "conclude", 1001, ""],
  [1200, "cfrg", "Crypto Forum", "rg", "active", 3, "cfrg@irtf.org"],
  [2000, "itu-t", "ITU-T", "sdo", "active", null, ""],
  [2010, "itu-t-sg-15", "ITU-T SG 15", "sdo", "active", 2000, ""],
  [2100, "3gpp", "3GPP", "sdo", "active", null, ""],
  [2101, "3gpp-tsgsa", "3GPP TSG SA", "sdo", "active", 2100, ""],
  [2200, "ieee-802-1", "IEEE 802.1", "sdo", "active", null, ""],
  // No liaison meaning and named by no statement: not imported (irtf, a parent of cfrg, is).
  [5, "some-team", "Some Team", "team", "active", null, ""],
];
const WGS = [1100, 1101, 1200, 1102, 1, 7];
const SDOS = [2010, 2101, 2200, 2000];

export const PEOPLE: [number, string, string][] = [
  [1, "(System)", ""],
  [100, "Erin Manager", "erin@example.org"],
  [101, "Alice Chair", "alice@example.com"],
  [102, "Bob Rapporteur", "bob@example.net"],
  [103, "Carol Director", "carol@example.org"],
  [104, "Dan Secretary", "dan@example.org"],
  [105, "Frank IETF Chair", "frank@ietf.example"],
  [106, "Grace IAB Chair", "grace@iab.example"],
  [107, "Heidi Coordinator", "heidi@iab.example"],
  [108, "Ivan Secretariat", "ivan@amsl.example"],
  [109, "José Müller", "jose@example.de"],
];

/** [id, role slug, group id, person id] */
const ROLES: [number, string, number, number][] = [
  [1, "chair", 1, 105],
  [2, "chair", 7, 106],
  [3, "secr", 4, 108],
  [4, "ad", 1000, 103],
  [5, "pre-ad", 1001, 109],
  [6, "chair", 1100, 101],
  [7, "secr", 1100, 104],
  [8, "liaiman", 2010, 100],
  [9, "auth", 2101, 102],
  [10, "liaison_contact", 2010, 100],
  [11, "liaison_contact", 2010, 102],
  [12, "liaison_cc_contact", 2010, 101],
  [13, "liaison_coordinator", 7, 107],
  [14, "member", 1100, 102],
  [15, "chair", 1101, 109],
];

export const STATES = ["pending", "approved", "posted", "dead"] as const;
export const PURPOSES = ["action", "comment", "info", "response"] as const;
export const EVENT_SLUGS = [
  "submitted",
  "modified",
  "approved",
  "posted",
  "killed",
  "resurrected",
  "msgin",
  "msgout",
  "comment",
  "private_comment",
  "resent",
] as const;
export const FIRST_ID = 101;
export const STATEMENT_COUNT = 220;
/** statements below this id carry naive (Pacific) times, from it on UTC `Z` times */
export const FIRST_UTC_ID = 280;
export const HTML_BODY_ID = 105;

const pad = (n: number) => String(n).padStart(2, "0");

/** A statement's submission time: naive Pacific for old ones, UTC Z for new ones. */
export function submittedTime(id: number): string {
  const i = id - FIRST_ID;
  if (id < FIRST_UTC_ID)
    return `${2004 + (i % 18)}-${pad(1 + (i % 12))}-${pad(1 + (i % 27))}T${pad(8 + (i % 10))}:15:30`;
  return `${2023 + (i % 3)}-${pad(7 + (i % 5))}-${pad(1 + (i % 27))}T${pad(8 + (i % 10))}:15:30Z`;
}

const later = (time: string, days: number) => {
  const isUtc = time.endsWith("Z");
  const d = new Date(`${time.replace(/Z$/, "")}Z`);
  d.setUTCDate(d.getUTCDate() + days);
  const s = d.toISOString().slice(0, 19);
  return isUtc ? `${s}Z` : s;
};

export interface FixtureOptions {
  /** statement ids whose title gets this suffix (a "newer snapshot" that changed them) */
  retitled?: number[];
  /** extra statements (ids after the last one) */
  extra?: number;
  /** the benchmark's volume: this many more public comment events and attachments per statement */
  extraEventsPerStatement?: number;
  extraAttachmentsPerStatement?: number;
  /** role ids left out (a newer snapshot in which those roles ended at the Datatracker) */
  withoutRoles?: number[];
}

export function buildArchive(options: FixtureOptions = {}): { archive: Archive; files: Record<string, string> } {
  const archive: Archive = {
    "name/liaisonstatementpurposename": nameRows("liaisonstatementpurposename", [
      ["action", "For action"],
      ["comment", "For comment"],
      ["info", "For information"],
      ["response", "In response"],
    ]),
    "name/liaisonstatementstate": nameRows("liaisonstatementstate", [
      ["pending", "Pending"],
      ["approved", "Approved"],
      ["posted", "Posted"],
      ["dead", "Dead"],
    ]),
    "name/liaisonstatementeventtypename": nameRows(
      "liaisonstatementeventtypename",
      EVENT_SLUGS.map((s) => [s, s]),
    ),
    "name/liaisonstatementtagname": nameRows("liaisonstatementtagname", [
      ["required", "Action Required"],
      ["taken", "Action Taken"],
    ]),
    "name/docrelationshipname": nameRows("docrelationshipname", [["refold", "Reference"]], {
      revname: "Referenced by",
    }),
    "group/group": GROUPS.map(([id, acronym, title, type, state, parent, list]) =>
      sorted({
        acronym,
        ad: null,
        charter: null,
        comments: "",
        description: "",
        id,
        list_archive: "",
        list_email: list,
        list_subscribe: "",
        meeting_seen_as_area: false,
        name: title,
        parent: parent ? group(parent) : null,
        resource_uri: group(id),
        state: name("groupstatename", state),
        time: "2011-12-09T20:00:00Z",
        type: name("grouptypename", type),
        unused_states: [],
        unused_tags: [],
        used_roles: "[]",
        uses_milestone_dates: true,
      }),
    ),
    "person/person": PEOPLE.map(([id, full]) =>
      sorted({
        ascii: full,
        ascii_short: null,
        biography: "",
        id,
        name: full,
        name_from_draft: null,
        photo: "",
        photo_thumb: "",
        plain: "",
        resource_uri: person(id),
        time: "2012-02-26T08:03:54",
        user: "",
      }),
    ),
    "person/email": [
      ...PEOPLE.filter(([, , address]) => address).map(([id, , address]) =>
        sorted({
          active: true,
          address,
          origin: "fixture",
          person: person(id),
          primary: true,
          resource_uri: email(address),
          time: "2020-12-09T06:59:00Z",
        }),
      ),
      sorted({
        active: false,
        address: "nobody@example.org",
        origin: "",
        person: null,
        primary: false,
        resource_uri: email("nobody@example.org"),
        time: "2010-01-01T00:00:00",
      }),
    ],
    "group/role": ROLES.filter(([id]) => !options.withoutRoles?.includes(id)).map(([id, slug, g, p]) => {
      const address = PEOPLE.find(([pid]) => pid === p)![2];
      return sorted({
        email: email(address),
        group: group(g),
        id,
        name: name("rolename", slug),
        person: person(p),
        resource_uri: api("group/role", id),
      });
    }),
    "doc/document": [],
    "liaisons/liaisonstatement": [],
    "liaisons/liaisonstatementevent": [],
    "liaisons/liaisonstatementattachment": [],
    "liaisons/relatedliaisonstatement": [],
  };
  const files: Record<string, string> = {};
  let eventId = 5000;
  let attachmentId = 7000;
  let relationId = 900;
  let legacyUpload = 30;
  const last = FIRST_ID + STATEMENT_COUNT + (options.extra ?? 0);
  for (let id = FIRST_ID; id < last; id++) {
    const i = id - FIRST_ID;
    const state = STATES[i % 4]!;
    const purpose = PURPOSES[Math.floor(i / 4) % 4]!;
    const isOutgoing = i % 3 === 0;
    const wg = WGS[i % WGS.length]!;
    const sdo = SDOS[i % SDOS.length]!;
    // Legacy quirk: empty from and/or to groups.
    const fromGroups = i % 37 === 5 ? [] : [group(isOutgoing ? wg : sdo)];
    const toGroups = i % 41 === 7 ? [] : [group(isOutgoing ? sdo : wg)];
    const submitted = submittedTime(id);
    const deadline =
      purpose === "action" || purpose === "comment" ? (i % 5 === 0 ? "2027-06-30" : `${2005 + (i % 18)}-12-31`) : null;
    const tags: string[] = [];
    if (deadline && i % 6 !== 1) tags.push(name("liaisonstatementtagname", i % 32 === 2 ? "taken" : "required"));
    const fromContact =
      i % 4 === 0
        ? email("bob@example.net")
        : i % 4 === 1
          ? null
          : i % 4 === 2
            ? "Bob Rapporteur <bob@example.net>"
            : "";
    const docs: string[] = [];
    const attachmentCount = (i % 5 === 3 ? 0 : 1 + (i % 2)) + (options.extraAttachmentsPerStatement ?? 0);
    for (let n = 1; n <= attachmentCount; n++) {
      const docName = `liaison-${submitted.slice(0, 10)}-statement-${id}-attachment-${n}`;
      const isLegacy = id < 140 && n === 1;
      const uploaded = isLegacy
        ? `file${legacyUpload++}.pdf`
        : i % 11 === 4
          ? `${docName}.tif`
          : `${docName}.${n === 1 ? "pdf" : "txt"}`;
      docs.push(document(docName));
      archive["doc/document"]!.push(
        sorted({
          abstract: "",
          ad: null,
          expires: null,
          external_url: "",
          group: null,
          id: 40000 + attachmentId,
          intended_std_level: null,
          internal_comments: "",
          name: docName,
          note: "",
          notify: "",
          order: n,
          pages: null,
          resource_uri: document(docName),
          rev: "",
          rfc: null,
          shepherd: null,
          states: [],
          std_level: null,
          stream: null,
          submissions: [],
          tags: [],
          time: submitted,
          title: `Attachment ${n} of liaison ${id}${n === 2 ? " (text)" : " (PDF)"}`,
          type: name("doctypename", i % 3 === 1 ? "liaison" : "liai-att"),
          uploaded_filename: uploaded,
          words: null,
        }),
      );
      archive["liaisons/liaisonstatementattachment"]!.push(
        sorted({
          document: document(docName),
          id: attachmentId,
          removed: i % 9 === 2 && n === 1,
          resource_uri: api("liaisons/liaisonstatementattachment", attachmentId),
          statement: statement(id),
        }),
      );
      attachmentId++;
      // Every attachment's file is present except every 7th statement's (missing file → record + URL).
      if (i % 7 !== 6) files[uploaded] = `%PDF-1.4 fixture attachment ${n} of liaison ${id}\n`;
    }
    const retitled = options.retitled?.includes(id) ? " (revised)" : "";
    archive["liaisons/liaisonstatement"]!.push(
      sorted({
        action_holder_contacts: i % 10 === 0 ? "Action Holder <holder@example.org>" : "",
        attachments: docs,
        body:
          id === HTML_BODY_ID
            ? '<p>Dear colleagues,</p>\r\n<ul><li>item &amp; "quoted"</li></ul>\r\n<script>alert(1)</script>\r\nRegards'
            : `Body of liaison ${id}.\r\n\r\nSecond paragraph with ünïcode.`,
        cc_contacts: i % 3 === 0 ? "Alice Chair <alice@example.com>,itu-t-liaison@iab.org" : "",
        deadline,
        from_contact: fromContact,
        from_groups: fromGroups,
        id,
        other_identifiers: i % 4 === 0 ? null : i % 4 === 1 ? "" : `SG15-LS${id}`,
        purpose: name("liaisonstatementpurposename", purpose),
        resource_uri: statement(id),
        response_contacts: i % 2 ? "Bob Rapporteur <bob@example.net>" : "",
        state: name("liaisonstatementstate", state),
        tags,
        technical_contacts: i % 5 === 0 ? "Carol Editor <carol@example.org>; dave@example.org" : "",
        title: `Liaison statement ${id} on topic ${i % 13}${retitled}`,
        // Mixed separators and free text (legacy): commas, semicolons, CRLF.
        to_contacts:
          i % 4 === 3
            ? "CCAMP Chairs <ccamp-chairs@ietf.org>; ccamp@ietf.org\r\nThe CCAMP WG secretary"
            : "CCAMP Chairs <ccamp-chairs@ietf.org>,ccamp@ietf.org",
        to_groups: toGroups,
      }),
    );
    const event = (slug: string, time: string, desc: string, by: number | null = 101) => {
      archive["liaisons/liaisonstatementevent"]!.push(
        sorted({
          by: by === null ? null : person(by),
          desc,
          id: eventId,
          resource_uri: api("liaisons/liaisonstatementevent", eventId),
          statement: statement(id),
          time,
          type: name("liaisonstatementeventtypename", slug),
        }),
      );
      eventId++;
    };
    // Legacy statements have synthesized events by "(System)" (DATATRACKER.md §1.4).
    // id 102: the 2015 migration's legacy slug `submit` (its rename to `submitted` is UNVERIFIED, §1.4).
    event(
      id === 102 ? "submit" : "submitted",
      submitted,
      id < 130 ? "Liaison submitted" : "Statement Submitted",
      id < 130 ? 1 : 101,
    );
    if (state === "approved" || state === "posted") event("approved", later(submitted, 1), "Statement Approved", 103);
    if (state === "posted") event("posted", later(submitted, 2), "Statement Posted", 103);
    if (state === "dead") event("killed", later(submitted, 3), "Statement Killed", 108);
    const extraSlug = EVENT_SLUGS[i % EVENT_SLUGS.length]!;
    if (!["submitted", "approved", "posted", "killed"].includes(extraSlug)) {
      event(extraSlug, later(submitted, 4), `A ${extraSlug} event on liaison ${id}`, 108);
    }
    if (i % 10 === 3) event("private_comment", later(submitted, 5), `Staff only note on ${id}`, 108);
    if (i % 10 === 4) event("comment", later(submitted, 5), `Public comment on ${id}`, 101);
    for (let n = 0; n < (options.extraEventsPerStatement ?? 0); n++) {
      event("comment", later(submitted, 6 + n), `Comment ${n + 1} on ${id}`, 101 + (n % 9));
    }
    if (purpose === "response" && id > FIRST_ID + 4) {
      archive["liaisons/relatedliaisonstatement"]!.push(
        sorted({
          id: relationId,
          relationship: name("docrelationshipname", "refold"),
          resource_uri: api("liaisons/relatedliaisonstatement", relationId),
          source: statement(id),
          target: statement(id - 4),
        }),
      );
      relationId++;
    }
  }
  return { archive, files };
}

/** Writes the archive as tastypie pages of `limit` objects, with relative `next` links as the API gives. */
export function writeArchive(dir: string, archive: Archive, limit = 50) {
  for (const [resource, objects] of Object.entries(archive)) {
    const folder = path.join(dir, ...resource.split("/"));
    mkdirSync(folder, { recursive: true });
    const pages = Math.max(1, Math.ceil(objects.length / limit));
    for (let page = 0; page < pages; page++) {
      writeFileSync(
        path.join(folder, `${page}.json`),
        JSON.stringify(envelope(resource, objects, page * limit, limit, "")),
      );
    }
  }
}

/** One tastypie list page (paginator.page): `next`/`previous` relative, repeating the other parameters. */
export function envelope(resource: string, objects: Obj[], offset: number, limit: number, otherParams: string) {
  const base = `/api/v1/${resource}/?${otherParams ? `${otherParams}&` : ""}format=json&limit=${limit}`;
  return {
    meta: {
      limit,
      next: offset + limit < objects.length ? `${base}&offset=${offset + limit}` : null,
      offset,
      previous: offset > 0 ? `${base}&offset=${Math.max(0, offset - limit)}` : null,
      total_count: objects.length,
    },
    objects: objects.slice(offset, offset + limit),
  };
}

export function writeAttachments(dir: string, files: Record<string, string>) {
  mkdirSync(dir, { recursive: true });
  for (const [file, content] of Object.entries(files)) writeFileSync(path.join(dir, file), content);
}
