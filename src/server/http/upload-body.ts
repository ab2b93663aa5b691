// No `import "server-only"`: the HTTP server (scripts/serve.ts, outside React's server conditions) uses it too,
// like the rest of src/server/http's layers.
import { randomBytes } from "node:crypto";
import type http from "node:http";

/**
 * The upload endpoint's body as Node received it (issue 13 item 4, ADR 033). Next.js hands a route handler the
 * body as a web stream that undici builds over the Node request: it copies every 64 KB chunk into a new
 * Uint8Array and passes each through a promise-driven byte stream, work done on the server's main thread
 * (the thread that renders every page) for each of a 25 MB upload's 400 chunks. The HTTP server (serve.ts)
 * therefore hands the upload endpoint its Node request too, by a one-time token in a request header, and the
 * endpoint reads the chunks as they come (`takeUploadBody`); the web stream is then never read.
 *
 * The token is random, made by this server for this request (a client's own header of that name is removed
 * first), taken once, and forgotten when the response ends: a request can only ever be given its own body.
 */

/** The request header that carries the token (set by the server, never trusted from a client). */
export const UPLOAD_BODY_HEADER = "x-liaison-upload-body";
/** The endpoint whose body is handed over this way. */
const UPLOAD_PATH = "/statements/save";

// On globalThis: serve.ts and Next's compiled server code each load their own copy of this module.
const holder = globalThis as unknown as { __liaisonUploadBodies?: Map<string, http.IncomingMessage> };
holder.__liaisonUploadBodies ??= new Map();
const bodies = holder.__liaisonUploadBodies;

/** Whether `req` posts to the upload endpoint. */
export function isUploadRequest(req: http.IncomingMessage): boolean {
  return req.method === "POST" && req.url?.split("?")[0] === UPLOAD_PATH;
}

/** For the HTTP server, before Next.js sees `req`: offers an upload's Node request to its route handler. */
export function offerUploadBody(req: http.IncomingMessage, res: http.ServerResponse): void {
  delete req.headers[UPLOAD_BODY_HEADER];
  if (!isUploadRequest(req)) return;
  const token = randomBytes(16).toString("hex");
  req.headers[UPLOAD_BODY_HEADER] = token;
  bodies.set(token, req);
  res.once("close", () => bodies.delete(token));
}

/** The Node request behind `request`, if the HTTP server offered it (taken once); else null (read `request.body`). */
export function takeUploadBody(request: Request): http.IncomingMessage | null {
  const token = request.headers.get(UPLOAD_BODY_HEADER);
  if (!token) return null;
  const body = bodies.get(token) ?? null;
  bodies.delete(token);
  // Still unread: nothing (Next.js, a layer) has pulled from it, so every byte is still to come.
  return body && !body.readableDidRead && !body.readableEnded ? body : null;
}
