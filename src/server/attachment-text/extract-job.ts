import "server-only";
import { readFile } from "node:fs/promises";
import { extractText } from "@/server/inbound/extract-text";
import { lowerThisProcessPriority } from "@/server/threads/priority";

/**
 * Runs in the reader process (reader.ts, ADR 047): one request at a time, the bytes or a file's path sent in, the
 * extracted text (or the reader's reason) sent back. A reader that loops or allocates without end is stopped from
 * outside (the process's time limit and heap limit), never here; if V8 aborts on the heap limit, this process ends
 * and the server records the attempt as failed.
 */
export type ExtractRequest = { id: number; fileName: string; contentType: string } & (
  | { bytes: Uint8Array }
  | { path: string }
);
export type ExtractReply =
  | { id: number; ok: true; text: string; truncated: boolean }
  | { id: number; ok: false; reason: string };

const send = process.send?.bind(process);
if (send) {
  // Nobody waits for this work (issue 13 item 4): after a 25 MB PDF it took ≈ 0.6 s of a core while pages waited for
  // the same two cores. Below them in priority, it uses what they leave.
  lowerThisProcessPriority();
  // The server went away (stopped, or killed): nothing is left to answer.
  process.on("disconnect", () => process.exit(0));
  process.on("message", async (request: ExtractRequest) => {
    let reply: ExtractReply;
    let bytes: Buffer;
    try {
      bytes =
        "bytes" in request
          ? Buffer.from(request.bytes.buffer, request.bytes.byteOffset, request.bytes.byteLength)
          : await readFile(request.path);
    } catch (error) {
      // The stored file went missing (staff see the reason: no server path in it).
      const code = (error as NodeJS.ErrnoException).code ?? "error";
      send({ id: request.id, ok: false, reason: `its stored file could not be read (${code})` } satisfies ExtractReply);
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
    send(reply);
  });
  send({ ready: true });
}
