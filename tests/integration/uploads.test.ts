/**
 * Issue #8 item 4 — uploads. Hostile attachments through the statement form's handler (the pipeline of the
 * server action and of the upload endpoint, which is exercised too) and downloads through the attachment
 * route's GET handler, with the session mocked:
 *  - over-size, zero-byte, unaccepted types, text posted as a file: a field error naming the file, nothing saved;
 *  - forged declared types: the stored and served type follows the extension table, never the browser's claim;
 *  - path traversal, CR/LF, NUL, bidi overrides, very long names: stored as a safe last path segment;
 *  - 50 files at once: all stored, or none when one of them is refused;
 *  - downloads: `attachment` (PDF `inline`) + nosniff + sandbox CSP, and 404 for statements the requester
 *    cannot see (draft/pending for anonymous and for an unrelated signed-in user), removed attachments and
 *    attachments addressed through another statement.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { FormState } from "@/lib/form-state";
import type { Actor } from "@/server/authz/types";
import { storedBytes } from "../support/attachments";
import { actorFor, groupId, setupDemoWorld } from "../support/demo-world";
import { testEngine } from "../support/test-database";

const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/server/auth/actor", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/server/auth/actor")>()),
  currentActor: async () => session.actor,
}));
vi.mock("next/headers", () => ({ headers: async () => new Headers() }));

const { handleSaveStatement } = await import("@/actions/statement-form");
const { POST: uploadRoute } = await import("@/app/statements/save/route");
const { GET: download } = await import("@/app/statements/[id]/attachments/[attachmentId]/route");
const { removeAttachment } = await import("@/server/statements/remove-attachment");
const { env } = await import("@/env");

const world = setupDemoWorld();
const MB = 1024 * 1024;

let chair: Actor;
let unrelated: Actor;
let secretariat: Actor;
let ad: Actor;
let quic: number;
let sa2: number;

beforeAll(async () => {
  const db = world();
  chair = await actorFor(db, "chair@example.org");
  unrelated = await actorFor(db, "lm-itu@example.org");
  secretariat = await actorFor(db, "secretariat@example.org");
  ad = await actorFor(db, "ad@example.org");
  quic = await groupId(db, "quic");
  sa2 = await groupId(db, "3gpp-tsgsa-sa2");
});

function form(files: File[], titles: string[] = [], extra: Record<string, string> = {}): FormData {
  const data = new FormData();
  const fields: Record<string, string> = {
    direction: "outgoing",
    intent: "save",
    from: String(quic),
    to: String(sa2),
    fromContact: "Quentin Hale <chair@example.org>",
    toContact: "SA2 <sa2-chair@example.net>",
    title: "LS with hostile attachments",
    purpose: "information",
    body: "See the attachments.",
    ...extra,
  };
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  for (const f of files) data.append("attachments", f);
  for (const t of titles) data.append("attachmentTitles", t);
  return data;
}

async function save(files: File[], titles: string[] = [], extra: Record<string, string> = {}): Promise<FormState> {
  session.actor = chair;
  return handleSaveStatement(form(files, titles, extra));
}

const idOf = (state: FormState) => Number(/^\/statements\/(\d+)$/.exec(state.redirectTo ?? "")?.[1]);

async function counts() {
  const db = world().prisma;
  return {
    statements: await db.statement.count(),
    attachments: await db.attachment.count(),
    events: await db.statementEvent.count(),
    mail: await db.mail.count(),
  };
}

/** Refused with a field error on `attachments` that names the file; nothing at all written. */
async function expectRefused(files: File[], message: RegExp, titles: string[] = []) {
  const before = await counts();
  const state = await save(files, titles);
  expect(state.status).toBe("error");
  expect(state.code).toBe("VALIDATION");
  expect(state.fieldErrors?.attachments).toMatch(message);
  expect(await counts()).toEqual(before);
  return state;
}

async function fetchAttachment(statementId: number | string, attachmentId: number | string, actor: Actor | null) {
  session.actor = actor;
  return download(new Request(`http://localhost:3000/statements/${statementId}/attachments/${attachmentId}`), {
    params: Promise.resolve({ id: String(statementId), attachmentId: String(attachmentId) }),
  });
}

