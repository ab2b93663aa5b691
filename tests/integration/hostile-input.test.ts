/**
 * Issue #8 item 2 — hostile input. Property-based fuzzing (fast-check, fixed seed) of the statement form,
 * each payload sent either to the server action `saveStatementForm` (FormData as is; success is its
 * redirect) or to the upload endpoint POST /statements/save (FormData encoded as multipart and decoded by
 * the route, as the browser's upload XHR does), as the QUIC chair submitting outgoing statements and as the
 * 3GPP liaison manager recording incoming ones. Each payload starts valid and gets 0–3 hostile mutations.
 * For every payload:
 *  - no unhandled error: the handler returns a FormState, never the generic INTERNAL one;
 *  - a rejected payload leaves every table exactly as it was (no row inserted, changed or deleted:
 *    tests/support/change-counter.ts);
 *  - a rejection names the offending field with a human sentence (or, for tampered hidden ids, says
 *    plainly that the statement does not exist / may not be edited);
 *  - an accepted payload is stored exactly as submitted (round trip).
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { FormState } from "@/lib/form-state";
import type { Actor } from "@/server/authz/types";
import { storedBytes } from "../support/attachments";
import { installChangeCounter } from "../support/change-counter";
import { actorFor, groupId, setupDemoWorld } from "../support/demo-world";
import { testEngine } from "../support/test-database";

const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/server/auth/actor", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/server/auth/actor")>()),
  currentActor: async () => session.actor,
}));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": "192.0.2.7" }) }));

const { saveStatementForm } = await import("@/actions/statements");
const { POST: uploadEndpoint } = await import("@/app/statements/save/route");
const { env } = await import("@/env");
const { saveStatement } = await import("@/server/statements/save-statement");
const { statementFormSchema } = await import("@/server/statements/schema");

const world = setupDemoWorld();

const FUZZ_SEED = 20_261_123;
const FUZZ_RUNS = 1000;

/** The form's field names: a field error must name one of these. */
const FORM_FIELDS = new Set([
  "id",
  "version",
  "direction",
  "intent",
  "from",
  "to",
  "fromContact",
  "fromLiaisonContact",
  "toContact",
  "toLiaisonContact",
  "title",
  "purpose",
  "deadline",
  "body",
  "otherIdentifiers",
  "consensus",
  "respondsTo",
  "receivedOn",
  "confirmReceivedOn",
  "sendAcknowledgement",
  "attachments",
  "attachmentTitles",
]);

type Value = string | File | (string | File)[];
type Payload = Record<string, Value | undefined>;
type Role = "chair" | "lm";
type Channel = "action" | "endpoint";

interface Ids {
  quic: number;
  sa2: number;
  sa: number;
  httpbis: number;
  itu: number;
  othersDraft: number;
  othersPending: number;
  postedByOthers: number;
  ownDraft: number;
  ownDraftVersion: number;
}

/**
 * Mutations that interact share a slot and never meet in one payload: "purpose" (purpose, deadline and
 * responds-to rules), "content" (body, attachments, and the id of an edited statement whose attachments count).
 */
/** Where a mutation is expected to be caught: by the form schema (all at once) or by the use-case (first one). */
type Stage = "schema" | "usecase";
interface Mutation {
  slot: string;
  label: string;
  stage: Stage;
  /** the field error the FormState must carry */
  field?: string;
  /** or, for hidden-id tampering, the refusal code (no field the user could correct) */
  refusal?: string;
  /** only meaningful for this role (e.g. the received date of incoming statements) */
  role?: Role;
  apply(p: Payload, ids: Ids, role: Role): void;
}

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

// ---- valid building blocks -------------------------------------------------------------------------------

