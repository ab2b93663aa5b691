/**
 * Issue 13 item 4 ("a 25 MB attachment stored within 3× of the floor"): how a staged upload reaches the disk.
 *  - A file the store keeps (the embedded default's file store renames it into place) is flushed while it is written,
 *    one fdatasync in flight at a time, so the disk works while the rest arrives and the final fsync has only the tail
 *    left. Before, all 25 MB waited for one fsync at the end.
 *  - A file the store does not keep (PostgreSQL: the bytes are copied into the database, whose commit makes them
 *    durable, and the file is removed) is never synced. Before, every upload fsynced its temporary file on PostgreSQL
 *    too.
 * FileHandle's sync and datasync are observed through a wrapped `open` (the upload thread runs the same stageStream).
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, onTestFinished, vi } from "vitest";
import { testEngine, useTestDatabase } from "../support/test-database";

/** What each staged file's handle was asked: the bytes written when each (data)sync began. */
const observed = vi.hoisted(() => ({
  calls: [] as { kind: "datasync" | "sync"; written: number }[],
  failDatasync: false,
}));
vi.mock("node:fs/promises", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs/promises")>();
  const open: typeof fs.open = async (...args) => {
    const handle = await fs.open(...args);
    let written = 0;
    const write = handle.write.bind(handle) as (...args: unknown[]) => Promise<{ bytesWritten: number }>;
    const writev = handle.writev.bind(handle);
    const sync = handle.sync.bind(handle);
    return Object.assign(handle, {
      write: async (...args: unknown[]) => {
        const result = await write(...args);
        written += result.bytesWritten;
        return result;
      },
      writev: async (buffers: NodeJS.ArrayBufferView[], position?: number) => {
        const result = await writev(buffers, position);
        written += result.bytesWritten;
        return result;
      },
      datasync: async () => {
        observed.calls.push({ kind: "datasync", written });
        if (observed.failDatasync) throw Object.assign(new Error("EIO: i/o error, fdatasync"), { code: "EIO" });
        // Answered at once, not by the disk: when a flush ends depends on the disk's other work (other test files
        // write 25 MB files beside this one), and one slow flush would leave no room for a second — what is checked
        // here is when stageStream asks. The final sync below is real.
      },
      sync: async () => {
        observed.calls.push({ kind: "sync", written });
        return sync();
      },
    });
  };
  return { ...fs, default: { ...fs, open }, open };
});

const { stageStream, SYNC_EVERY_BYTES } = await import("@/server/attachments/staging");
const { uploadStaging } = await import("@/server/statements/attachments");

const MB = 1024 * 1024;
const dir = mkdtempSync(path.join(os.tmpdir(), "liaison-staging-sync-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** 25 MB as a network delivers it: 64 KB at a time. */
function* chunks(bytes: Buffer) {
  for (let at = 0; at < bytes.length; at += 64 * 1024) yield bytes.subarray(at, at + 64 * 1024);
}

describe("staging an upload on disk", () => {
  it("flushes a file the store keeps while it is written, then fsyncs the tail; the bytes and hash are whole", async () => {
    observed.calls = [];
    const bytes = randomBytes(25 * MB);
    const staged = await stageStream(dir, chunks(bytes));
    // Removed whatever happens: a file left here would fail the "leaves no file behind" test below too.
    onTestFinished(() => rmSync(staged.path, { force: true }));
    const datasyncs = observed.calls.filter((c) => c.kind === "datasync");
    expect(datasyncs.length, JSON.stringify(observed.calls)).toBeGreaterThanOrEqual(2);
    // Begun while the file was still being written, never more than one flush interval late.
    expect(datasyncs[0]!.written).toBeGreaterThanOrEqual(SYNC_EVERY_BYTES);
    expect(datasyncs[0]!.written).toBeLessThan(SYNC_EVERY_BYTES + 2 * MB);
    expect(datasyncs.at(-1)!.written).toBeLessThan(bytes.length);
    // …and the whole file synced once at the end, after every byte was written.
    expect(observed.calls.at(-1)).toEqual({ kind: "sync", written: bytes.length });
    expect(staged.size).toBe(bytes.length);
    expect(staged.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect(readFileSync(staged.path).equals(bytes)).toBe(true);
  });

  it("never syncs a file the store does not keep (sync: false)", async () => {
    observed.calls = [];
    const bytes = randomBytes(25 * MB);
    const staged = await stageStream(dir, chunks(bytes), undefined, { sync: false });
    expect(observed.calls).toEqual([]);
    expect(staged.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    rmSync(staged.path);
  });

  it("fails the staging when a flush fails, and leaves no file behind", async () => {
    observed.failDatasync = true;
    try {
      await expect(stageStream(dir, chunks(randomBytes(12 * MB)))).rejects.toThrow(/EIO/);
    } finally {
      observed.failDatasync = false;
    }
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe(`where uploads are staged (${testEngine})`, () => {
  useTestDatabase();

  it("syncs staged files only for the file store, which renames them into place", async () => {
    const staging = await uploadStaging();
    expect(staging.sync).toBe(testEngine === "pglite");
    expect(path.isAbsolute(staging.dir)).toBe(true);
  });
});
