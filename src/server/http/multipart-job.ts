import "server-only";
import type { Readable } from "node:stream";
import { parentPort } from "node:worker_threads";
import Busboy from "@fastify/busboy";
import { bufferPool } from "@/server/attachments/buffer-pool";
import {
  type BlobConnection,
  closeBlobConnection,
  exportBlobFile,
  storeBlobs,
} from "@/server/attachments/db-store-job";
import { discardStaged, type StagedStream, stageStream } from "@/server/attachments/staging";
import type { StagedBlob } from "@/server/attachments/store";

/**
 * Runs inside the upload thread (multipart-thread.ts): parses multipart bodies whose bytes the server's main
 * thread hands over as they arrive — busboy, SHA-256 and the writes to the temporary files all happen here,
 * so a 25 MB upload costs the thread that renders every page only the passing on of its bytes (issue 13,
 * item 4). Several uploads at once, each by its id. Each chunk is acknowledged once the parser has taken it,
 * which is how the main thread keeps only a few MB in flight. On PostgreSQL it also stores the staged files in
 * the database, on a connection of its own (`store`, db-store-job.ts), and reads them back into a temporary file
 * for the text extraction (`export`), so their bytes never cross the main thread.
 */

/** Longest text field we accept (the statement body is at most 1,000,000 characters, ≤ 4 MB of UTF-8). */
const MAX_FIELD_BYTES = 4 * 1024 * 1024;

export type UploadRequest =
  /** the shared memory the main thread copies request bodies into, in slots of `slotBytes` (sent once, first) */
  | { type: "slots"; memory: Uint8Array<SharedArrayBuffer>; slotBytes: number }
  | { type: "open"; id: number; contentType: string; maxFileBytes: number; stagingDir: string; sync: boolean }
  | { type: "data"; id: number; chunk: Uint8Array }
  /** the next `length` bytes of the body are in shared slot `slot` (freed by the acknowledgement) */
  | { type: "slot"; id: number; slot: number; length: number }
  | { type: "end"; id: number }
  | { type: "abort"; id: number }
  | { type: "store"; id: number; connection: BlobConnection; batch: StagedBlob[] }
  | { type: "export"; id: number; connection: BlobConnection; sha256: string; dir: string }
  | { type: "close-store"; connection: BlobConnection };

export type UploadFile = { name: string; filename: string; mimeType: string; staged: StagedStream };
export type UploadReply =
  | { type: "ack"; id: number; bytes: number; slot?: number }
  | { type: "done"; id: number; fields: [string, string][]; files: UploadFile[] }
  | { type: "stored"; id: number; statements: string[] }
  | { type: "exported"; id: number; path: string | null }
  | { type: "fail"; id: number; message: string };

/**
 * Browsers (and undici) escape `"`, CR and LF in multipart names and file names as %22, %0D, %0A (HTML
 * spec); undici's own parser, which this endpoint used before, turns them back. So do we.
 */
const unescapeName = (name: string) =>
  name.replace(/%22|%0D|%0A/g, (code) => ({ "%22": '"', "%0D": "\r", "%0A": "\n" })[code] ?? code);

type Upload = {
  parser: ReturnType<typeof Busboy>;
  fields: [string, string][];
  /** in the order the files came (their titles are a separate list in the same order) */
  files: (UploadFile | null)[];
  pending: Promise<void>[];
  open: Set<Readable>;
  failed: boolean;
  /** the pieces of shared memory copied for the parser, in order, until they can be used again (see reclaim) */
  held: { piece: Buffer; parsed: boolean }[];
};

/**
 * Gives an upload's parsed pieces back for reuse once nothing can point into them: the parser is done with a piece
 * when its write callback ran (field and header bytes it copies; a file's bytes it passes on as slices), and a file's
 * slices are gone once its stream holds none and its stager has read them — stageStream copies each chunk before it
 * awaits anything. A piece is written to again only in a later message, after the stagers' pending reads have run.
 */
function reclaim(upload: Upload) {
  for (const stream of upload.open) if (stream.readableLength > 0) return;
  upload.held = upload.held.filter(({ piece, parsed }) => {
    if (!parsed) return true;
    shared?.pieces.giveBack(piece);
    return false;
  });
}

/** After the upload ended (every stager settled): all its pieces are free. */
function reclaimAll(upload: Upload) {
  for (const { piece } of upload.held) shared?.pieces.giveBack(piece);
  upload.held = [];
}

const uploads = new Map<number, Upload>();
const port = parentPort;
/**
 * The shared slots the main thread copies request bodies into, and `pieces`: this thread's copies of them, kept for
 * the next bytes (each MiB into fresh memory cost ≈ 70 ms of a core per 25 MB upload in page faults; see reclaim).
 */
let shared: {
  memory: Uint8Array<SharedArrayBuffer>;
  slotBytes: number;
  pieces: ReturnType<typeof bufferPool>;
} | null = null;

