import "server-only";
import { createHash } from "node:crypto";
import type {
  ActionStatus,
  EventType,
  GroupState,
  GroupType,
  Purpose,
  RoleName,
  StatementState,
} from "@/generated/prisma/enums";
import { formatMailbox, parseMailbox } from "@/lib/mailbox";
import { type DtStatement, uriKey } from "./datatracker-schema";

/**
 * Pure mapping from Datatracker objects to ours (DATATRACKER.md §1, issue 17). No I/O: every rule of the
 * translation lives here and is table-tested in map.test.ts; import-datatracker.ts only writes.
 */

/** The public address of a Datatracker attachment (DATATRACKER.md §2.2). */
export const LIAISON_ATTACH_URL = "https://www.ietf.org/lib/dt/documents/LIAISON/";

const PACIFIC = new Intl.DateTimeFormat("en-US", {
  timeZone: "America/Los_Angeles",
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

/** Offsets by UTC hour: Pacific changes offset only on the hour, and formatToParts is slow (30,000 events). */
const offsetByHour = new Map<number, number>();

/** Pacific wall-clock time minus UTC at the instant `utcMs`, in ms. */
function pacificOffsetMs(utcMs: number): number {
  const hour = Math.floor(utcMs / 3_600_000);
  let offset = offsetByHour.get(hour);
  if (offset === undefined) {
    if (offsetByHour.size > 100_000) offsetByHour.clear();
    offset = exactPacificOffsetMs(hour * 3_600_000);
    offsetByHour.set(hour, offset);
  }
  return offset;
}

function exactPacificOffsetMs(utcMs: number): number {
  const parts = Object.fromEntries(PACIFIC.formatToParts(new Date(utcMs)).map((p) => [p.type, p.value]));
  const wall = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!);
  return wall - Math.floor(utcMs / 1000) * 1000;
}

/**
 * A Datatracker datetime as an instant. With `Z` or an offset it is exact (since mid-2023 the API writes UTC);
 * a naive value is Pacific wall-clock time (USE_TZ=False, TIME_ZONE PST8PDT, before mid-2023).
 */
export function datatrackerTime(value: string): Date {
  if (/(Z|[+-]\d{2}:\d{2})$/.test(value)) return new Date(value);
  const asUtc = Date.parse(`${value}Z`);
  if (Number.isNaN(asUtc)) throw new Error(`not a date-time: ${value}`);
  return new Date(asUtc - pacificOffsetMs(asUtc - pacificOffsetMs(asUtc)));
}

/** A DateField value (YYYY-MM-DD) as our @db.Date value. */
export const datatrackerDate = (value: string) => new Date(`${value}T00:00:00Z`);

export const STATE: Record<string, StatementState> = {
  pending: "pending",
  approved: "approved",
  posted: "posted",
  dead: "withdrawn",
};

export const PURPOSE: Record<string, Purpose> = {
  action: "action",
  comment: "comment",
  info: "information",
  response: "response",
};

/** Our event type for a Datatracker event slug; the original slug is kept in the event's data. */
export const EVENT_TYPE: Record<string, EventType> = {
  submitted: "submitted",
  submit: "submitted", // the 2015 migration's slug (DATATRACKER.md §1.4)
  modified: "edited",
  approved: "approved",
  posted: "posted",
  killed: "withdrawn",
  resurrected: "edited",
  msgin: "comment",
  msgout: "comment",
  comment: "comment",
  private_comment: "comment",
  resent: "comment",
};

/** Our group type; Datatracker types without one (irtf, team, program, …) are imported as working groups. */
export function groupType(slug: string | null): { type: GroupType; isKnown: boolean } {
  const known: GroupType[] = ["ietf", "iesg", "iab", "area", "wg", "rg", "sdo"];
  const type = known.find((t) => t === slug);
  return type ? { type, isKnown: true } : { type: "wg", isKnown: false };
}

export function groupState(slug: string | null): GroupState {
  return slug === "active" || slug === "bof" || slug === "proposed" ? "active" : "concluded";
}

export type RoleMapping =
  | { kind: "role"; role: RoleName; onGroup: boolean }
  | { kind: "contact"; list: "to" | "cc" }
  | { kind: "skip"; reason: string };

/** DATATRACKER.md §1.6 "RoleName slugs relevant to liaisons", against the group it is held on. */
export function mapRole(slug: string, group: { acronym: string; type: GroupType | null }): RoleMapping {
  const on = group.type;
  if (slug === "chair" && group.acronym === "ietf") return { kind: "role", role: "ietf_chair", onGroup: true };
  if (slug === "chair" && group.acronym === "iab") return { kind: "role", role: "iab_chair", onGroup: true };
  if (slug === "chair" && (on === "wg" || on === "rg")) return { kind: "role", role: "wg_chair", onGroup: true };
  if (slug === "secr" && group.acronym === "secretariat") return { kind: "role", role: "secretariat", onGroup: false };
  if (slug === "secr" && (on === "wg" || on === "rg")) return { kind: "role", role: "wg_secretary", onGroup: true };
  if ((slug === "ad" || slug === "pre-ad") && on === "area") return { kind: "role", role: "ad", onGroup: true };
  // An Authorized Individual may send incoming statements on the SDO's behalf (DATATRACKER.md §1.6): here
  // that is what a liaison manager of the body does (issue 17: "liaiman/auth on an sdo group").
  if ((slug === "liaiman" || slug === "auth") && on === "sdo")
    return { kind: "role", role: "liaison_manager", onGroup: true };
  if (slug === "liaison_coordinator" && group.acronym === "iab")
    return { kind: "role", role: "iab_liaison_coordinator", onGroup: true };
  if (slug === "liaison_contact") return { kind: "contact", list: "to" };
  if (slug === "liaison_cc_contact") return { kind: "contact", list: "cc" };
  return { kind: "skip", reason: `role ${slug} on a group of type ${on ?? "unknown"} has no meaning for liaisons` };
}

/**
 * A Datatracker contact field as our list of mailboxes. Separators vary in legacy rows (commas, semicolons,
 * new lines); an entry that is not a mailbox is kept as written, so nothing is lost.
 */
export function contactList(value: string | null | undefined): string[] {
  if (!value) return [];
  const entries: string[] = [];
  let current = "";
  let quoted = false;
  let angle = false;
  for (const ch of value) {
    if (ch === '"' && !angle) quoted = !quoted;
    else if (ch === "<" && !quoted) angle = true;
    else if (ch === ">" && !quoted) angle = false;
    if ((ch === "," || ch === ";" || ch === "\n" || ch === "\r") && !quoted && !angle) {
      if (current.trim()) entries.push(current.trim());
      current = "";
    } else current += ch;
  }
  if (current.trim()) entries.push(current.trim());
  const seen = new Set<string>();
  const result: string[] = [];
  for (const entry of entries) {
    const mailbox = parseMailbox(entry);
    const shown = mailbox ? formatMailbox(mailbox) : entry;
    const key = (mailbox?.address ?? entry).toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(shown);
  }
  return result;
}

/** `from_contact`: an Email URI (before 2025-06), null, or a mailbox string (after). */
export function fromContact(value: string | null | undefined, nameOf: (address: string) => string | null): string[] {
  if (!value) return [];
  const address = uriKey(value, "person/email");
  if (address !== null) {
    const name = nameOf(address.toLowerCase());
    return [parseMailbox(address) ? formatMailbox({ name, address }) : address];
  }
  return contactList(value);
}

/**
 * Action status (issue 17): `taken` → taken. A posted For-action statement whose `required` action is still
 * open and whose deadline is ahead → needed (reminders go on as for ours). Any other historical For-action
 * statement without `taken` → unknown (imported): nobody knows, and nothing reminds anyone.
 */
export function actionStatus(
  input: { purpose: Purpose; state: StatementState; tags: string[]; deadline: Date | null },
  today: Date,
): ActionStatus {
  if (input.tags.includes("taken")) return "taken";
  if (input.purpose !== "action") return "none";
  if (input.state === "pending" || input.state === "approved") return "none";
  const isOpen = input.tags.includes("required") && input.deadline !== null && input.deadline >= today;
  return isOpen && input.state === "posted" ? "needed" : "unknown_imported";
}

/** Outgoing when the first To group is an external body (`is_outgoing()`, DATATRACKER.md §1.1). */
export function direction(toTypes: (GroupType | null)[], fromTypes: (GroupType | null)[]) {
  if (toTypes.length) return toTypes[0] === "sdo" ? "outgoing" : "incoming";
  return fromTypes.length && fromTypes[0] !== "sdo" ? "outgoing" : "incoming";
}

/** `external_url` when it is an http(s) URL, else LIAISON_ATTACH_URL + uploaded_filename (§2.2). */
export function attachmentUrl(doc: { external_url?: string; uploaded_filename?: string; name: string }): string {
  if (doc.external_url && /^https?:\/\//i.test(doc.external_url)) return doc.external_url;
  return `${LIAISON_ATTACH_URL}${encodeURIComponent(doc.uploaded_filename || doc.name)}`;
}

/** Stable sha-256 of a JSON value with sorted keys: the "did the Datatracker change it" fingerprint. */
export function fingerprint(value: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v && typeof v === "object"
        ? Object.fromEntries(
            Object.keys(v as object)
              .sort()
              .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
          )
        : v;
  return createHash("sha256")
    .update(JSON.stringify(canonical(value)))
    .digest("hex");
}

export interface MappedStatement {
  title: string;
  state: StatementState;
  purpose: Purpose;
  deadline: Date | null;
  body: string;
  fromContact: string[];
  fromLiaisonContact: string | null;
  toContact: string[];
  otherIdentifiers: string[];
  legacyTechnicalContacts: string | null;
  legacyCcContacts: string | null;
  legacyActionHolderContacts: string | null;
  tags: string[];
}

/** The statement's own fields (groups, direction and action status are decided with the database's help). */
export function mapStatement(dt: DtStatement, nameOf: (address: string) => string | null): MappedStatement {
  const slug = (uri: string, resource: string) => uriKey(uri, resource) ?? "";
  const state = STATE[slug(dt.state, "name/liaisonstatementstate")];
  const purpose = PURPOSE[slug(dt.purpose, "name/liaisonstatementpurposename")];
  if (!state) throw new MappingError("state", `unknown state ${dt.state}`);
  if (!purpose) throw new MappingError("purpose", `unknown purpose ${dt.purpose}`);
  const replyTo = contactList(dt.response_contacts).join(", ");
  if (replyTo.length > 512) throw new MappingError("response_contacts", "longer than 512 characters");
  const other = dt.other_identifiers?.trim();
  return {
    title: dt.title.trim() || `Liaison statement ${dt.id}`,
    state,
    purpose,
    deadline: dt.deadline ? datatrackerDate(dt.deadline) : null,
    body: dt.body,
    fromContact: fromContact(dt.from_contact, nameOf),
    fromLiaisonContact: replyTo || null,
    toContact: contactList(dt.to_contacts),
    otherIdentifiers: other ? [other] : [],
    legacyTechnicalContacts: dt.technical_contacts || null,
    legacyCcContacts: dt.cc_contacts || null,
    legacyActionHolderContacts: dt.action_holder_contacts || null,
    tags: dt.tags.map((t) => slug(t, "name/liaisonstatementtagname")),
  };
}

/** A value the schema accepted but the mapping cannot use (named by its field). */
export class MappingError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
