import "server-only";
import type { FieldNote } from "@/lib/inbound-fields";
import type { Db } from "@/server/statements/repository";
import { findDocumentNumbers } from "./plan-draft";
import type { Read } from "./types";

type Duplicate = { id: number; reason: "message-id" | "same message" | "document number" };

const variants = (numbers: readonly string[]) => [
  ...new Set(numbers.flatMap((n) => [n.trim(), n.trim().toUpperCase()]).filter(Boolean)),
];

/**
 * ADR 025: the statement an inbound message already made — the same Message-ID, the same bytes (a message
 * without Message-ID delivered twice), or an incoming statement already carrying one of its peer document
 * numbers (not one withdrawn before it was ever posted).
 */
export async function findDuplicate(
  db: Db,
  by: { messageId?: string; sha256?: string; documentNumbers?: readonly string[] },
): Promise<Duplicate | null> {
  if (by.messageId) {
    const hit = await db.inboundMail.findUnique({ where: { messageId: by.messageId }, select: { statementId: true } });
    if (hit) return { id: hit.statementId, reason: "message-id" };
  }
  if (by.sha256) {
    const hit = await db.inboundMail.findFirst({
      where: { rawSha256: by.sha256 },
      select: { statementId: true },
      orderBy: { id: "asc" },
    });
    if (hit) return { id: hit.statementId, reason: "same message" };
  }
  if (by.documentNumbers?.length) {
    const hit = await db.statement.findFirst({
      where: {
        direction: "incoming",
        otherIdentifiers: { hasSome: variants(by.documentNumbers) },
        NOT: { state: "withdrawn", postedAt: null },
      },
      select: { id: true },
      orderBy: { id: "asc" },
    });
    if (hit) return { id: hit.id, reason: "document number" };
  }
  return null;
}

/**
 * "Response to:" → the posted statements carrying those peer document numbers (the text as written, or the
 * numbers found in it), and the note shown beside "In response to".
 */
export async function findAnswered(
  db: Db,
  responseTo: readonly Read<string>[],
): Promise<{ ids: number[]; note?: FieldNote }> {
  if (responseTo.length === 0) return { ids: [] };
  const numbers = variants(responseTo.flatMap((r) => [r.value, ...findDocumentNumbers(r.value)]));
  const rows = await db.statement.findMany({
    where: { state: "posted", otherIdentifiers: { hasSome: numbers } },
    select: { id: true },
    orderBy: { id: "asc" },
    take: 10,
  });
  const first = responseTo[0];
  if (!first) return { ids: [] };
  if (rows.length)
    return {
      ids: rows.map((r) => r.id),
      note: { kind: "read", from: first.source.from, text: first.source.text.slice(0, 500) },
    };
  return {
    ids: [],
    note: {
      kind: "left",
      text: `"${responseTo
        .map((r) => r.value)
        .join(", ")
        .slice(0, 200)}" (${first.source.from}) matches no posted statement here: find it under In response to.`,
    },
  };
}
