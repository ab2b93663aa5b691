import "server-only";
import { addressOf } from "@/lib/mailbox";

/**
 * Issue 18: the directory groups a cover sheet's "Source:" or "To:" text names ("3GPP TSG SA WG2",
 * "ITU-T Study Group 15", "IETF QUIC WG, IETF HTTPBIS") or a known contact address points at. Pure. A part
 * that names no group, or more than one, is returned as unmatched: the liaison manager decides.
 */
export interface DirectoryGroup {
  id: number;
  acronym: string;
  name: string;
  isExternal: boolean;
  isActive: boolean;
  organization: { acronym: string; name: string };
  /** the group's known addresses: its default contacts and list address (any case) */
  addresses: readonly string[];
}

export interface GroupMatch {
  ids: number[];
  /** the parts of the text that named no group (or several) */
  unmatched: string[];
}

/**
 * A comparable form of a group's name: lower case, no parenthesised note, "Study Group" → "sg",
 * "Working Group"/"WG 2"/"TSG" folded, no punctuation or spaces. "3GPP TSG SA WG2 (Architecture)" and
 * "3GPP SA2" both become "3gppsa2".
 */
export function nameKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/\([^)]*\)/g, " ")
    .replace(/[^a-z0-9]+/g, " ")
    .replace(/\bstudy group\b/g, "sg")
    .replace(/\bworking group\b/g, "wg")
    .replace(/\bwg\s*(\d+)\b/g, "$1")
    .replace(/\b(tsg|wg|the|group)\b/g, " ")
    .replace(/\s+/g, "");
}

function keysOf(group: DirectoryGroup): Set<string> {
  const org = [nameKey(group.organization.acronym), nameKey(group.organization.name)].filter(Boolean);
  const keys = new Set<string>();
  for (const key of [nameKey(group.name), nameKey(group.acronym)]) {
    if (!key) continue;
    keys.add(key);
    for (const prefix of org)
      if (key.startsWith(prefix) && key.length > prefix.length) keys.add(key.slice(prefix.length));
  }
  return keys;
}

/** The text of one part, split on commas, semicolons, line breaks and " and ". */
export function splitNames(text: string): string[] {
  return text
    .split(/[,;\n]|\band\b/i)
    .map((part) => part.replace(/\s+/g, " ").trim())
    .filter((part) => part.length > 0);
}

function matchOne(part: string, groups: readonly DirectoryGroup[]): DirectoryGroup | null {
  const key = nameKey(part);
  if (!key) return null;
  const exact = groups.filter((g) => nameKey(g.name) === key || nameKey(g.acronym) === key);
  if (exact.length === 1) return exact[0] ?? null;
  // "SA WG2" without "3GPP", or "ITU-T SG15": the organization prefix is optional, but when the text names
  // an organization only that organization's groups count.
  const named = groups.filter((g) => {
    const orgKeys = [nameKey(g.organization.acronym), nameKey(g.organization.name)].filter(Boolean);
    return orgKeys.some((o) => key.startsWith(o));
  });
  const pool = named.length ? named : groups;
  const stripped = new Set([key]);
  for (const g of pool)
    for (const o of [nameKey(g.organization.acronym), nameKey(g.organization.name)])
      if (o && key.startsWith(o) && key.length > o.length) stripped.add(key.slice(o.length));
  const hits = pool.filter((g) => [...keysOf(g)].some((k) => stripped.has(k)));
  return hits.length === 1 ? (hits[0] ?? null) : null;
}

/** The groups a text names, among `groups` (one side: external bodies for Source, ours for To). */
export function matchGroupNames(text: string, groups: readonly DirectoryGroup[]): GroupMatch {
  const ids: number[] = [];
  const unmatched: string[] = [];
  for (const part of splitNames(text)) {
    const hit =
      matchOne(
        part,
        groups.filter((g) => g.isActive),
      ) ?? matchOne(part, groups);
    if (hit) {
      if (!ids.includes(hit.id)) ids.push(hit.id);
    } else unmatched.push(part);
  }
  return { ids, unmatched };
}

/** The one group whose known addresses include one of these mailboxes' addresses, else null. */
export function matchGroupByAddress(
  mailboxes: readonly string[],
  groups: readonly DirectoryGroup[],
): DirectoryGroup | null {
  const wanted = new Set(mailboxes.map(addressOf).filter(Boolean));
  if (wanted.size === 0) return null;
  const hits = groups.filter((g) => g.addresses.some((a) => wanted.has(addressOf(a))));
  // A sub-group and its parent may share a secretary: the most specific is the one whose address it is alone.
  return hits.length === 1 ? (hits[0] ?? null) : null;
}
