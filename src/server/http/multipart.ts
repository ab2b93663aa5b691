import "server-only";
import { discardStagedFiles, fileFromStaged } from "@/server/attachments/staging";
import { type ThreadUpload, uploadInThread } from "./multipart-thread";

/** The body went past the request limit (whatever Content-Length said). */
export class BodyTooLargeError extends Error {}
/** The body is not a well-formed form (cut off, no boundary, a field too long). */
export class MalformedBodyError extends Error {}

export interface StreamedForm {
  formData: FormData;
  /** removes the files staged for this request that no store took (call when the request is done) */
  discard(): Promise<void>;
}

/**
 * Parses a multipart (or urlencoded) request body as it arrives (@fastify/busboy, ADR 012) in the upload
 * thread (multipart-thread.ts): text fields into the FormData, each file streamed to a temporary file in
 * `stagingDir` and hashed on the way, then given to the FormData as a File read lazily from that file. This
 * thread only passes the bytes on (a few MB in flight at most), so pages keep rendering during an upload.
 * Never holds a file in memory; stops reading once more than `limit` bytes arrived. A file over
 * `maxFileBytes` keeps its first `maxFileBytes + 1` bytes, enough for the form's size check to name it.
 */
export async function parseStreamedForm(
  request: Request,
  options: { limit: number; maxFileBytes: number; stagingDir: string },
): Promise<StreamedForm> {
  if (!request.body) throw new MalformedBodyError("no body");
  const reader = request.body.getReader();
  const upload = uploadInThread({
    contentType: request.headers.get("content-type") ?? "",
    maxFileBytes: options.maxFileBytes,
    stagingDir: options.stagingDir,
  });
  // A failure in the thread ends the wait for the client's next bytes.
  void upload.failed.then(() => reader.cancel().catch(() => undefined));
  let seen = 0;
  let parsed: Awaited<ReturnType<ThreadUpload["end"]>>;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      seen += value.byteLength;
      if (seen > options.limit) throw new BodyTooLargeError();
      await upload.send(value);
    }
    parsed = await upload.end();
  } catch (error) {
    upload.abort();
    await reader.cancel().catch(() => undefined);
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
  return { formData, discard: () => discardStagedFiles(files) };
}
