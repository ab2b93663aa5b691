import "server-only";
import { existsSync, readFileSync } from "node:fs";
import type { HandoffInfo, HandoffReply } from "./handoff";

/** `npm run ingest` exit codes, as sendmail/MTA pipes read them (sysexits.h). */
export const EXIT = { ok: 0, usage: 64, dataError: 65, software: 70, tempFail: 75 } as const;

export const USAGE = `Usage:
  npm run ingest -- message.eml
  npm run ingest < message.eml        (the raw message on standard input, as an MTA pipe delivers it)`;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/** The raw message: the file named, or standard input; never more than `limit` bytes. */
export async function readInput(argv: string[], stdin: NodeJS.ReadableStream, limit: number): Promise<Buffer> {
  const args = argv.filter((a) => a !== "--");
  if (args.length > 1 || args.some((a) => a.startsWith("-") && a !== "-"))
    throw new CliError(`Unexpected arguments: ${args.join(" ")}\n\n${USAGE}`, EXIT.usage);
  const file = args[0];
  if (file && file !== "-") {
    if (!existsSync(file)) throw new CliError(`No such file: ${file}`, EXIT.usage);
    const raw = readFileSync(file);
    if (raw.length > limit)
      throw new CliError(`The message is larger than ${limit / 1024 / 1024} MB; nothing was stored.`, EXIT.dataError);
    return raw;
  }
  if ((stdin as { isTTY?: boolean }).isTTY) throw new CliError(`No message given.\n\n${USAGE}`, EXIT.usage);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const buffer = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > limit)
      throw new CliError(`The message is larger than ${limit / 1024 / 1024} MB; nothing was stored.`, EXIT.dataError);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** Hands the message to the running app (ADR 025); the draft's URL and whether it was a duplicate. */
export async function handOff(file: string, raw: Buffer): Promise<{ url: string; duplicate: string | null }> {
  if (!existsSync(file)) {
    throw new CliError(
      `The app holds the embedded database but its hand-off endpoint (${file}) is not there yet (is it starting?). Nothing was stored; try again.`,
      EXIT.tempFail,
    );
  }
  const info = JSON.parse(readFileSync(file, "utf8")) as HandoffInfo;
  let response: Response;
  try {
    response = await fetch(info.url, {
      method: "POST",
      headers: { authorization: `Bearer ${info.token}`, "content-type": "message/rfc822" },
      body: new Uint8Array(raw),
    });
  } catch (error) {
    throw new CliError(
      `The running app did not answer at ${info.url} (${(error as Error).message}). Nothing was stored; try again.`,
      EXIT.tempFail,
    );
  }
  const body = (await response.json().catch(() => ({}))) as HandoffReply;
  if (response.ok && body.url) return { url: body.url, duplicate: body.duplicate ?? null };
  const message = body.error ?? `the app answered ${response.status}`;
  throw new CliError(message, response.status === 422 || response.status === 413 ? EXIT.dataError : EXIT.tempFail);
}

export function describeDuplicate(duplicate: string | null): string | null {
  if (!duplicate) return null;
  return `Already received (${duplicate === "document number" ? "an incoming statement has the same peer document number" : duplicate === "message-id" ? "the same Message-ID" : "the same message"}): no second draft was made.`;
}
