import "server-only";
import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import type { DatabaseTarget } from "@/server/db/connection";
import { embeddedLockHolder, lockFileOf } from "@/server/db/embedded-lock";

/** The command line of `npm run import:datatracker` (issue 17), parsed; a usage error names what is wrong. */
export type Command =
  | { kind: "import"; source: string; attachments?: string; dryRun: boolean; strict: boolean; delayMs: number }
  | { kind: "snapshot"; url: string; out: string; delayMs: number };

export const USAGE = `Usage:
  npm run import:datatracker -- --source <dir|https://datatracker.ietf.org> [--attachments <dir>] [--dry-run] [--strict]
  npm run import:datatracker -- --snapshot https://datatracker.ietf.org --out <dir> [--delay <ms>]`;

export class UsageError extends Error {}

const isUrl = (value: string) => /^https?:\/\//i.test(value);

export function parseCommand(argv: string[]): Command {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        source: { type: "string" },
        attachments: { type: "string" },
        "dry-run": { type: "boolean", default: false },
        strict: { type: "boolean", default: false },
        snapshot: { type: "string" },
        out: { type: "string" },
        delay: { type: "string" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const delay = values.delay === undefined ? 1000 : Number(values.delay);
  if (!Number.isInteger(delay) || delay < 0) throw new UsageError("--delay must be a whole number of milliseconds");
  if (values.snapshot !== undefined) {
    if (values.source !== undefined) throw new UsageError("--snapshot and --source do not go together");
    if (!isUrl(String(values.snapshot))) throw new UsageError("--snapshot needs the Datatracker's URL");
    if (!values.out) throw new UsageError("--snapshot needs --out <dir>");
    return { kind: "snapshot", url: String(values.snapshot), out: path.resolve(String(values.out)), delayMs: delay };
  }
  if (!values.source) throw new UsageError("--source <dir|url> is required");
  const source = String(values.source);
  if (!isUrl(source) && !existsSync(source)) throw new UsageError(`--source ${source}: no such directory`);
  const attachments = values.attachments === undefined ? undefined : path.resolve(String(values.attachments));
  if (attachments && !existsSync(attachments)) throw new UsageError(`--attachments ${attachments}: no such directory`);
  return {
    kind: "import",
    source: isUrl(source) ? source : path.resolve(source),
    attachments,
    dryRun: values["dry-run"] === true,
    strict: values.strict === true,
    delayMs: delay,
  };
}

/**
 * The live process holding the embedded database (ADR 045: its PID in `<dir>.lock` beside the directory, written
 * by whoever opened it), or null: PostgreSQL, nobody, or a lock left by a process that is gone. Opening the
 * directory a second time would corrupt it, so the commands refuse (or hand over to the app) while it is held.
 */
export function embeddedDatabaseHolder(target: DatabaseTarget): { dir: string; lockFile: string; pid: number } | null {
  if (target.kind !== "pglite" || !target.dir) return null;
  const pid = embeddedLockHolder(target.dir);
  return pid === null ? null : { dir: path.resolve(target.dir), lockFile: lockFileOf(target.dir), pid };
}

/**
 * What a command says when the embedded database is held (embeddedDatabaseHolder): who holds it, `whatToDo` (one
 * line: how to go on from there), and which lock file to remove if that process is gone.
 */
export function heldDatabaseMessage(holder: { dir: string; lockFile: string; pid: number }, whatToDo: string): string {
  return (
    `The embedded database at ${holder.dir} is in use: the app (npm start) or another process holds it (PID ${holder.pid}).\n` +
    `${whatToDo}\n` +
    `If no process ${holder.pid} runs, remove ${holder.lockFile} and try again.`
  );
}

/** One progress line (no TTY) or a bar over the resources, redrawn in place (TTY). */
export function progressLine(
  progress: { resource: string; read: number; step: number; steps: number },
  isTty: boolean,
  width = 20,
): string {
  const { resource, read, step, steps } = progress;
  if (!isTty) return `[import] ${step}/${steps} ${resource}: ${read} read`;
  const filled = Math.round((width * Math.max(0, step - 1)) / steps);
  return `\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${step}/${steps} ${resource.padEnd(36)} ${String(read).padStart(7)} read`;
}
