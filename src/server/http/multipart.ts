import "server-only";
import type http from "node:http";
import { discardStagedFiles, fileFromStaged } from "@/server/attachments/staging";
import { type ThreadUpload, uploadInThread } from "./multipart-thread";
import { uploadTurns } from "./page-priority";
import { takeUploadBody } from "./upload-body";

/** The body went past the request limit (whatever Content-Length said). */
export class BodyTooLargeError extends Error {}
/** The body is not a well-formed form (cut off, no boundary, a field too long). */
export class MalformedBodyError extends Error {}

export interface StreamedForm {
  formData: FormData;
  /**
   * when the body's last byte was read (`performance.now()`): what follows it until the form is parsed is the
   * upload thread catching up and the staged files' fsync, the part of receiving that is storing (Server-Timing)
   */
  lastByteAt: number;
  /** removes the files staged for this request that no store took (call when the request is done) */
  discard(): Promise<void>;
}

/**
 * Parses a multipart (or urlencoded) request body as it arrives (@fastify/busboy, ADR 012) in the upload
 * thread (multipart-thread.ts): text fields into the FormData, each file streamed to a temporary file in
 * `stagingDir` and hashed on the way, then given to the FormData as a File read lazily from that file. This
 * thread only passes the bytes on (a few MB in flight at most), so pages keep rendering during an upload.
 * Never holds a file in memory; stops reading once more than `limit` bytes arrived. A file over
 * `maxFileBytes` keeps its first `maxFileBytes + 1` bytes, enough for the form's size check to name it. `sync: false`
 * when the store does not keep the staged files (the database store): they are then not fsynced (stageStream).
 * Behind the app's HTTP server the bytes are read from the Node request itself (upload-body.ts), without
 * the web stream Next.js wraps around it; elsewhere (tests, another server) from `request.body`.
 */
export async function parseStreamedForm(
  request: Request,
  options: { limit: number; maxFileBytes: number; stagingDir: string; sync?: boolean },
): Promise<StreamedForm> {
  const raw = takeUploadBody(request);
  if (!raw && !request.body) throw new MalformedBodyError("no body");
  const upload = uploadInThread({
    contentType: request.headers.get("content-type") ?? "",
    maxFileBytes: options.maxFileBytes,
    stagingDir: options.stagingDir,
    sync: options.sync !== false,
  });
  let parsed: Awaited<ReturnType<ThreadUpload["end"]>>;
  let lastByteAt: number;
  try {
    await (raw ? readNodeBody(raw, upload, options.limit) : readWebBody(request.body!, upload, options.limit));
    lastByteAt = performance.now();
    parsed = await upload.end();
  } catch (error) {
    upload.abort();
    if (error instanceof BodyTooLargeError) throw error;
    throw new MalformedBodyError((error as Error).message ?? String(error));
  }
  const formData = new FormData();
  for (const [name, value] of parsed.fields) formData.append(name, value);
  const files: File[] = [];
  for (const file of parsed.files) {
    const entry = await fileFromStaged(file.staged, file.filename, file.mimeType);
    files.push(entry);
    formData.append(file.name, entry);
  }
  return { formData, lastByteAt, discard: () => discardStagedFiles(files) };
}

/** The body as a web stream (a Request not from the app's HTTP server): chunk by chunk into the thread. */
async function readWebBody(body: ReadableStream<Uint8Array>, upload: ThreadUpload, limit: number): Promise<void> {
  const reader = body.getReader();
  const pagesFirst = uploadTurns();
  // A failure in the thread ends the wait for the client's next bytes.
  void upload.failed.then(() => reader.cancel().catch(() => undefined));
  let seen = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      seen += value.byteLength;
      if (seen > limit) throw new BodyTooLargeError();
      const wait = upload.send(value);
      if (wait) await wait;
      const turn = pagesFirst(seen);
      if (turn) await turn;
    }
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    throw error;
  }
}

/**
 * The body as Node receives it: each chunk handed on from its `data` event (no promise, no copy per chunk),
 * the request paused while the thread has too much in flight, and while other requests are being answered
 * (page-priority.ts). On a failure the request is destroyed, as cancelling its web stream does.
 */
function readNodeBody(body: http.IncomingMessage, upload: ThreadUpload, limit: number): Promise<void> {
  const pagesFirst = uploadTurns();
  return new Promise<void>((resolve, reject) => {
    let seen = 0;
    let settled = false;
    const finish = (error?: unknown) => {
      if (settled) return;
      settled = true;
      body.off("data", onData).off("end", onEnd).off("error", finish).off("close", onClose);
      if (error === undefined) return resolve();
      body.destroy();
      reject(error);
    };
    // Reasons to stop reading (the thread's backlog, pages being answered): read on when none is left.
    let holds = 0;
    const hold = (until: Promise<void>) => {
      holds++;
      body.pause();
      until.then(() => {
        holds--;
        if (holds === 0 && !settled) body.resume();
      }, finish);
    };
    const onData = (chunk: Buffer) => {
      seen += chunk.byteLength;
      if (seen > limit) return finish(new BodyTooLargeError());
      try {
        const wait = upload.send(chunk);
        if (wait) hold(wait);
        const turn = pagesFirst(seen);
        if (turn) hold(turn);
      } catch (error) {
        finish(error);
      }
    };
    const onEnd = () => finish();
    const onClose = () => finish(new Error("the request was cut off"));
    void upload.failed.then(finish);
    body.on("data", onData).on("end", onEnd).on("error", finish).on("close", onClose);
  });
}
