import "server-only";
import type { AttachmentTextStatus } from "@/generated/prisma/enums";
import { prisma } from "@/server/db";

export type AttachmentTextState = { status: AttachmentTextStatus; reason: string | null; chars: number };

/**
 * Where the search text of a statement's attachments stands (ADR 026), by attachment id, for the statement
 * page of those who may edit it or see its staff-only entries: being read, searchable, or why not.
 */
export async function attachmentTextStates(statementId: number): Promise<Map<number, AttachmentTextState>> {
  const db = await prisma();
  const rows = await db.attachmentText.findMany({
    where: { attachment: { statementId } },
    select: { attachmentId: true, status: true, reason: true, chars: true },
  });
  return new Map(rows.map((r) => [r.attachmentId, { status: r.status, reason: r.reason, chars: r.chars }]));
}

/**
 * The text states the statement page shows, or null: only those who look after the statement (who may edit it
 * or see its staff-only entries) see whether each attachment's text is searchable, or why not (ADR 026).
 */
export async function attachmentTextStatesFor(
  may: { edit: boolean; commentStaffOnly: boolean },
  statementId: number,
): Promise<Map<number, AttachmentTextState> | null> {
  return may.edit || may.commentStaffOnly ? attachmentTextStates(statementId) : null;
}

/** The line the statement page shows under an attachment. */
export function describeAttachmentText(state: AttachmentTextState): string {
  switch (state.status) {
    case "queued":
    case "running":
      return "Text for search: being read";
    case "done":
      return state.reason
        ? `Text searchable (${state.chars.toLocaleString("en")} characters); ${state.reason}`
        : `Text searchable (${state.chars.toLocaleString("en")} characters)`;
    case "failed":
      return `Text not searchable: ${state.reason ?? "it could not be read"}`;
  }
}
