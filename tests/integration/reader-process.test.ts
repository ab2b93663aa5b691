/**
 * ADR 047: attachment text is read in a process of its own, not in a worker thread of the server. bench:uploads
 * (25 MB random-byte "PDFs", one after the other) once ended the whole server with V8's "FATAL ERROR: Reached heap
 * limit … JavaScript heap out of memory": the reader thread's heap limit (resourceLimits) is best-effort — one large
 * allocation makes V8 abort the process, and the thread's process was the server's. Everyone's requests died with
 * it. These tests end the reader the way V8 does and check that only the read in progress is lost.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { extractInReader, extractReaderPid, stopExtractReader } from "@/server/attachment-text/reader";
import { startProcess } from "@/server/threads/start";

afterAll(() => stopExtractReader());

const plain = { fileName: "a.txt", contentType: "text/plain", bytes: Buffer.from("plain words") };

async function until<T>(what: () => T | undefined, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = what();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("the attachment reader runs in a process of its own", () => {
  it("a reader that V8 aborts mid-read costs that read only: the server's process goes on, the next read works", async () => {
    expect(await extractInReader(plain)).toEqual({ ok: true, text: "plain words", truncated: false });
    const pid = extractReaderPid();
    expect(pid, "the reader is a process of its own").toBeDefined();
    expect(pid).not.toBe(process.pid);
    // A file the reader needs a while for (a damaged 8 MB PDF: pdf.js scans all of it), ended mid-read with the
    // signal V8's out-of-memory abort raises.
    const dir = await mkdtemp(path.join(os.tmpdir(), "liaison-reader-"));
    const file = path.join(dir, "damaged.pdf");
    await writeFile(file, randomBytes(8 * 1024 * 1024));
    const reading = extractInReader({ fileName: "damaged.pdf", contentType: "application/pdf", path: file });
    await new Promise((resolve) => setTimeout(resolve, 50));
    process.kill(pid!, "SIGABRT");
    expect(await reading).toEqual({ ok: false, reason: expect.stringMatching(/the reader stopped/) });
    expect(extractReaderPid()).toBeUndefined();
    // This process (the server, in the app) is still here, and the next read starts a fresh reader.
    expect(await extractInReader(plain)).toEqual({ ok: true, text: "plain words", truncated: false });
    expect(extractReaderPid()).not.toBe(pid);
    await rm(dir, { recursive: true, force: true });
  });

  it("a job that passes its heap limit in one allocation ends its own process, with V8's reason", async () => {
    const child = startProcess(path.resolve(import.meta.dirname, "../fixtures/abort-on-heap-limit-job.ts"), {
      heapMb: 64,
    });
    await new Promise<void>((resolve) => child.once("message", () => resolve()));
    const ended = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      child.once("exit", (code, signal) => resolve({ code, signal })),
    );
    child.send({ go: true });
    const { code, signal } = await ended;
    expect(signal === "SIGABRT" || code === 134, `ended with ${code} ${signal}`).toBe(true);
    await until(() => (child.stderrTail().includes("heap out of memory") ? true : undefined), 5_000);
    expect(child.stderrTail()).toMatch(/JavaScript heap out of memory/);
  });

  it("its young generation stays at Node 20's size, 32 MB: with Node 24's default of 128 MB a reader reached 392 MB during a burst of uploads", async () => {
    const child = startProcess(path.resolve(import.meta.dirname, "../fixtures/young-generation.mjs"), {
      heapMb: 64,
    });
    try {
      await new Promise<void>((resolve) => child.once("message", () => resolve()));
      const answer = new Promise<{ newSpaceMb: number }>((resolve) => child.once("message", resolve));
      child.send({ go: true });
      expect((await answer).newSpaceMb).toBeLessThanOrEqual(40);
    } finally {
      child.kill();
    }
  });
});
