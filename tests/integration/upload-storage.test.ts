/**
 * Issue #13 item 4 — one upload stalled the whole application. These check the mechanics that fix it (the
 * figures come from `npm run bench:uploads`, never from a timed test):
 *  - the upload endpoint streams each file to a temporary file while the body arrives (it does not hold the
 *    request in memory until the end);
 *  - a 25 MB attachment is stored outside its metadata row (content-addressed: files under DATA_DIR on the
 *    embedded database, chunks in PostgreSQL), once per distinct content, and no temporary file is left;
 *  - downloads are streamed in bounded chunks, byte-identical, with the same headers;
 *  - a per-person daily upload budget (UPLOAD_DAILY_LIMIT_MB) refuses an upload over it with a clear message,
 *    and nothing of that submission is saved.
 */
import { createHash, randomBytes } from "node:crypto";
import { readdirSync } from "node:fs";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { FormState } from "@/lib/form-state";
import type { Actor } from "@/server/authz/types";
import { storedBytes } from "../support/attachments";
import { actorFor, groupId, setupDemoWorld } from "../support/demo-world";
import { createTestDatabase, testEngine } from "../support/test-database";

// Three 25 MB uploads fit, a fourth does not (set before env() is first parsed).
process.env.UPLOAD_DAILY_LIMIT_MB = "80";

const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/server/auth/actor", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/server/auth/actor")>()),
  currentActor: async () => session.actor,
}));
vi.mock("next/headers", () => ({ headers: async () => new Headers() }));

const { POST: uploadRoute } = await import("@/app/statements/save/route");
const { GET: download } = await import("@/app/statements/[id]/attachments/[attachmentId]/route");
const { env } = await import("@/env");
const { migrate, readMigrations } = await import("@/server/db/migrate");

const world = setupDemoWorld();
const MB = 1024 * 1024;
let chair: Actor;
let secretariat: Actor;
let quic: number;
let sa2: number;

beforeAll(async () => {
  const db = world();
  chair = await actorFor(db, "chair@example.org");
  secretariat = await actorFor(db, "secretariat@example.org");
  quic = await groupId(db, "quic");
  sa2 = await groupId(db, "3gpp-tsgsa-sa2");
});

const BOUNDARY = "----liaison-test-boundary";

/** The multipart body of a statement form with one file, as a browser would send it. */
function multipartParts(title: string, file: { name: string; bytes: Uint8Array }) {
  const fields: Record<string, string> = {
    direction: "outgoing",
    intent: "save",
    from: String(quic),
    to: String(sa2),
    fromContact: "Quentin Hale <chair@example.org>",
    toContact: "SA2 <sa2-chair@example.net>",
    title,
    purpose: "information",
    body: "See the attachment.",
  };
  let head = "";
  for (const [k, v] of Object.entries(fields))
    head += `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`;
  head += `--${BOUNDARY}\r\nContent-Disposition: form-data; name="attachments"; filename="${file.name}"\r\nContent-Type: application/pdf\r\n\r\n`;
  return { head: Buffer.from(head), bytes: file.bytes, tail: Buffer.from(`\r\n--${BOUNDARY}--\r\n`) };
}

function uploadRequest(body: BodyInit | ReadableStream<Uint8Array>) {
  const origin = env().appUrl;
  return new Request(`${origin}/statements/save`, {
    method: "POST",
    headers: { origin, "content-type": `multipart/form-data; boundary=${BOUNDARY}` },
    body,
    duplex: "half",
  } as RequestInit);
}

async function upload(title: string, bytes: Uint8Array, name = "annex.pdf"): Promise<FormState> {
  session.actor = chair;
  const { head, tail } = multipartParts(title, { name, bytes });
  const response = await uploadRoute(uploadRequest(Buffer.concat([head, bytes, tail])));
  return (await response.json()) as FormState;
}

const idOf = (state: FormState) => Number(/^\/statements\/(\d+)$/.exec(state.redirectTo ?? "")?.[1]);
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

async function fetchAttachment(statementId: number, attachmentId: number, actor: Actor | null) {
  session.actor = actor;
  return download(new Request(`http://localhost:3000/statements/${statementId}/attachments/${attachmentId}`), {
    params: Promise.resolve({ id: String(statementId), attachmentId: String(attachmentId) }),
  });
}

