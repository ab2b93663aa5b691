import "server-only";
import { parentPort } from "node:worker_threads";
import { extractText } from "@/server/inbound/extract-text";

/**
 * Runs inside the extraction worker thread (thread.ts): one request at a time, the bytes transferred in, the
 * extracted text (or the reader's reason) posted back. A reader that loops or allocates without end is
 * stopped from outside (the thread's time limit and heap limit), never here.
 */
export type ExtractRequest = { id: number; fileName: string; contentType: string; bytes: ArrayBuffer };
export type ExtractReply =
  | { id: number; ok: true; text: string; truncated: boolean }
  | { id: number; ok: false; reason: string };

const port = parentPort;
if (port) {
  port.on("message", async (request: ExtractRequest) => {
    let reply: ExtractReply;
    try {
      const result = await extractText({
        fileName: request.fileName,
        contentType: request.contentType,
        bytes: Buffer.from(request.bytes),
      });
      reply = { id: request.id, ...result };
    } catch (error) {
      reply = { id: request.id, ok: false, reason: `the reader failed: ${(error as Error).message ?? error}` };
    }
    port.postMessage(reply);
  });
  port.postMessage({ ready: true });
}
