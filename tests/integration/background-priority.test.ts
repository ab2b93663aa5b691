/**
 * Issue 13 item 4 ("no other request held behind an upload"): after an upload, its text is extracted in a worker thread
 * (ADR 026) — a 25 MB PDF took ≈ 0.6 s of a core (bench:uploads, per thread from /proc), on the same two cores as the
 * thread that renders every page. That thread now runs below the others' priority: Linux's nice value, set on the
 * thread alone. Read here from /proc, as the scheduler sees it.
 */
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { extractInThread, stopExtractThread } from "@/server/attachment-text/thread";
import { BACKGROUND_NICENESS } from "@/server/threads/priority";

afterAll(() => stopExtractThread());

/** thread id → nice value, for every thread of this process */
function niceness(): Map<number, number> {
  const threads = new Map<number, number>();
  for (const tid of readdirSync("/proc/self/task")) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, "utf8");
      // after "pid (comm) ": state is field 0 … nice is field 16
      threads.set(Number(tid), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]));
    } catch {
      // ended meanwhile
    }
  }
  return threads;
}

describe.runIf(process.platform === "linux")("background work runs below the pages' priority", () => {
  it("the text extraction thread is niced; the threads that serve requests are not", async () => {
    const before = niceness();
    const self = Number(path.basename(readlinkSync("/proc/thread-self")));
    const result = await extractInThread({ fileName: "note.txt", contentType: "text/plain", bytes: Buffer.from("hi") });
    expect(result).toMatchObject({ ok: true });
    const after = niceness();
    const lowered = [...after].filter(([tid, nice]) => !before.has(tid) && nice === BACKGROUND_NICENESS);
    expect(lowered, JSON.stringify([...after])).toHaveLength(1);
    // This thread (like the server's main thread and its upload thread) keeps the priority it had.
    expect(after.get(self)).toBe(before.get(self));
    expect(after.get(process.pid)).toBe(before.get(process.pid));
    expect(BACKGROUND_NICENESS).toBeGreaterThan(after.get(process.pid) ?? 0);
  });
});