describe(`upload storage (${testEngine})`, () => {
  const big = randomBytes(25 * MB);

  it("streams the file to a temporary file while the request body is still arriving", async () => {
    const { head, tail } = multipartParts("Streamed while it arrives", { name: "streamed.pdf", bytes: big });
    const stagingDir = world().attachments.stagingDir;
    const before = new Set(readdirSync(stagingDir));
    const staged = () => readdirSync(stagingDir).filter((f) => !before.has(f));
    let release!: () => void;
    const halfway = new Promise<void>((resolve) => {
      release = resolve;
    });
    let sentHalf!: () => void;
    const reachedHalf = new Promise<void>((resolve) => {
      sentHalf = resolve;
    });
    const half = 12 * MB;
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(head);
        for (let at = 0; at < half; at += MB) controller.enqueue(big.subarray(at, at + MB));
        sentHalf();
        await halfway; // the client stalls mid-file
        for (let at = half; at < big.length; at += MB) controller.enqueue(big.subarray(at, at + MB));
        controller.enqueue(tail);
        controller.close();
      },
    });
    session.actor = chair;
    const answer = uploadRoute(uploadRequest(body));
    await reachedHalf;
    // While the client stalls, the first half is already on disk, not in memory.
    let onDisk = 0;
    for (let i = 0; i < 200 && onDisk < half / 2; i++) {
      await new Promise((r) => setTimeout(r, 25));
      onDisk = staged().length;
      if (onDisk) {
        const { statSync } = await import("node:fs");
        onDisk = staged().reduce((n, f) => n + statSync(`${stagingDir}/${f}`).size, 0);
      }
    }
    expect(onDisk, "bytes of the stalled upload already written to a temporary file").toBeGreaterThanOrEqual(half / 2);
    release();
    const state = (await (await answer).json()) as FormState;
    expect(state.status, JSON.stringify(state)).toBe("success");
    expect(staged(), "no temporary file left behind").toEqual([]);
  });

  it("stores 25 MB outside the metadata row, once per distinct content, and serves it back streamed", async () => {
    const db = world();
    const first = await upload("Big annex one", big, "big-one.pdf");
    expect(first.status, JSON.stringify(first)).toBe("success");
    const second = await upload("Big annex again", big, "big-two.pdf");
    expect(second.status, JSON.stringify(second)).toBe("success");

    // The metadata row carries no bytes.
    const columns = await db.sql.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'Attachment' AND table_schema = current_schema()`,
    );
    expect(columns.map((c) => c.column_name)).not.toContain("content");

    const rows = await db.prisma.attachment.findMany({ where: { statementId: { in: [idOf(first), idOf(second)] } } });
    expect(rows.map((r) => [r.size, r.sha256])).toEqual([
      [big.length, sha256(big)],
      [big.length, sha256(big)],
    ]);
    // Stored once: a file under DATA_DIR on the embedded database, one blob in PostgreSQL.
    if (db.engine === "pglite") {
      expect(
        readdirSync(db.attachments.directory!, { recursive: true }).filter((f) => String(f).endsWith(sha256(big))),
      ).toHaveLength(1);
    } else {
      const [blob] = await db.sql.query<{ n: number; bytes: number }>(
        `SELECT count(DISTINCT seq)::int AS n, sum(octet_length(data))::int AS bytes FROM "AttachmentChunk" WHERE sha256 = $1`,
        [sha256(big)],
      );
      expect(blob?.bytes).toBe(big.length);
    }

    // Downloaded in chunks of at most 1 MB, never as one 25 MB buffer; byte-identical; same headers.
    const response = await fetchAttachment(idOf(second), rows[1]!.id, chair);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-length")).toBe(String(big.length));
    expect(response.headers.get("content-disposition")).toBe(
      `inline; filename="big-two.pdf"; filename*=UTF-8''big-two.pdf`,
    );
    expect(response.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
    const hash = createHash("sha256");
    let largest = 0;
    let total = 0;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      largest = Math.max(largest, chunk.byteLength);
      total += chunk.byteLength;
      hash.update(chunk);
    }
    expect(total).toBe(big.length);
    expect(hash.digest("hex")).toBe(sha256(big));
    expect(largest, "largest chunk of the download").toBeLessThanOrEqual(MB);
  });

  it("refuses an upload over the person's daily budget with a clear message, saving nothing", async () => {
    const db = world().prisma;
    // (The three 25 MB uploads above count: 75 MB of 80 MB used today.)
    const before = { statements: await db.statement.count(), attachments: await db.attachment.count() };
    const over = await upload("Fourth big annex", randomBytes(25 * MB), "fourth.pdf");
    expect(over.status).toBe("error");
    expect(over.code).toBe("VALIDATION");
    expect(over.fieldErrors?.attachments).toMatch(/daily upload limit of 80 MB/);
    expect(over.fieldErrors?.attachments).toMatch(/5 MB left/);
    expect({ statements: await db.statement.count(), attachments: await db.attachment.count() }).toEqual(before);
    // What is left still fits.
    const fits = await upload("A small annex", randomBytes(4 * MB), "small.pdf");
    expect(fits.status, JSON.stringify(fits)).toBe("success");
    // Someone else's budget is their own.
    session.actor = secretariat;
    const { head, tail } = multipartParts("Secretariat's annex", {
      name: "other.pdf",
      bytes: Buffer.from("%PDF-1.7 small"),
    });
    const own = (await (
      await uploadRoute(uploadRequest(Buffer.concat([head, Buffer.from("%PDF-1.7 small"), tail])))
    ).json()) as FormState;
    expect(own.status, JSON.stringify(own)).not.toBe("error");
  });
});

describe(`attachments stored before ADR 012 (${testEngine})`, () => {
  it("are moved out of their rows by the migration, once per content, and still read back byte for byte", async () => {
    const db = await createTestDatabase({ migrated: false });
    try {
      await migrate(
        db.sql,
        readMigrations().filter((m) => m.name < "20261205110000"),
      );
      const [person] = await db.sql.query<{ id: number }>(
        `INSERT INTO "Person" ("name", "updatedAt") VALUES ('Legacy Uploader', now()) RETURNING id`,
      );
      const [statement] = await db.sql.query<{ id: number }>(
        `INSERT INTO "Statement" ("direction", "title", "purpose", "submitterId", "updatedAt", "state", "postedAt")
         VALUES ('outgoing', 'Legacy statement', 'information', $1, now(), 'posted', now()) RETURNING id`,
        [person!.id],
      );
      const large = randomBytes(2 * MB + 12_345); // three chunks
      const small = Buffer.from("%PDF-1.4 legacy annex");
      for (const [name, bytes] of [
        ["large.pdf", large],
        ["small.pdf", small],
        ["same-again.pdf", small],
      ] as const) {
        await db.sql.query(
          `INSERT INTO "Attachment" ("statementId", "title", "filename", "contentType", "size", "sha256", "content", "uploadedById")
           VALUES ($1, $2, $2, 'application/pdf', $3, $4, $5, $6)`,
          [statement!.id, name, bytes.length, sha256(bytes), bytes, person!.id],
        );
      }
      const { applied } = await migrate(db.sql);
      expect(applied).toContain("20261205110000_attachment_storage");
      const blobs = await db.sql.query<{ sha256: string; size: number; chunks: number }>(
        `SELECT b.sha256, b.size, count(c.seq)::int AS chunks FROM "AttachmentBlob" b JOIN "AttachmentChunk" c USING (sha256) GROUP BY b.sha256, b.size ORDER BY b.size`,
      );
      expect(blobs).toEqual([
        { sha256: sha256(small), size: small.length, chunks: 1 },
        { sha256: sha256(large), size: large.length, chunks: 3 },
      ]);
      expect((await storedBytes(db, sha256(large))).equals(large)).toBe(true);
      expect((await storedBytes(db, sha256(small))).equals(small)).toBe(true);
      // The start-up sweep: the embedded store turns them into files; PostgreSQL keeps them (they are used).
      const swept = await db.attachments.sweep();
      expect(swept.unreferenced).toBe(0);
      if (db.engine === "pglite") {
        expect(swept.exported).toBe(2);
        expect(await db.sql.query(`SELECT 1 FROM "AttachmentBlob"`)).toEqual([]);
      }
      expect((await storedBytes(db, sha256(large))).equals(large)).toBe(true);
      expect((await storedBytes(db, sha256(small))).equals(small)).toBe(true);
    } finally {
      await db.close();
    }
  });
});