/** Titles that are valid one-liners yet awkward: emoji, combining marks, RTL override, CJK, markup, quotes. */
const validTitle = fc.oneof(
  fc.constantFrom(
    "LS on QUIC multipath",
    "Ｕｎｉｃｏｄｅ 全角 タイトル",
    "Cafe\u0301 combining e\u0301\u0301\u0301 marks",
    "RTL \u202Egnp.exe\u202C override",
    "Emoji 🚀👩🏽‍💻🏳️‍🌈 title",
    "<script>alert(1)</script> title",
    '"quoted" & \'apostrophes\' ; DROP TABLE "Statement"; --',
    "Zero\u200Bwidth\u200Djoiner\uFEFF",
    "Lone surrogate \uD800 here",
    "x".repeat(255),
  ),
  fc
    .string({ unit: "grapheme", minLength: 1, maxLength: 60 })
    .filter((s) => /\S/.test(s) && !/[\r\n]/.test(s) && !s.includes("\u0000")),
);
const validBody = fc.oneof(
  fc.constantFrom(
    "Dear colleagues,\n\nplease find our status.\n",
    "Emoji 🚀 and combining a\u0301\u0302\u0303 and RTL \u202Eevil\u202C\r\nCRLF line\ttab",
    `A very long line: ${"0123456789".repeat(5_000)}`,
    '<img src=x onerror=alert(1)> javascript:alert(1) http://example.org/a"b',
    "Lone surrogates \uDC00 and \uD83D end",
  ),
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 400 }).filter((s) => /\S/.test(s) && !s.includes("\u0000")),
);
const validName = fc.constantFrom("Ada Lindqvist", "Jean-Pierre O'Neil", "Zoë Ångström", "王小明", "");
const validAddress = fc.constantFrom(
  "ad@example.org",
  "sa2-chair@example.net",
  "first.last+tag@sub.example.co",
  "x_y@example.com",
);
const mailbox = fc.tuple(validName, validAddress).map(([name, address]) => (name ? `${name} <${address}>` : address));
// (entries for the same address are merged, by design: the generator keeps addresses distinct)
const mailboxList = fc.uniqueArray(mailbox, {
  minLength: 1,
  maxLength: 3,
  selector: (m) => /<(.*)>/.exec(m)?.[1] ?? m,
});
const validIdentifiers = fc.uniqueArray(fc.constantFrom("S2-2612345", "SP-241015", "COM15-LS12", "ＩＤ-全角"), {
  maxLength: 3,
});
const smallFile = fc
  .tuple(fc.constantFrom("annex.pdf", "notes.txt", "Résumé 🚀.docx"), fc.uint8Array({ minLength: 1, maxLength: 64 }))
  .map(([name, bytes]) => new File([bytes], name, { type: "application/octet-stream" }));

const base = fc.record({
  role: fc.constantFrom<Role>("chair", "lm"),
  channel: fc.constantFrom<Channel>("action", "endpoint"),
  intentIndex: fc.nat(1),
  title: validTitle,
  titlePadding: fc.constantFrom("", " ", "\t "),
  body: validBody,
  purpose: fc.constantFrom("information", "action"),
  deadline: fc
    .integer({ min: 1, max: 400 })
    .map((n) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10)),
  fromContact: mailboxList,
  toContact: mailboxList,
  fromLiaisonContact: fc.option(mailbox, { nil: "" }),
  toLiaisonContact: fc.option(mailbox, { nil: "" }),
  otherIdentifiers: validIdentifiers,
  consensus: fc.constantFrom("", "wg_consensus", "none_claimed"),
  received: fc.integer({ min: 0, max: 20 }),
  files: fc.array(smallFile, { maxLength: 2 }),
});

type Base = typeof base extends fc.Arbitrary<infer T> ? T : never;