function reply(message: UploadReply) {
  port?.postMessage(message);
}

async function fail(id: number, message: string) {
  const upload = uploads.get(id);
  if (!upload || upload.failed) return;
  upload.failed = true;
  uploads.delete(id);
  upload.parser.destroy();
  for (const stream of upload.open) stream.destroy(new Error("upload aborted"));
  await Promise.allSettled(upload.pending);
  reclaimAll(upload);
  for (const file of upload.files) if (file) await discardStaged(file.staged).catch(() => undefined);
  reply({ type: "fail", id, message });
}

function open(request: Extract<UploadRequest, { type: "open" }>) {
  const { id } = request;
  let parser: ReturnType<typeof Busboy>;
  try {
    parser = Busboy({
      headers: { "content-type": request.contentType },
      // Larger pieces than the 16 KB default: fewer, cheaper steps per 25 MB file (still bounded per file).
      highWaterMark: 256 * 1024,
      fileHwm: 256 * 1024,
      limits: { fileSize: request.maxFileBytes + 1, fieldSize: MAX_FIELD_BYTES },
    });
  } catch (error) {
    reply({ type: "fail", id, message: (error as Error).message });
    return;
  }
  const upload: Upload = { parser, fields: [], files: [], pending: [], open: new Set(), failed: false, held: [] };
  uploads.set(id, upload);
  parser.on("field", (name: string, value: string, _nameTruncated: boolean, valueTruncated: boolean) => {
    if (valueTruncated) void fail(id, `field ${name} is too long`);
    else upload.fields.push([unescapeName(name), value]);
  });
  parser.on("file", (name: string, stream: Readable, filename: string, _encoding: string, mimeType: string) => {
    const index = upload.files.push(null) - 1;
    upload.open.add(stream);
    upload.pending.push(
      stageStream(request.stagingDir, stream as AsyncIterable<Uint8Array>, request.maxFileBytes, { sync: request.sync })
        .then((staged) => {
          upload.files[index] = {
            name: unescapeName(name),
            filename: unescapeName(filename ?? ""),
            mimeType: mimeType || "application/octet-stream",
            staged,
          };
        })
        .finally(() => upload.open.delete(stream)),
    );
  });
  parser.on("error", (error: unknown) => void fail(id, String(error)));
  parser.on("finish", async () => {
    const settled = await Promise.allSettled(upload.pending);
    reclaimAll(upload);
    const failed = settled.find((s) => s.status === "rejected");
    if (failed) return fail(id, String(failed.reason));
    if (upload.failed) return;
    uploads.delete(id);
    reply({ type: "done", id, fields: upload.fields, files: upload.files.filter((f) => f !== null) });
  });
}

if (port) {
  port.on("message", (request: UploadRequest) => {
    if (request.type === "slots") {
      shared = { memory: request.memory, slotBytes: request.slotBytes, pieces: bufferPool(request.slotBytes, 16) };
      return;
    }
    if (request.type === "open") return open(request);
    if (request.type === "store") {
      const { id } = request;
      storeBlobs(request.connection, request.batch).then(
        (statements) => reply({ type: "stored", id, statements }),
        (error: Error) => reply({ type: "fail", id, message: error.message ?? String(error) }),
      );
      return;
    }
    if (request.type === "export") {
      const { id } = request;
      exportBlobFile(request.connection, request.sha256, request.dir).then(
        (path) => reply({ type: "exported", id, path }),
        (error: Error) => reply({ type: "fail", id, message: error.message ?? String(error) }),
      );
      return;
    }
    if (request.type === "close-store") return void closeBlobConnection(request.connection).catch(() => undefined);
    const upload = uploads.get(request.id);
    if (!upload) return; // failed or aborted already: its later chunks are dropped
    if (request.type === "data") {
      const bytes = request.chunk.byteLength;
      upload.parser.write(Buffer.from(request.chunk.buffer, request.chunk.byteOffset, bytes), () =>
        reply({ type: "ack", id: request.id, bytes }),
      );
    } else if (request.type === "slot") {
      if (!shared) return void fail(request.id, "no shared memory");
      // Copied out at once: the parser hands slices of what it is given to the file writes, which outlive this
      // message; the slot goes back to the main thread with the acknowledgement. Into a piece used before when one is
      // free again (reclaim).
      const { slot, length } = request;
      reclaim(upload);
      const whole = shared.pieces.take();
      const held = { piece: whole, parsed: false };
      upload.held.push(held);
      const piece = whole.subarray(0, length);
      Buffer.prototype.copy.call(shared.memory, piece, 0, slot * shared.slotBytes, slot * shared.slotBytes + length);
      upload.parser.write(piece, () => {
        held.parsed = true;
        reply({ type: "ack", id: request.id, bytes: length, slot });
      });
    } else if (request.type === "end") upload.parser.end();
    else void fail(request.id, "aborted");
  });
  port.postMessage({ ready: true });
}
