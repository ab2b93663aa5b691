import "server-only";
import { randomBytes, timingSafeEqual } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { env } from "@/env";
import { AppError } from "@/server/errors";
import { logger } from "@/server/log/logger";
import { ingestMessage } from "./ingest-message";

/**
 * ADR 025: while the app holds the embedded database, `npm run ingest` hands it the message instead of
 * opening the database a second time. The app listens on a random port of 127.0.0.1 only and writes that
 * address and a fresh random secret to DATA_DIR/inbound-handoff.json (mode 0600): whoever may read the data
 * directory may hand over mail, nobody else. The secret is checked before any byte of the body is read.
 */
export interface HandoffInfo {
  url: string;
  token: string;
  pid: number;
}

export interface HandoffReply {
  url?: string;
  duplicate?: string | null;
  error?: string;
}

const log = logger("inbound");

function reply(res: ServerResponse, status: number, body: HandoffReply) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    connection: "close",
  });
  res.end(text);
}

function isToken(given: string | undefined, token: string): boolean {
  const expected = Buffer.from(`Bearer ${token}`);
  const actual = Buffer.from(given ?? "");
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Starts the hand-off endpoint and writes its file; returns a function that stops it and removes the file. */
export async function startHandoffEndpoint(file = env().inbound.handoffFile): Promise<() => Promise<void>> {
  const token = randomBytes(32).toString("hex");
  const limit = env().inbound.maxMessageBytes;
  const server: Server = createServer(async (req, res) => {
    try {
      if (req.method !== "POST" || req.url !== "/ingest") return reply(res, 404, { error: "Not found." });
      if (!isToken(req.headers.authorization, token))
        return reply(res, 401, { error: "Wrong or missing hand-off secret." });
      if (Number(req.headers["content-length"] ?? 0) > limit)
        return reply(res, 413, { error: `The message is larger than ${limit / 1024 / 1024} MB.` });
      const raw = await readBody(req, limit);
      if (!raw) return reply(res, 413, { error: `The message is larger than ${limit / 1024 / 1024} MB.` });
      const result = await ingestMessage(raw, { channel: "command" });
      return reply(res, result.duplicate ? 200 : 201, { url: result.url, duplicate: result.duplicate });
    } catch (error) {
      if (error instanceof AppError)
        return reply(res, error.code === "VALIDATION" ? 422 : 409, { error: error.message });
      log.error({ err: error }, "handing over an inbound message failed");
      return reply(res, 500, { error: "The app could not store the message; it was not lost: try again." });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const info: HandoffInfo = { url: `http://127.0.0.1:${port}/ingest`, token, pid: process.pid };
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(info), { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, file);
  log.info({ port }, "hand-off endpoint for npm run ingest is listening on 127.0.0.1");
  return async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    // Only our own file: a newer app may have replaced it.
    try {
      if ((JSON.parse(readFileSync(file, "utf8")) as HandoffInfo).token === token) rmSync(file, { force: true });
    } catch {
      // gone already
    }
  };
}