function validPayload(b: Base, ids: Ids): Payload {
  const incoming = b.role === "lm";
  return {
    direction: incoming ? "incoming" : "outgoing",
    intent: incoming ? ["save", "post"][b.intentIndex] : ["save", "submit"][b.intentIndex],
    from: String(incoming ? ids.sa : ids.quic),
    to: String(incoming ? ids.quic : ids.sa2),
    fromContact: b.fromContact.join("\n"),
    fromLiaisonContact: b.fromLiaisonContact,
    toContact: b.toContact.join(", "),
    toLiaisonContact: b.toLiaisonContact,
    title: `${b.titlePadding}${b.title}${b.titlePadding}`,
    purpose: b.purpose,
    deadline: b.purpose === "action" ? b.deadline : "",
    body: b.body,
    otherIdentifiers: b.otherIdentifiers.join("\n"),
    consensus: b.consensus,
    ...(incoming ? { receivedOn: daysAgo(b.received), sendAcknowledgement: "on" } : {}),
    ...(b.files.length
      ? { attachments: b.files, attachmentTitles: b.files.map((_: File, i: number) => `Annex ${i + 1}`) }
      : {}),
  };
}

// ---- hostile mutations -----------------------------------------------------------------------------------

const huge = (n: number) => fc.constant("ä".repeat(n));
const nulText = fc.constantFrom("NUL\u0000inside", "\u0000", "trailing NUL\u0000");

const m = (
  slot: string,
  label: string,
  stage: Stage,
  target: { field?: string; refusal?: string },
  apply: Mutation["apply"],
): Mutation => ({
  slot,
  label,
  stage,
  ...target,
  apply,
});
const stageOf = (id: string): Stage => (Number(id) > 2_147_483_647 ? "schema" : "usecase");
const set = (field: string, value: Value | undefined) => (p: Payload) => {
  p[field] = value;
};

const badMailbox = fc.constantFrom(
  "not-an-address",
  "a@b",
  "two@@example.org",
  "x@example.org\r\nBcc: evil@example.net",
  "Name <x@example.org",
  "<script>alert(1)</script> <x@example.org>",
  "x@example.org\u0000",
  "x@exa mple.org",
  "@example.org",
  '"Eve\r\nBcc: evil@example.net" <x@example.org>',
  "x@example.org, y@",
  "ad@example.org\u202E",
);

/**
 * Issue 15 §2: "Save draft" needs only a Title and a From group; the other required fields are refused when
 * the statement is sent (Submit, or Post for incoming). Such a mutation sends the payload.
 */
const whenSent =
  (apply: Mutation["apply"]): Mutation["apply"] =>
  (p, ids, role) => {
    p.intent = p.direction === "incoming" ? "post" : "submit";
    apply(p, ids, role);
  };

