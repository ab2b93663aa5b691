/**
 * The attachment store's batch `putMany` (issue 17, import speed; ADR 012's guarantees kept): many staged
 * blobs stored at once — on PostgreSQL in one transaction of a few multi-row statements instead of one
 * transaction per file — content-addressed, chunked, deduplicated (within the batch and against what is
 * stored), every staged file consumed, and a failing batch leaves no blob of it visible.
 */
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, truncateSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { databaseStore } from "@/server/attachments/db-store";
import { stageStream } from "@/server/attachments/staging";
import type { AttachmentStore, StagedBlob } from "@/server/attachments/store";
import type { SqlRunner } from "@/server/db/connection";
import { storedBytes } from "../support/attachments";
import { testEngine, useTestDatabase } from "../support/test-database";

// biome-ignore lint/correctness/useHookAtTopLevel: a vitest helper named like a hook, not a React hook
const db = useTestDatabase();
const scratch = mkdtempSync(path.join(tmpdir(), "store-batch-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const MiB = 1024 * 1024;
const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const stage = (store: AttachmentStore, bytes: Uint8Array) => stageStream(store.stagingDir, [bytes]);

/** A runner that counts what it sends: statements and transactions. */
function counting(sql: SqlRunner) {
  const counts = { statements: 0, transactions: 0 };
  const runner: SqlRunner = {
    exec: async (text) => {
      counts.statements++;
      await sql.exec(text);
    },
    query: async (text, params) => {
      counts.statements++;
      return sql.query(text, params);
    },
    transaction: (fn) => {
      counts.transactions++;
      return sql.transaction((tx) =>
        fn({
          exec: async (text) => {
            counts.statements++;
            await tx.exec(text);
          },
          query: async (text, params) => {
            counts.statements++;
            return tx.query(text, params);
          },
        }),
      );
    },
  };
  return { runner, counts };
}

/** The PostgreSQL store's rows: blobs and chunks, of one content or of all. */
async function storedRows(sha256?: string): Promise<{ blobs: number; chunks: number }> {
  const only = sha256 ? `WHERE "sha256" = $1` : "";
  const [row] = await db().sql.query<{ blobs: number; chunks: number }>(
    `SELECT (SELECT count(*)::int FROM "AttachmentBlob" ${only}) AS blobs, (SELECT count(*)::int FROM "AttachmentChunk" ${only}) AS chunks`,
    sha256 ? [sha256] : [],
  );
  return row!;
}

describe(`attachment store: putMany (${testEngine})`, () => {
  it("stores a batch by content: small and multi-chunk blobs, duplicates once, already-stored ones kept", async () => {
    const store = db().attachments;
    // PostgreSQL's staging directory is shared by every app and test process on the machine (ADR 012; a killed
    // server's partial uploads wait there for the sweep): only what this test staged must be gone.
    mkdirSync(store.stagingDir, { recursive: true });
    const before = new Set(readdirSync(store.stagingDir));
    const known = randomBytes(300);
    await store.put(await stage(store, known));
    const blobs = [
      ...Array.from({ length: 40 }, (_, i) => randomBytes(100 + i)),
      randomBytes(2 * MiB + 123), // three chunks
      known,
    ];
    const staged: StagedBlob[] = [];
    for (const bytes of blobs) staged.push(await stage(store, bytes));
    staged.push(await stage(store, blobs[0]!)); // the same content twice in one batch
    await store.putMany(staged);
    for (const bytes of blobs) expect(sha(await storedBytes(db(), sha(bytes)))).toBe(sha(bytes));
    for (const s of staged) expect(existsSync(s.path)).toBe(false);
    expect(readdirSync(store.stagingDir).filter((name) => !before.has(name))).toEqual([]);
    if (db().engine === "postgres") {
      expect(await storedRows()).toEqual({ blobs: 42, chunks: 44 });
    }
  });

  it.skipIf(testEngine !== "postgres")(
    "PostgreSQL: a batch of 50 small files is one statement, atomic without a transaction around it",
    async () => {
      const { runner, counts } = counting(db().sql);
      const store = databaseStore(runner, path.join(scratch, "staging"));
      const staged: StagedBlob[] = [];
      for (let i = 0; i < 50; i++) staged.push(await stage(store, randomBytes(1000 + i)));
      await store.putMany(staged);
      expect(counts.transactions).toBe(0);
      expect(counts.statements).toBe(1);
      for (const s of staged) expect(sha(await storedBytes(db(), s.sha256))).toBe(s.sha256);
      // Again with one of them stored already and one new: still one statement, the stored one untouched.
      const again = [
        await stage(store, await storedBytes(db(), staged[0]!.sha256)),
        await stage(store, randomBytes(77)),
      ];
      const before = counts.statements;
      await store.putMany(again);
      expect(counts.statements - before).toBe(1);
      for (const s of again) expect(sha(await storedBytes(db(), s.sha256))).toBe(s.sha256);
    },
  );

  it("the same new bytes stored by four uploads at once: every put succeeds, the bytes are stored once and whole", async () => {
    const store = db().attachments;
    const bytes = randomBytes(2 * MiB + 17);
    const other = randomBytes(500);
    const batches = await Promise.all(
      Array.from({ length: 4 }, async (_, i) =>
        i % 2 === 0 ? [await stage(store, bytes)] : [await stage(store, other), await stage(store, bytes)],
      ),
    );
    await Promise.all(batches.map((batch) => store.putMany(batch)));
    expect(sha(await storedBytes(db(), sha(bytes)))).toBe(sha(bytes));
    expect(sha(await storedBytes(db(), sha(other)))).toBe(sha(other));
    if (db().engine === "postgres") {
      expect(await storedRows(sha(bytes))).toEqual({ blobs: 1, chunks: 3 });
    }
  });

  it.skipIf(testEngine !== "postgres")(
    "PostgreSQL: a batch over 8 MiB is one transaction of a few statements, each blob whole",
    async () => {
      const { runner, counts } = counting(db().sql);
      const store = databaseStore(runner, path.join(scratch, "staging"));
      const blobs = [randomBytes(9 * MiB + 5), randomBytes(3000)];
      const staged: StagedBlob[] = [];
      for (const bytes of blobs) staged.push(await stage(store, bytes));
      await store.putMany(staged);
      expect(counts.transactions).toBe(1);
      expect(counts.statements).toBeLessThanOrEqual(5);
      for (const bytes of blobs) expect(sha(await storedBytes(db(), sha(bytes)))).toBe(sha(bytes));
    },
  );

  it("a batch that fails (a staged file shorter than it claims) stores none of its blobs", async () => {
    const store = db().attachments;
    const good = randomBytes(500);
    const bad = randomBytes(5000);
    const staged = [await stage(store, good), await stage(store, bad)];
    truncateSync(staged[1]!.path, 10);
    await expect(store.putMany(staged)).rejects.toThrow(/shorter/);
    // Nothing of the batch is visible under its hash (the file store checks every file before it renames any).
    expect(await store.open(sha(good))).toBeNull();
    expect(await store.open(sha(bad))).toBeNull();
    for (const s of staged) expect(existsSync(s.path)).toBe(false);
  });
});
