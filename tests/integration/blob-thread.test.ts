/**
 * Issue 13 item 4 (ADR 033): on PostgreSQL the attachment store inserted a 25 MB upload's chunks from the
 * server's main thread — the thread that renders every page — through its own pool: node-pg serialising 25 MB
 * of parameters, ~100 ms of that thread per upload. The chunk inserts now run in the upload thread on a
 * connection of its own; the guarantees of ADR 012 stay: a blob commits with all its chunks, before the
 * metadata that names it, or not at all, and every staged file is consumed whatever happens.
 *
 * node-pg's `Client.prototype.query` is wrapped here to record every statement of this thread that carries
 * more than 64 KB of bytes; the upload thread loads its own copy of pg, which the wrapper does not see.
 */
import { createHash, randomBytes } from "node:crypto";
import { existsSync, readFileSync, rmSync, truncateSync } from "node:fs";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { stageStream } from "@/server/attachments/staging";
import { stopUploadThread } from "@/server/http/multipart-thread";
import { storedBytes } from "../support/attachments";
import { testEngine, useTestDatabase } from "../support/test-database";

const MiB = 1024 * 1024;
const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** Statements this thread sent with a parameter of more than 64 KB of bytes. */
const heavy: string[] = [];
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  const params = Array.isArray(args[1]) ? args[1] : [];
  const bytes = params.reduce<number>((sum, p) => sum + (p instanceof Uint8Array ? p.byteLength : 0), 0);
  if (bytes > 64 * 1024) heavy.push(String(typeof args[0] === "string" ? args[0] : "(config)").slice(0, 60));
  return (query as (...a: unknown[]) => unknown).apply(this, args);
} as typeof query;
afterAll(async () => {
  pg.Client.prototype.query = query;
  await stopUploadThread();
});

// biome-ignore lint/correctness/useHookAtTopLevel: a vitest helper named like a hook, not a React hook
const db = useTestDatabase();

describe.skipIf(testEngine !== "postgres")("PostgreSQL: attachment chunks are inserted off the main thread", () => {
  it("a 3 MiB blob and a small one: stored whole, no statement of the main thread carried their bytes", async () => {
    const store = db().attachments;
    const big = randomBytes(3 * MiB + 17);
    const small = randomBytes(2000);
    const staged = [await stageStream(store.stagingDir, [big]), await stageStream(store.stagingDir, [small])];
    heavy.length = 0;
    await store.putMany(staged);
    expect(heavy).toEqual([]);
    expect(sha(await storedBytes(db(), sha(big)))).toBe(sha(big));
    expect(sha(await storedBytes(db(), sha(small)))).toBe(sha(small));
    for (const s of staged) expect(existsSync(s.path)).toBe(false);
    const [row] = await db().sql.query<{ chunks: number }>(
      `SELECT count(*)::int AS chunks FROM "AttachmentChunk" WHERE "sha256" = $1`,
      [sha(big)],
    );
    expect(row?.chunks).toBe(4);
  });

  it("the text extraction's copy: the upload thread writes the stored bytes to a temporary file", async () => {
    const store = db().attachments;
    const bytes = randomBytes(2 * MiB + 5);
    await store.put(await stageStream(store.stagingDir, [bytes]));
    const file = await store.temporaryFile?.(sha(bytes));
    expect(file).toBeTruthy();
    expect(sha(readFileSync(file!))).toBe(sha(bytes));
    rmSync(file!);
    expect(await store.temporaryFile?.("0".repeat(64))).toBeNull();
  });

  it("a batch the thread cannot store (a staged file cut short) fails with its reason and stores nothing", async () => {
    const store = db().attachments;
    const good = randomBytes(1.5 * MiB);
    const bad = randomBytes(2 * MiB);
    const staged = [await stageStream(store.stagingDir, [good]), await stageStream(store.stagingDir, [bad])];
    truncateSync(staged[1]!.path, 1000);
    await expect(store.putMany(staged)).rejects.toThrow(/shorter/);
    expect(await store.open(sha(good))).toBeNull();
    expect(await store.open(sha(bad))).toBeNull();
    for (const s of staged) expect(existsSync(s.path)).toBe(false);
  });

  it("the thread ending mid-store: the put either stored the whole blob or fails and leaves nothing", async () => {
    const store = db().attachments;
    const outcomes = new Set<string>();
    for (const delay of [0, 5, 20, 60, 150, 400]) {
      const bytes = randomBytes(12 * MiB);
      const staged = await stageStream(store.stagingDir, [bytes]);
      const put = store.putMany([staged]).then(
        () => "stored",
        (error: Error) => `failed: ${error.message}`,
      );
      await new Promise((resolve) => setTimeout(resolve, delay));
      await stopUploadThread();
      const outcome = await put;
      outcomes.add(outcome.startsWith("failed") ? "failed" : "stored");
      if (outcome === "stored") expect(sha(await storedBytes(db(), sha(bytes)))).toBe(sha(bytes));
      else {
        expect(outcome).toMatch(/upload thread/);
        expect(await store.open(sha(bytes))).toBeNull();
      }
      expect(existsSync(staged.path)).toBe(false);
    }
    // The next store starts a new thread.
    const after = randomBytes(1000);
    await store.putMany([await stageStream(store.stagingDir, [after])]);
    expect(sha(await storedBytes(db(), sha(after)))).toBe(sha(after));
    expect(outcomes.has("failed")).toBe(true);
  });
});