const mutations: fc.Arbitrary<Mutation>[] = [
  // missing fields
  ...["direction", "title", "from"].map((f) =>
    fc.constant(m(f, `missing ${f}`, "schema", { field: f }, set(f, undefined))),
  ),
  ...["purpose", "to", "fromContact", "toContact"].map((f) =>
    fc.constant(m(f, `missing ${f}, sent`, "schema", { field: f }, whenSent(set(f, undefined)))),
  ),
  fc.constant(
    m(
      "content",
      "missing body and attachments, sent",
      "schema",
      { field: "body" },
      whenSent((p) => {
        delete p.body;
        delete p.attachments;
        delete p.attachmentTitles;
      }),
    ),
  ),
  fc.constant(
    m(
      "content",
      "blank body, sent",
      "schema",
      { field: "body" },
      whenSent((p) => {
        p.body = " \n\t ";
        delete p.attachments;
        delete p.attachmentTitles;
      }),
    ),
  ),
  // wrong types: files where text belongs, repeated keys, nonsense enums and numbers
  fc.constant(m("title", "title is a file", "schema", { field: "title" }, set("title", new File(["x"], "title.txt")))),
  fc.constant(m("title", "title repeated", "schema", { field: "title" }, set("title", ["one", "two"]))),
  fc.constant(
    m("content", "body is a file", "schema", { field: "body" }, set("body", new File(["<b>x</b>"], "body.html"))),
  ),
  fc.constant(
    m(
      "fromContact",
      "contacts repeated",
      "schema",
      { field: "fromContact" },
      set("fromContact", ["a@example.org", "b@example.org"]),
    ),
  ),
  fc
    .constantFrom("urgent", "INFORMATION", "action ", "__proto__")
    .map((v) => m("purpose", `purpose=${JSON.stringify(v)}`, "schema", { field: "purpose" }, set("purpose", v))),
  fc.constant(
    m("purpose", `purpose="" (not chosen), sent`, "schema", { field: "purpose" }, whenSent(set("purpose", ""))),
  ),
  fc
    .constantFrom("sideways", "Outgoing", "", "constructor")
    .map((v) =>
      m("direction", `direction=${JSON.stringify(v)}`, "schema", { field: "direction" }, set("direction", v)),
    ),
  fc
    .constantFrom("delete", "approve", "POST")
    .map((v) => m("intent", `intent=${JSON.stringify(v)}`, "schema", { field: "intent" }, set("intent", v))),
  fc
    .constantFrom("maybe", "wg consensus")
    .map((v) =>
      m("consensus", `consensus=${JSON.stringify(v)}`, "schema", { field: "consensus" }, set("consensus", v)),
    ),
  fc
    .constantFrom("abc", "-3", "0", "1.5", "1e309", "NaN", "9007199254740993")
    .map((v) => m("from", `from=${v}`, "schema", { field: "from" }, set("from", v))),
  fc.constantFrom("abc", "-1", "2.5").map((v) => m("to", `to=${v}`, "schema", { field: "to" }, set("to", v))),
  fc
    .constantFrom("abc", "-7", "1.5")
    .map((v) => m("purpose", `respondsTo=${v}`, "schema", { field: "respondsTo" }, set("respondsTo", v))),
  fc.constantFrom("abc", "-1", "0.5").map((v) => m("content", `id=${v}`, "schema", { field: "id" }, set("id", v))),
  fc
    .constantFrom("x", "-2")
    .map((v) => m("content", `version=${v}`, "schema", { field: "version" }, set("version", v))),
  fc.constant(
    m("content", "attachments as text", "schema", { field: "attachments" }, set("attachments", "C:\\fakepath\\a.pdf")),
  ),
  // huge strings
  fc
    .integer({ min: 256, max: 20_000 })
    .chain((n) => huge(n))
    .map((v) => m("title", `title of ${v.length} chars`, "schema", { field: "title" }, set("title", v))),
  fc.constant(m("content", "body over 1 MB", "schema", { field: "body" }, set("body", "b".repeat(1_000_001)))),
  fc.constant(
    m(
      "fromContact",
      "contact list over 20,000 chars",
      "schema",
      { field: "fromContact" },
      set("fromContact", `${"a".repeat(20_001)}@example.org`),
    ),
  ),
  fc.constant(
    m(
      "fromLiaisonContact",
      "liaison contact over 512 chars",
      "schema",
      { field: "fromLiaisonContact" },
      set("fromLiaisonContact", `${"a".repeat(600)}@example.org`),
    ),
  ),
  fc.constant(
    m(
      "otherIdentifiers",
      "identifiers over 2,000 chars",
      "schema",
      { field: "otherIdentifiers" },
      set("otherIdentifiers", "S2-1,".repeat(500)),
    ),
  ),
  fc.constant(
    m(
      "content",
      "attachment title over 255 chars",
      "schema",
      { field: "attachmentTitles" },
      set("attachmentTitles", "t".repeat(300)),
    ),
  ),
  fc.constant(
    m("purpose", "deadline over 20 chars", "schema", { field: "deadline" }, (p) => {
      p.purpose = "action";
      p.deadline = "2027-01-01".repeat(5);
    }),
  ),
  // invalid mailboxes (incl. header injection attempts)
  ...["fromContact", "toContact", "fromLiaisonContact", "toLiaisonContact"].map((f) =>
    badMailbox.map((v) => m(f, `${f}=${JSON.stringify(v)}`, "schema", { field: f }, set(f, v))),
  ),
  fc.constant(
    m(
      "toLiaisonContact",
      "two liaison contacts",
      "schema",
      { field: "toLiaisonContact" },
      set("toLiaisonContact", "a@example.org, b@example.org"),
    ),
  ),
  // bad dates
  fc
    .constantFrom(
      "2026-02-30",
      "2026-13-01",
      "20270101",
      "2027-1-1",
      "0000-00-00",
      "tomorrow",
      "2027-01-01T00:00",
      "٢٠٢٧-٠١-٠١",
    )
    .map((v) =>
      m("purpose", `deadline=${v}`, "schema", { field: "deadline" }, (p) => {
        p.purpose = "action";
        p.deadline = v;
      }),
    ),
  fc.constant(
    m(
      "purpose",
      "For action without deadline, sent",
      "schema",
      { field: "deadline" },
      whenSent((p) => {
        p.purpose = "action";
        p.deadline = "";
      }),
    ),
  ),
  fc.constant(
    m(
      "purpose",
      "For response without respondsTo, sent",
      "schema",
      { field: "respondsTo" },
      whenSent((p) => {
        p.purpose = "response";
        delete p.respondsTo;
      }),
    ),
  ),
  fc.constantFrom("2026-02-29", "31/12/2026", "yesterday").map((v) =>
    m("receivedOn", `receivedOn=${v}`, "schema", { field: "receivedOn" }, (p) => {
      p.receivedOn = v;
    }),
  ),
  fc.constant({
    ...m("receivedOn", "received 10 years ago, unconfirmed", "usecase", { field: "receivedOn" }, (p) => {
      p.intent = "post";
      p.receivedOn = daysAgo(3650);
    }),
    role: "lm" as const,
  }),
  // unknown or foreign group ids
  // (ids beyond PostgreSQL's integer range are refused by the form schema, smaller unknown ones by the use-case)
  fc
    .constantFrom("999999", "2147483647", "2147483648", "99999999999")
    .map((v) => m("from", `from=${v} (unknown)`, stageOf(v), { field: "from" }, set("from", v))),
  fc
    .constantFrom("888888", "2147483648")
    .map((v) => m("to", `to=${v} (unknown)`, stageOf(v), { field: "to" }, set("to", v))),
  fc.constant(
    m("from", "from a group the actor has no role for", "usecase", { field: "from" }, (p, ids, role) => {
      p.from = String(role === "chair" ? ids.httpbis : ids.itu);
    }),
  ),
  // other users' / other statements' ids
  fc.constantFrom("999999", "2147483648").map((v) =>
    m("purpose", `respondsTo=${v} (unknown)`, stageOf(v), { field: "respondsTo" }, (p) => {
      p.purpose = "response";
      p.deadline = "";
      p.respondsTo = v;
    }),
  ),
  fc.constant(
    m("purpose", "respondsTo someone else's draft", "usecase", { field: "respondsTo" }, (p, ids) => {
      p.purpose = "response";
      p.deadline = "";
      p.respondsTo = String(ids.othersDraft);
    }),
  ),
  fc.constant(
    m("purpose", "respondsTo someone else's pending statement", "usecase", { field: "respondsTo" }, (p, ids) => {
      p.purpose = "response";
      p.deadline = "";
      p.respondsTo = [String(ids.othersPending), String(ids.postedByOthers)];
    }),
  ),
  fc.constant(
    m("content", "edit someone else's draft", "usecase", { refusal: "NOT_FOUND" }, (p, ids) =>
      set("id", String(ids.othersDraft))(p),
    ),
  ),
  fc
    .constantFrom("999999", "2147483648", "99999999999")
    .map((v) =>
      m(
        "content",
        `edit unknown id ${v}`,
        stageOf(v),
        stageOf(v) === "schema" ? { field: "id" } : { refusal: "NOT_FOUND" },
        set("id", v),
      ),
    ),
  fc.constant(
    m("content", "edit a posted statement of someone else", "usecase", { refusal: "FORBIDDEN" }, (p, ids) =>
      set("id", String(ids.postedByOthers))(p),
    ),
  ),
  fc.constant({
    ...m("content", "edit own draft with a stale version", "usecase", { refusal: "INVALID_STATE" }, (p, ids) => {
      p.id = String(ids.ownDraft);
      p.version = "99";
    }),
    role: "chair" as const, // (the chair's draft)
  }),
  // unicode edge cases that cannot be stored: NUL
  ...["title", "body", "otherIdentifiers", "attachmentTitles"].map((f) =>
    nulText.map((v) =>
      m(
        f === "attachmentTitles" ? "content" : f === "body" ? "content" : f,
        `NUL in ${f}`,
        "schema",
        { field: f },
        (p) => {
          if (f === "attachmentTitles") {
            p.attachments = [new File(["x"], "a.txt")];
            p.attachmentTitles = v;
          } else p[f] = v;
        },
      ),
    ),
  ),
  fc.constant(
    m(
      "title",
      "title with a line break",
      "schema",
      { field: "title" },
      set("title", "Subject line\r\nBcc: evil@example.net"),
    ),
  ),
  fc.constant(
    m(
      "title",
      "title with U+2028/NEL line breaks",
      "schema",
      { field: "title" },
      set("title", "Line\u2028separator\u0085next"),
    ),
  ),
  // attachments of a type we do not accept
  fc.constantFrom("evil.svg", "run.exe", "../../etc/passwd", "noextension").map((name) =>
    m("content", `attachment ${name}`, "usecase", { field: "attachments" }, (p) => {
      p.attachments = new File(["<svg onload=alert(1)>"], name, { type: "text/html" });
    }),
  ),
];

