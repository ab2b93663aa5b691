import "server-only";
import { readFile } from "node:fs/promises";
import { parentPort } from "node:worker_threads";
import { extractText } from "@/server/inbound/extract-text";
import { lowerThisThreadPriority } from "@/server/threads/priority";

/**
 * Runs inside the extraction worker thread (thread.ts): one request at a time, the bytes transferred in, the
 * extracted text (or the reader's reason) posted back. A reader that loops or allocates without end is
 * stopped from outside (the thread's time limit and heap limit), never here.
 */
export type ExtractRequest = { id: number; fileName: string; contentType: string } & (
  | { bytes: ArrayBuffer }
  | { path: string }
);
export type ExtractReply =
  | { id: number; ok: true; text: string; truncated: boolean }
  | { id: number; ok: false; reason: string };

const port = parentPort;
if (port) {
  // Nobody waits for this work (issue 13 item 4): after a 25 MB PDF it took ≈ 0.6 s of a core while pages waited for
  // the same two cores. Below them in priority, it uses what they leave.
  lowerThisThreadPriority();
  port.on("message", async (request: ExtractRequest) => {
    let reply: ExtractReply;
    let bytes: Buffer;
    try {
      bytes = "bytes" in request ? Buffer.from(request.bytes) : await readFile(request.path);
    } catch (error) {
      // The stored file went missing (staff see the reason: no server path in it).
      const code = (error as NodeJS.ErrnoException).code ?? "error";
      port.postMessage({ id: request.id, ok: false, reason: `its stored file could not be read (${code})` });
      return;
    }
    try {
      const result = await extractText({
        fileName: request.fileName,
        contentType: request.contentType,
        bytes,
      });
      reply = { id: request.id, ...result };
    } catch (error) {
      reply = { id: request.id, ok: false, reason: `the reader failed: ${(error as Error).message ?? error}` };
    }
    port.postMessage(reply);
  });
  port.postMessage({ ready: true });
}
