import "server-only";
import { shownName } from "./file-names";
import { formatBytes } from "./limits";
import { listZip, readMember, type ZipEntry, ZipError } from "./zip-reader";

/** What is left for the zips of one message: shared by all its zips (ADR 024). */
export type ZipBudget = { bytesLeft: number; membersLeft: number; maxMemberBytes: number };

export type ZipMember = { name: string; bytes: Buffer };

const isSkippedQuietly = (name: string) =>
  name.endsWith("/") || /(^|\/)__MACOSX\//.test(name) || /(^|\/)\.DS_Store$/.test(name);

/**
 * The members of one attached zip, within `budget` (which it spends). The sizes a zip declares are checked
 * before anything is expanded, and a member producing more than it declared is abandoned at that point
 * (zip-reader.ts), so neither memory nor work exceeds the budget. A zip over the budget is not expanded at
 * all; a member that cannot be expanded (encrypted, unknown method, lying size, bad CRC) is skipped. Names
 * are returned as found: the caller makes them safe.
 */
export function expandZip(zipName: string, bytes: Uint8Array, budget: ZipBudget) {
  const warnings: string[] = [];
  const members: ZipMember[] = [];
  const entries = zipEntries(bytes);
  if (!entries) {
    warnings.push(`${zipName} could not be opened as a zip (it is damaged or not a zip); it is kept as it is.`);
    return { members, warnings };
  }
  const wanted = entries.map((entry) => ({ entry })).filter(({ entry }) => !isSkippedQuietly(entry.name));
  const declared = wanted.reduce((sum, { entry }) => sum + entry.originalSize, 0);
  if (wanted.length > budget.membersLeft) {
    warnings.push(
      `${zipName} was not expanded: it holds ${wanted.length} files, more than the ${budget.membersLeft} still allowed for this message; it is kept as it is.`,
    );
    return { members, warnings };
  }
  if (declared > budget.bytesLeft) {
    warnings.push(
      `${zipName} was not expanded: its files would take ${formatBytes(declared)}, more than the ${formatBytes(budget.bytesLeft)} still allowed for this message; it is kept as it is.`,
    );
    return { members, warnings };
  }
  for (const { entry } of wanted) {
    if (entry.originalSize > budget.maxMemberBytes) {
      warnings.push(
        `${zipName} › ${shownName(entry.name)} was skipped: ${formatBytes(entry.originalSize)} is more than ${formatBytes(budget.maxMemberBytes)} per file.`,
      );
      continue;
    }
    try {
      const content = readMember(bytes, entry, budget.maxMemberBytes);
      budget.bytesLeft -= content.length;
      budget.membersLeft -= 1;
      members.push({ name: entry.name, bytes: Buffer.from(content.buffer, content.byteOffset, content.length) });
    } catch (error) {
      warnings.push(`${zipName} › ${shownName(entry.name)} could not be expanded (${reason(error)}); it was skipped.`);
    }
  }
  return { members, warnings };
}

function reason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+/g, " ").slice(0, 120) || "unknown error";
}

/** The entries a zip declares, without expanding anything; undefined when it is not a readable zip. */
export function zipEntries(bytes: Uint8Array): ZipEntry[] | undefined {
  try {
    return listZip(bytes);
  } catch (error) {
    if (error instanceof ZipError) return undefined;
    throw error;
  }
}