const mutationArb = fc.oneof(...mutations);

function toFormData(p: Payload): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(p)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) form.append(key, v);
  }
  return form;
}

/** Strings as FormData carries them (USVString: lone surrogates become U+FFFD); multipart also makes every line break CRLF. */
const usv = (s: string) => Buffer.from(s, "utf8").toString("utf8");
const sent = (s: string, channel: Channel) => (channel === "endpoint" ? usv(s).replace(/\r\n|\r|\n/g, "\r\n") : usv(s));

/** The server action: a FormState, or on success the redirect it throws (NEXT_REDIRECT;replace;<url>;307;). */
async function viaAction(form: FormData): Promise<FormState> {
  try {
    return await saveStatementForm({ status: "idle" }, form);
  } catch (error) {
    const digest = (error as { digest?: unknown }).digest;
    if (typeof digest === "string" && digest.startsWith("NEXT_REDIRECT;"))
      return { status: "success", redirectTo: digest.split(";")[2] };
    throw error;
  }
}

async function viaEndpoint(form: FormData): Promise<FormState> {
  const origin = env().appUrl;
  const response = await uploadEndpoint(
    new Request(`${origin}/statements/save`, { method: "POST", headers: { origin }, body: form }),
  );
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  return (await response.json()) as FormState;
}
const lines = (s: string) =>
  s
    .split(/[\n,]/)
    .map((x) => x.trim())
    .filter(Boolean);

