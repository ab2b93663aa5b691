import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { mapLimit } from "@/lib/map-limit";
import { discardStaged, stageFile } from "@/server/attachments/staging";
import type { AttachmentStore, StagedBlob } from "@/server/attachments/store";
import { attachmentStore } from "@/server/db";
import { AppError } from "@/server/errors";
import { MAX_ATTACHMENT_BYTES } from "./schema";

/** What we accept (docs/domain.md "The RFC 4053bis fields": PDF, HTML, plain text, office documents) and the type we serve each with. */
const TYPES: Record<string, string> = {
  pdf: "application/pdf",
  txt: "text/plain; charset=utf-8",
  text: "text/plain; charset=utf-8",
  htm: "text/html; charset=utf-8",
  html: "text/html; charset=utf-8",
  doc: "application/msword",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xls: "application/vnd.ms-excel",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ppt: "application/vnd.ms-powerpoint",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  odt: "application/vnd.oasis.opendocument.text",
  ods: "application/vnd.oasis.opendocument.spreadsheet",
  odp: "application/vnd.oasis.opendocument.presentation",
  rtf: "application/rtf",
  zip: "application/zip",
};

export const ACCEPTED_EXTENSIONS = Object.keys(TYPES).map((e) => `.${e}`);

/**
 * The last path segment, without control characters, bidirectional overrides (which make "x\u202Efdp.txt"
 * look like "xtxt.pdf") or characters that break headers and file systems; at most 200 characters, cut
 * at the front and never inside a surrogate pair.
 */
export function sanitizeFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const cleaned = base
    .normalize("NFC")
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f"<>:|?*;\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "")
    .replace(/^\.+/, "")
    .trim();
  return Array.from(cleaned).slice(-200).join("").trim() || "attachment";
}

/** The type is decided by the extension we accept, never by what the browser claims. */
export function contentTypeFor(filename: string): string | null {
  const ext = filename.toLowerCase().split(".").pop() ?? "";
  return filename.includes(".") ? (TYPES[ext] ?? null) : null;
}

export interface PreparedAttachment {
  title: string;
  filename: string;
  contentType: string;
  file: File;
}

/** The attachment's name, type and title, checked (no bytes read yet). */
export function prepareAttachment(file: File, title: string): PreparedAttachment {
  const filename = sanitizeFilename(file.name);
  const contentType = contentTypeFor(filename);
  if (!contentType) {
    throw new AppError("VALIDATION", "An attachment has a type we do not accept.", {
      attachments: `"${filename}" is not a PDF, HTML, plain-text or office document (${ACCEPTED_EXTENSIONS.join(", ")}).`,
    });
  }
  if (file.size === 0 || file.size > MAX_ATTACHMENT_BYTES) {
    throw new AppError("VALIDATION", "An attachment has the wrong size.", {
      attachments: file.size === 0 ? `"${filename}" is empty.` : `"${filename}" is larger than 25 MB.`,
    });
  }
  return {
    title:
      title
        .trim()
        .replace(/[\r\n]+/g, " ")
        .slice(0, 255) || filename,
    filename,
    contentType,
    file,
  };
}

/** Files staged at once: each waits on the disk (and on the file store, on its fsync). */
const FILES_IN_FLIGHT = 8;

/**
 * Stores the bytes of checked attachments (ADR 012) and returns their metadata rows: staged on disk and
 * hashed while written (the upload endpoint did that as the request arrived), then put in the store under
 * their SHA-256 — all of them in one batch (`putMany`) — before the transaction that names them commits.
 * `into`: a store other than the process's (the Datatracker importer stores into the database it was given,
 * a page of files at a time). The staged files are consumed, also on failure.
 */
export async function storeAttachments(attachments: PreparedAttachment[], into?: AttachmentStore) {
  const store = into ?? (await attachmentStore());
  // Only the file store renames a staged file into place; the database store copies it into the database.
  const sync = store.kind === "files";
  const staged = new Array<StagedBlob | undefined>(attachments.length);
  try {
    await mapLimit([...attachments.keys()], FILES_IN_FLIGHT, async (i) => {
      staged[i] = await stageFile(attachments[i]!.file, store.stagingDir, { sync });
    });
  } catch (error) {
    for (const s of staged) if (s) await discardStaged(s);
    throw error;
  }
  const blobs = staged as StagedBlob[];
  await store.putMany(blobs);
  return attachments.map(({ file: _file, ...meta }, i) => ({
    ...meta,
    size: blobs[i]!.size,
    sha256: blobs[i]!.sha256,
  }));
}

/** What storeAttachments returns for each attachment: the row's metadata. */
export type StoredAttachment = Awaited<ReturnType<typeof storeAttachments>>[number];

/**
 * The rows of attachments added by a save and their "Attached …" events, in one statement however many files
 * (issue 13 item 4: on the embedded database each statement runs on the thread that renders the pages, inside
 * the transaction that holds the one connection; a row and an event per file were two statements each). The
 * attachments get their ids in the order given, and their events follow in that order; both are stamped with
 * the same time, taken here as Prisma stamps a row it creates.
 */
export async function insertAttachmentRows(
  tx: Prisma.TransactionClient,
  added: StoredAttachment[],
  by: { statementId: number; personId: number; isPublic: boolean },
): Promise<void> {
  if (added.length === 0) return;
  const column = (pick: (a: StoredAttachment) => string | number) => added.map((a) => String(pick(a)));
  await tx.$executeRawUnsafe(
    `WITH added AS (
       INSERT INTO "Attachment" ("statementId", "title", "filename", "contentType", "size", "sha256", "uploadedById", "createdAt")
       SELECT $1::int, r.title, r.filename, r.type, r.size::int, r.sha256, $2::int, $3::timestamptz
       FROM unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::text[]) WITH ORDINALITY
         AS r(title, filename, type, size, sha256, n)
       ORDER BY r.n
       RETURNING "id", "title", "filename"
     )
     INSERT INTO "StatementEvent" ("statementId", "type", "actorId", "text", "isPublic", "createdAt")
     SELECT $1::int, 'attachment_added'::"EventType", $2::int, 'Attached "' || a."title" || '" (' || a."filename" || ')',
       $9::boolean, $3::timestamptz
     FROM added AS a ORDER BY a."id"`,
    by.statementId,
    by.personId,
    new Date(),
    column((a) => a.title),
    column((a) => a.filename),
    column((a) => a.contentType),
    column((a) => a.size),
    column((a) => a.sha256),
    by.isPublic,
  );
}

/**
 * Where uploads are staged before the transaction that stores them (ADR 012); forms and the upload route parse into
 * it. `sync`: whether a staged file must reach the disk — only for the file store, which renames it into place; the
 * database store copies the bytes into the database, whose commit makes them durable, and removes the file.
 */
export async function uploadStaging(): Promise<{ dir: string; sync: boolean }> {
  const store = await attachmentStore();
  return { dir: store.stagingDir, sync: store.kind === "files" };
}
