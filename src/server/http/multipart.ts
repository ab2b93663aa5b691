import "server-only";
import { Readable } from "node:stream";
import Busboy from "@fastify/busboy";
import { discardStagedFiles, fileFromStaged, stageStream } from "@/server/attachments/staging";

/** The body went past the request limit (whatever Content-Length said). */
export class BodyTooLargeError extends Error {}
/** The body is not a well-formed form (cut off, no boundary, a field too long). */
export class MalformedBodyError extends Error {}

/** Longest text field we accept (the statement body is at most 1,000,000 characters, ≤ 4 MB of UTF-8). */
const MAX_FIELD_BYTES = 4 * 1024 * 1024;

/**
 * Browsers (and undici) escape `"`, CR and LF in multipart names and file names as %22, %0D, %0A (HTML
 * spec); undici's own parser, which this endpoint used before, turns them back. So do we.
 */
const unescapeName = (name: string) =>
  name.replace(/%22|%0D|%0A/g, (code) => ({ "%22": '"', "%0D": "\r", "%0A": "\n" })[code] ?? code);

export interface StreamedForm {
  formData: FormData;
  /** removes the files staged for this request that no store took (call when the request is done) */
  discard(): Promise<void>;
}

/**
 * Parses a multipart (or urlencoded) request body as it arrives (@fastify/busboy, ADR 012): text fields into
 * the FormData, each file streamed to a temporary file in `stagingDir` and hashed on the way, then given
 * to the FormData as a File read lazily from that file. Never holds a file in memory; stops reading once
 * more than `limit` bytes arrived. A file over `maxFileBytes` keeps its first `maxFileBytes + 1` bytes,
 * enough for the form's size check to name it.
 */
export async function parseStreamedForm(
  request: Request,
  options: { limit: number; maxFileBytes: number; stagingDir: string },
): Promise<StreamedForm> {
  const contentType = request.headers.get("content-type") ?? "";
  const formData = new FormData();
  const files: File[] = [];
  const discard = () => discardStagedFiles(files);
  if (!request.body) throw new MalformedBodyError("no body");
  let parser: ReturnType<typeof Busboy>;
  try {
    parser = Busboy({
      headers: { "content-type": contentType },
      // Larger pieces than the 16 KB default: fewer, cheaper steps per 25 MB file (still bounded per file).
      highWaterMark: 256 * 1024,
      fileHwm: 256 * 1024,
      limits: { fileSize: options.maxFileBytes + 1, fieldSize: MAX_FIELD_BYTES },
    });
  } catch (error) {
    throw new MalformedBodyError((error as Error).message);
  }

  let seen = 0;
  let tooLarge = false;
  const source = Readable.fromWeb(request.body as import("node:stream/web").ReadableStream<Uint8Array>);
  // Files in the order they came (their titles are a separate list in the same order).
  const entries: { name: string; file?: File }[] = [];
  const pending: Promise<void>[] = [];
  const open = new Set<Readable>();
  const done = new Promise<void>((resolve, reject) => {
    parser.on("field", (name: string, value: string, _nameTruncated: boolean, valueTruncated: boolean) => {
      if (valueTruncated) reject(new MalformedBodyError(`field ${name} is too long`));
      else formData.append(unescapeName(name), value);
    });
    parser.on("file", (name: string, stream: Readable, filename: string, _encoding: string, mimeType: string) => {
      const entry: { name: string; file?: File } = { name: unescapeName(name) };
      entries.push(entry);
      open.add(stream);
      pending.push(
        stageStream(options.stagingDir, stream as AsyncIterable<Uint8Array>, options.maxFileBytes)
          .then(async (staged) => {
            entry.file = await fileFromStaged(
              staged,
              unescapeName(filename ?? ""),
              mimeType || "application/octet-stream",
            );
            files.push(entry.file);
          })
          .finally(() => open.delete(stream)),
      );
    });
    parser.on("finish", () => resolve());
    parser.on("error", (error: unknown) => reject(new MalformedBodyError(String(error))));
    source.on("error", (error) => reject(tooLarge ? new BodyTooLargeError() : new MalformedBodyError(error.message)));
  });
  source.on("data", (chunk: Buffer) => {
    seen += chunk.byteLength;
    if (seen > options.limit && !tooLarge) {
      tooLarge = true;
      source.destroy(new BodyTooLargeError());
    }
  });
  source.pipe(parser);
  try {
    await done;
    const failed = (await Promise.allSettled(pending)).find((s) => s.status === "rejected");
    if (failed) throw new MalformedBodyError(String(failed.reason));
  } catch (error) {
    source.destroy();
    for (const stream of open) stream.destroy(new MalformedBodyError("upload aborted"));
    await Promise.allSettled(pending);
    await discard();
    throw tooLarge ? new BodyTooLargeError() : error;
  }
  for (const entry of entries) if (entry.file) formData.append(entry.name, entry.file);
  return { formData, discard };
}