async function expectStoredExactly(id: number, p: Payload, actorId: number, channel: Channel) {
  const db = world();
  const st = await db.prisma.statement.findUniqueOrThrow({
    where: { id },
    include: { groups: true, attachments: true },
  });
  const incoming = p.direction === "incoming";
  expect(st.submitterId).toBe(actorId);
  expect(st.direction).toBe(p.direction);
  expect(st.state).toBe({ save: "draft", submit: "pending", post: "posted" }[p.intent as string]);
  expect(st.title).toBe(usv(p.title as string).trim());
  expect(st.body).toBe(sent(p.body as string, channel));
  expect(st.purpose).toBe(p.purpose);
  expect(st.deadline?.toISOString().slice(0, 10) ?? "").toBe(p.purpose === "action" ? p.deadline : "");
  // Contacts: every entry kept, in order (the generator only uses names that need no quoting).
  expect(st.fromContact).toEqual(lines(p.fromContact as string));
  expect(st.toContact).toEqual(lines(p.toContact as string));
  expect(st.fromLiaisonContact ?? "").toBe(p.fromLiaisonContact);
  expect(st.toLiaisonContact ?? "").toBe(p.toLiaisonContact);
  expect(st.otherIdentifiers).toEqual(lines(p.otherIdentifiers as string));
  expect(st.consensus ?? "").toBe(p.consensus);
  expect(st.receivedOn?.toISOString().slice(0, 10) ?? "").toBe(incoming ? p.receivedOn : "");
  const groups = (side: string) => st.groups.filter((g) => g.side === side).map((g) => g.groupId);
  expect(groups("from")).toEqual([Number(p.from)]);
  expect(groups("to")).toEqual([Number(p.to)]);
  const files = (p.attachments as File[] | undefined) ?? [];
  expect(st.attachments).toHaveLength(files.length);
  for (const [i, file] of files.entries()) {
    const stored = st.attachments.find((a) => a.title === `Annex ${i + 1}`);
    expect(stored?.filename).toBe(file.name);
    expect((await storedBytes(db, stored!.sha256)).equals(Buffer.from(await file.arrayBuffer()))).toBe(true);
  }
}

