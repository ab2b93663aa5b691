/**
 * Issue 13 item 4 ("no other request held behind an upload"): after an upload, its text is extracted in a worker thread
 * (ADR 026) — a 25 MB PDF took ≈ 0.6 s of a core (bench:uploads, per thread from /proc), on the same two cores as the
 * thread that renders every page. That work runs below the others' priority: Linux's nice value, set on every thread
 * of the reader, which is a process of its own since ADR 047. Read here from /proc, as the scheduler sees it.
 */
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { extractInReader, extractReaderPid, stopExtractReader } from "@/server/attachment-text/reader";
import { BACKGROUND_NICENESS } from "@/server/threads/priority";

afterAll(() => stopExtractReader());

/** thread id → nice value, for every thread of a process (this one by default) */
function niceness(pid: number | "self" = "self"): Map<number, number> {
  const threads = new Map<number, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
      // after "pid (comm) ": state is field 0 … nice is field 16
      threads.set(Number(tid), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]));
    } catch {
      // ended meanwhile
    }
  }
  return threads;
}

describe.runIf(process.platform === "linux")("background work runs below the pages' priority", () => {
  it("the text extraction is niced, every thread of it; the threads that serve requests are not", async () => {
    const before = niceness();
    const self = Number(path.basename(readlinkSync("/proc/thread-self")));
    const result = await extractInReader({ fileName: "note.txt", contentType: "text/plain", bytes: Buffer.from("hi") });
    expect(result).toMatchObject({ ok: true });
    const after = niceness();
    const reader = niceness(extractReaderPid()!);
    expect(reader.size).toBeGreaterThan(1);
    expect(new Set(reader.values()), JSON.stringify([...reader])).toEqual(new Set([BACKGROUND_NICENESS]));
    // Nothing of this process was lowered.
    expect([...after].filter(([tid, nice]) => !before.has(tid) && nice === BACKGROUND_NICENESS)).toEqual([]);
    // This thread (like the server's main thread and its upload thread) keeps the priority it had.
    expect(after.get(self)).toBe(before.get(self));
    expect(after.get(process.pid)).toBe(before.get(process.pid));
    expect(BACKGROUND_NICENESS).toBeGreaterThan(after.get(process.pid) ?? 0);
  });

  it("the reader starts below the pages' priority: loading its modules (≈ 1 s of CPU) is background work too", async () => {
    await stopExtractReader();
    const reading = extractInReader({ fileName: "note.txt", contentType: "text/plain", bytes: Buffer.from("hi") });
    // The process was just forked: Node is still starting in it, nothing of the job has run.
    const pid = extractReaderPid()!;
    expect(os.getPriority(pid)).toBe(BACKGROUND_NICENESS);
    expect(await reading).toMatchObject({ ok: true });
  });
});