async function attachmentsOf(id: number) {
  return world().prisma.attachment.findMany({ where: { statementId: id }, orderBy: { id: "asc" } });
}

describe(`uploads: refused files change nothing (${testEngine})`, () => {
  it("refuses a file over 25 MB by name, through the handler and through the upload endpoint", async () => {
    const big = new File([new Uint8Array(25 * MB + 1)], "annex-26.pdf", { type: "application/pdf" });
    await expectRefused([big], /"annex-26\.pdf" is larger than 25 MB/);
    await expectRefused([new File(["ok"], "small.txt"), big], /"annex-26\.pdf" is larger than 25 MB/);

    // The endpoint the browser uses for progress answers the same FormState (and checks the origin first).
    const before = await counts();
    session.actor = chair;
    const origin = env().appUrl;
    const response = await uploadRoute(
      new Request(`${origin}/statements/save`, { method: "POST", headers: { origin }, body: form([big]) }),
    );
    expect(response.status).toBe(200);
    const state = (await response.json()) as FormState;
    expect(state.code).toBe("VALIDATION");
    expect(state.fieldErrors?.attachments).toMatch(/"annex-26\.pdf" is larger than 25 MB/);
    const crossSite = await uploadRoute(
      new Request(`${origin}/statements/save`, {
        method: "POST",
        headers: { origin: "https://evil.example" },
        body: form([new File(["x"], "a.txt")]),
      }),
    );
    expect(crossSite.status).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it("the upload endpoint reads no body for a signed-out caller, and refuses more than 110 MB in total, declared or streamed", async () => {
    const origin = env().appUrl;
    const before = await counts();
    session.actor = null;
    const anonymous = new Request(`${origin}/statements/save`, {
      method: "POST",
      headers: { origin },
      body: form([new File(["x"], "a.txt")]),
    });
    expect((await uploadRoute(anonymous)).status).toBe(401);
    expect(anonymous.bodyUsed).toBe(false);

    session.actor = chair;
    const declared = new Request(`${origin}/statements/save`, {
      method: "POST",
      headers: { origin, "content-type": "multipart/form-data; boundary=x", "content-length": String(110 * MB + 1) },
      body: "--x--",
    });
    const refused = await uploadRoute(declared);
    expect(refused.status).toBe(413);
    expect(declared.bodyUsed).toBe(false);
    const state = (await refused.json()) as FormState;
    expect(state.fieldErrors?.attachments).toMatch(/larger than 110 MB in total/);

    // No Content-Length (chunked): counted as it arrives, refused once past the limit, never buffered whole.
    let sent = 0;
    const chunk = new Uint8Array(MB).fill(0x41);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0)
          controller.enqueue(new TextEncoder().encode('--x\r\nContent-Disposition: form-data; name="body"\r\n\r\n'));
        sent += MB;
        if (sent > 200 * MB) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const chunked = new Request(`${origin}/statements/save`, {
      method: "POST",
      headers: { origin, "content-type": "multipart/form-data; boundary=x" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    const streamed = await uploadRoute(chunked);
    expect(streamed.status).toBe(413);
    expect(sent).toBeLessThan(120 * MB);
    expect(await counts()).toEqual(before);
  });

  it("lets a file of exactly 25 MB through the form (the limit is inclusive)", async () => {
    // (Validated, not stored: writing 25 MB into in-memory PGlite takes ~20 s; e2e uploads 12 MB for real.)
    const { statementFormSchema } = await import("@/server/statements/schema");
    const parsed = statementFormSchema.safeParse({
      direction: "outgoing",
      from: "1",
      to: "2",
      fromContact: "a@example.org",
      toContact: "b@example.org",
      title: "t",
      purpose: "information",
      attachments: new File([new Uint8Array(25 * MB)], "exactly-25.pdf"),
    });
    expect(parsed.error?.issues ?? []).toEqual([]);
  });

  it("refuses a zero-byte file by name", async () => {
    await expectRefused([new File([], "empty.txt", { type: "text/plain" })], /"empty\.txt" is empty/);
  });

  it("refuses types outside the list whatever the browser declares: svg, exe, no extension", async () => {
    await expectRefused(
      [new File(["<svg onload=alert(1)></svg>"], "drawing.svg", { type: "image/svg+xml" })],
      /"drawing\.svg" is not a PDF/,
    );
    await expectRefused(
      [new File(["MZ"], "report.pdf.exe", { type: "application/pdf" })],
      /"report\.pdf\.exe" is not a PDF/,
    );
    await expectRefused(
      [new File(["root:x:0:0"], "../../etc/passwd", { type: "text/plain" })],
      /"passwd" is not a PDF/,
    );
  });

  it("refuses text posted where a file belongs (a form sent without multipart), instead of dropping it", async () => {
    const data = form([]);
    data.set("body", "");
    data.append("attachments", "C:\\fakepath\\annex.pdf");
    const before = await counts();
    session.actor = chair;
    const state = await handleSaveStatement(data);
    expect(state.fieldErrors?.attachments).toMatch(/arrived as text, not as a file/);
    expect(await counts()).toEqual(before);
  });

  it("saves nothing of 50 files when the last one is refused", async () => {
    const files = Array.from({ length: 49 }, (_, i) => new File([`annex ${i}`], `annex-${i}.txt`));
    await expectRefused([...files, new File(["x"], "payload.html.exe")], /"payload\.html\.exe" is not a PDF/);
  });
});

describe(`uploads: stored safely (${testEngine})`, () => {
  it("stores 50 files in one submission, each with its own bytes, hash and event", async () => {
    const files = Array.from(
      { length: 50 },
      (_, i) => new File([`annex number ${i}\n`], `annex-${String(i).padStart(2, "0")}.txt`),
    );
    const state = await save(
      files,
      files.map((_, i) => `Annex ${i}`),
    );
    expect(state.status).toBe("success");
    const id = idOf(state);
    const stored = await attachmentsOf(id);
    expect(stored).toHaveLength(50);
    expect(stored.map((a) => a.filename)).toEqual(files.map((f) => f.name));
    const texts = await Promise.all(stored.map(async (a) => (await storedBytes(world(), a.sha256)).toString()));
    expect(texts).toEqual(files.map((_, i) => `annex number ${i}\n`));
    expect(await world().prisma.statementEvent.count({ where: { statementId: id, type: "attachment_added" } })).toBe(
      50,
    );
  });

  it("stores four attachments with as many statements as one: their rows and events are one statement", async () => {
    // (Issue 13 item 4: on the embedded database every statement of the save runs on the thread that renders
    // the pages, inside the transaction that holds the one connection; two per attachment added up.)
    const { withQueryCount } = await import("@/server/db/query-count");
    const statements = (files: File[]) =>
      withQueryCount(async (tally) => {
        const state = await save(
          files,
          files.map((_, i) => `Part ${i}`),
        );
        expect(state.status).toBe("success");
        return { id: idOf(state), count: tally.queries };
      });
    await statements([new File(["warm-up\n"], "warm.txt")]);
    const one = await statements([new File(["only\n"], "only.txt")]);
    const four = await statements([0, 1, 2, 3].map((i) => new File([`part ${i}\n`], `part-${i}.txt`)));
    expect(four.count).toBe(one.count);
    const stored = await attachmentsOf(four.id);
    expect(stored.map((a) => [a.title, a.filename, a.uploadedById])).toEqual(
      [0, 1, 2, 3].map((i) => [`Part ${i}`, `part-${i}.txt`, chair.personId]),
    );
    const texts = await Promise.all(stored.map(async (a) => (await storedBytes(world(), a.sha256)).toString()));
    expect(texts).toEqual([0, 1, 2, 3].map((i) => `part ${i}\n`));
    const events = await world().prisma.statementEvent.findMany({
      where: { statementId: four.id },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
    expect(events.map((e) => [e.type, e.text, e.actorId, e.isPublic])).toEqual([
      ["created", "Created as draft", chair.personId, false],
      ...[0, 1, 2, 3].map((i) => ["attachment_added", `Attached "Part ${i}" (part-${i}.txt)`, chair.personId, false]),
    ]);
  });

  // name as uploaded → name stored (expected values written out by hand, not computed by the sanitizer)
  const NAMES: [string, string][] = [
    ["../../etc/passwd.txt", "passwd.txt"],
    ["..\\..\\Windows\\win.ini.txt", "win.ini.txt"],
    ["/absolute/path/notes.txt", "notes.txt"],
    ["...hidden.txt", "hidden.txt"],
    ["evil\r\nContent-Type: text/html\r\n\r\n<script>.txt", "htmlscript.txt"], // ("/" starts a new segment)
    ["nul\u0000byte.txt", "nulbyte.txt"],
    ["invoice\u202Efdp.txt", "invoicefdp.txt"],
    ["\u2066isolate\u2069 and \u200Fmarks\u200E.txt", "isolate and marks.txt"],
    ['quote"semicolon;star*.txt', "quotesemicolonstar.txt"],
    ["C1\u0085control\u009b.txt", "C1control.txt"],
    [`${"a".repeat(1000)}.pdf`, `${"a".repeat(196)}.pdf`],
    [`x${"🚀".repeat(300)}.txt`, `${"🚀".repeat(196)}.txt`],
    ["Résumé ü.txt", "Résumé ü.txt"],
  ];

  it(`stores ${NAMES.length} hostile names as safe last path segments`, async () => {
    const files = NAMES.map(([name]) => new File(["content\n"], name, { type: "text/html" }));
    const state = await save(files);
    expect(state.status, JSON.stringify(state.fieldErrors)).toBe("success");
    const stored = await attachmentsOf(idOf(state));
    expect(stored.map((a) => a.filename)).toEqual(NAMES.map(([, safe]) => safe));
    for (const a of stored) {
      // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting there are none
      expect(a.filename).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069/\\"]|\uFFFD/);
      expect(a.filename.startsWith(".")).toBe(false);
      expect(Array.from(a.filename).length).toBeLessThanOrEqual(200);
    }
  });

  // declared type ignored; stored & served type from the extension; PDF inline, everything else attachment
  const FORGED: [string, string, string, "inline" | "attachment"][] = [
    ["statement.pdf", "text/html", "application/pdf", "inline"],
    ["page.html", "application/pdf", "text/html; charset=utf-8", "attachment"],
    ["page.HTM", "text/plain", "text/html; charset=utf-8", "attachment"],
    ["notes.txt", "text/html", "text/plain; charset=utf-8", "attachment"],
    ["sheet.xlsx", "text/html", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "attachment"],
    ["archive.zip", "application/x-msdownload", "application/zip", "attachment"],
    ["UPPER.PDF", "", "application/pdf", "inline"],
  ];

  it(`stores and serves ${FORGED.length} forged declared types by extension, never sniffable`, async () => {
    const html = "<!doctype html><script>window.pwned=1</script><h1>hi</h1>";
    const files = FORGED.map(([name, declared]) => new File([html], name, { type: declared }));
    const state = await save(files, [], { intent: "submit" });
    expect(state.status).toBe("success");
    const id = idOf(state);
    const stored = await attachmentsOf(id);
    expect(stored.map((a) => a.contentType)).toEqual(FORGED.map(([, , type]) => type));
    for (const [i, a] of stored.entries()) {
      const [name, , type, disposition] = FORGED[i]!;
      const response = await fetchAttachment(id, a.id, chair);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe(type);
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
      expect(response.headers.get("content-disposition")).toBe(
        `${disposition}; filename="${name}"; filename*=UTF-8''${name}`,
      );
      expect(await response.text()).toBe(html);
    }
  });

  it("serves hostile names in a Content-Disposition that cannot break out of its header", async () => {
    const state = await save([
      new File(["x"], 'a"; filename=evil.html\r\nX-Injected: 1\u202E.txt'),
      new File(["y"], "naïve 🚀 report.pdf"),
    ]);
    const id = idOf(state);
    const [first, second] = await attachmentsOf(id);
    const headerOf = async (attachmentId: number) => (await fetchAttachment(id, attachmentId, chair)).headers;
    const h1 = await headerOf(first!.id);
    expect(h1.get("content-disposition")).toBe(
      `attachment; filename="a filename=evil.htmlX-Injected 1.txt"; filename*=UTF-8''a%20filename%3Devil.htmlX-Injected%201.txt`,
    );
    expect([...h1.keys()]).not.toContain("x-injected");
    const h2 = await headerOf(second!.id);
    expect(h2.get("content-disposition")).toBe(
      `inline; filename="na_ve __ report.pdf"; filename*=UTF-8''na%C3%AFve%20%F0%9F%9A%80%20report.pdf`,
    );
  });
});

describe(`downloads: only for those who may see the statement (${testEngine})`, () => {
  // who → expected status, for a draft, a pending and a posted statement (written out, not derived from policy)
  const EXPECTED: Record<string, { draft: number; pending: number; posted: number }> = {
    anonymous: { draft: 404, pending: 404, posted: 200 },
    "unrelated signed-in user (lm-itu)": { draft: 404, pending: 404, posted: 200 },
    "submitter (QUIC chair)": { draft: 200, pending: 200, posted: 200 },
    // docs/domain.md: "Draft and pending ones are visible to the submitter, the approvers, coordinators, Secretariat and LMs"
    "approving AD": { draft: 200, pending: 200, posted: 200 },
    secretariat: { draft: 200, pending: 200, posted: 200 },
  };

  it("answers 404 for draft and pending statements to anonymous and unrelated users, 200 to those who may see them", async () => {
    const make = async (intent: string) => {
      const state = await save([new File(["%PDF-1.7 secret"], `${intent}.pdf`)], [], {
        intent,
        title: `Visibility ${intent}`,
      });
      const id = idOf(state);
      const [attachment] = await attachmentsOf(id);
      return { id, attachmentId: attachment!.id };
    };
    const draft = await make("save");
    const pending = await make("submit");
    const posted = await make("submit");
    await world().prisma.statement.update({
      where: { id: posted.id },
      data: { state: "posted", postedAt: new Date() },
    });
    const who: Record<string, Actor | null> = {
      anonymous: null,
      "unrelated signed-in user (lm-itu)": unrelated,
      "submitter (QUIC chair)": chair,
      "approving AD": ad,
      secretariat,
    };
    const actual: typeof EXPECTED = {};
    for (const [label, actor] of Object.entries(who)) {
      const status = async (s: { id: number; attachmentId: number }) =>
        (await fetchAttachment(s.id, s.attachmentId, actor)).status;
      actual[label] = { draft: await status(draft), pending: await status(pending), posted: await status(posted) };
    }
    expect(actual).toEqual(EXPECTED);
    // A 404 gives nothing away.
    const refused = await fetchAttachment(draft.id, draft.attachmentId, null);
    expect(await refused.text()).toBe("Not found");
  });

  it("answers 404 for a removed attachment, one addressed through another statement, and malformed ids", async () => {
    const a = idOf(await save([new File(["one"], "one.txt"), new File(["two"], "two.txt")], [], { intent: "submit" }));
    const b = idOf(await save([new File(["three"], "three.txt")], [], { intent: "submit" }));
    await world().prisma.statement.updateMany({
      where: { id: { in: [a, b] } },
      data: { state: "posted", postedAt: new Date() },
    });
    const [one, two] = await attachmentsOf(a);
    const [three] = await attachmentsOf(b);
    expect((await fetchAttachment(a, one!.id, null)).status).toBe(200);
    await removeAttachment({ actor: secretariat, id: a, attachmentId: one!.id });
    expect((await fetchAttachment(a, one!.id, null)).status).toBe(404);
    expect((await fetchAttachment(a, one!.id, secretariat)).status).toBe(404);
    expect((await fetchAttachment(a, two!.id, null)).status).toBe(200);
    expect((await fetchAttachment(a, three!.id, null)).status).toBe(404);
    for (const [sid, aid] of [
      ["abc", two!.id],
      [a, "-1"],
      [a, "0"],
      ["99999999999", two!.id],
      [a, "2147483648"],
      ["2147483648", "2147483648"],
    ] as const) {
      expect((await fetchAttachment(sid, aid, secretariat)).status, `${sid}/${aid}`).toBe(404);
    }
    // (Ids beyond PostgreSQL's integer used to reach the query and answer 500; the same guard serves the API.)
    const { GET: apiStatement } = await import("@/app/api/v1/statements/[id]/route");
    const api = await apiStatement(new Request("http://localhost:3000/api/v1/statements/9999999999"), {
      params: Promise.resolve({ id: "9999999999" }),
    });
    expect(api.status).toBe(404);
  });
});