const HUMAN = /^[A-Z0-9"“].*[a-z].*[.?!)]$/s;

describe(`hostile input to the statement form (${testEngine})`, () => {
  let ids: Ids;
  let actors: Record<Role, Actor>;
  /** rows changed so far (tests/support/change-counter.ts); `last`: the count after the previous payload */
  let changeCount: () => Promise<string>;
  let last: string | null = null;
  const stats = {
    runs: 0,
    accepted: 0,
    rejected: 0,
    acceptedVia: { action: 0, endpoint: 0 },
    rejectedVia: { action: 0, endpoint: 0 },
    byLabel: new Map<string, number>(),
  };

  beforeAll(async () => {
    const db = world();
    actors = { chair: await actorFor(db, "chair@example.org"), lm: await actorFor(db, "lm-3gpp@example.org") };
    const ad = await actorFor(db, "ad@example.org");
    const g = async (a: string) => groupId(db, a);
    const [quic, sa2, sa, httpbis, itu] = [
      await g("quic"),
      await g("3gpp-tsgsa-sa2"),
      await g("3gpp-tsg-sa"),
      await g("httpbis"),
      await g("itu-t-sg15"),
    ];
    const draftBy = async (actor: Actor, overrides: Record<string, string> = {}) => {
      const input = statementFormSchema.parse({
        direction: "outgoing",
        from: String(httpbis),
        to: String(itu),
        fromContact: "ad@example.org",
        toContact: "sg15@example.net",
        title: "Someone else's statement",
        purpose: "information",
        body: "Private draft.",
        ...overrides,
      });
      return saveStatement({ actor, input });
    };
    const othersDraft = await draftBy(ad);
    const othersPending = await draftBy(ad, { intent: "submit" });
    await world().prisma.statement.update({ where: { id: othersPending }, data: { state: "pending" } });
    const ownDraft = await draftBy(actors.chair, { from: String(quic), title: "The chair's own draft" });
    const posted = await db.prisma.statement.findFirstOrThrow({
      where: { state: "posted", submitterId: { not: actors.chair.personId } },
    });
    ids = {
      quic,
      sa2,
      sa,
      httpbis,
      itu,
      othersDraft,
      othersPending,
      postedByOthers: posted.id,
      ownDraft,
      ownDraftVersion: 1,
    };
    changeCount = await installChangeCounter(db);
  });

  afterAll(() => {
    const applied = [...stats.byLabel.values()].reduce((a, b) => a + b, 0);
    console.log(
      `[hostile-input] ${testEngine}: numRuns=${FUZZ_RUNS} seed=${FUZZ_SEED} payloads=${stats.runs} accepted=${stats.accepted} rejected=${stats.rejected} (server action: ${stats.acceptedVia.action}/${stats.rejectedVia.action}, upload endpoint: ${stats.acceptedVia.endpoint}/${stats.rejectedVia.endpoint}) mutations applied=${applied} (${stats.byLabel.size} distinct)`,
    );
  });

  it(`${FUZZ_RUNS} generated payloads: a FormState each, nothing half-saved, a field error for every rejection`, async () => {
    const payloadArb = fc.tuple(base, fc.uniqueArray(mutationArb, { maxLength: 3, selector: (x) => x.slot }));
    await fc.assert(
      fc.asyncProperty(payloadArb, async ([b, generated]) => {
        let muts = generated;
        stats.runs++;
        const role = b.role as Role;
        session.actor = actors[role];
        const payload = validPayload(b, ids);
        muts = muts.filter((x) => !x.role || x.role === role);
        for (const mutation of muts) {
          mutation.apply(payload, ids, role);
          stats.byLabel.set(mutation.label, (stats.byLabel.get(mutation.label) ?? 0) + 1);
        }
        const before = last ?? (await changeCount());
        const result = await (b.channel === "action" ? viaAction : viaEndpoint)(toFormData(payload));
        const after = await changeCount();
        last = after;
        const context = `${b.channel} as ${role}, mutations: ${muts.map((x) => x.label).join("; ") || "(none)"}\nresult: ${JSON.stringify(result).slice(0, 600)}`;

        expect(result, context).toBeTypeOf("object");
        expect(result.code, context).not.toBe("INTERNAL");
        if (muts.length === 0) {
          expect(result.status, context).toBe("success");
        }
        if (result.status === "success") {
          stats.accepted++;
          expect(muts, `accepted despite ${context}`).toEqual([]);
          const id = Number(/^\/statements\/(\d+)$/.exec(result.redirectTo ?? "")?.[1]);
          expect(id, context).toBeGreaterThan(0);
          await expectStoredExactly(id, payload, actors[role].personId, b.channel);
          stats.acceptedVia[b.channel]++;
          return;
        }
        stats.rejected++;
        stats.rejectedVia[b.channel]++;
        expect(result.status, context).toBe("error");
        expect(after, `a rejected payload changed the database\n${context}`).toBe(before);
        expect(result.message ?? "", context).toMatch(HUMAN);
        const schemaStage = muts.filter((x) => x.stage === "schema");
        const fieldErrors = result.fieldErrors ?? {};
        for (const [field, message] of Object.entries(fieldErrors)) {
          expect(FORM_FIELDS.has(field), `unknown field ${field}\n${context}`).toBe(true);
          expect(message, context).toMatch(HUMAN);
          expect(message, context).not.toMatch(/^Invalid input|expected .*, received/i);
        }
        if (schemaStage.length) {
          expect(result.code, context).toBe("VALIDATION");
          for (const x of schemaStage) expect(Object.keys(fieldErrors), context).toContain(x.field);
        } else {
          // The use-case stops at the first problem: it must be one of those introduced.
          const fields = muts.flatMap((x) => (x.field ? [x.field] : []));
          const refusals = muts.flatMap((x) => (x.refusal ? [x.refusal] : []));
          const named = Object.keys(fieldErrors).some((f) => fields.includes(f));
          expect(named || refusals.includes(result.code ?? ""), context).toBe(true);
        }
      }),
      { seed: FUZZ_SEED, numRuns: FUZZ_RUNS, endOnFailure: true },
    );
    expect(stats.accepted).toBeGreaterThan(50);
    expect(stats.rejected).toBeGreaterThan(500);
  }, 300_000);
});
