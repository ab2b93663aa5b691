-- Issue #13 item 4 / ADR 012: an attachment's bytes leave its metadata row. They are stored once per
-- distinct content (by SHA-256): in PostgreSQL as 1 MiB chunks in "AttachmentChunk" (written and read by the
-- app with plain driver statements, never through Prisma), on the embedded database as files under
-- DATA_DIR/attachments. Existing attachments move into the chunk tables here; the embedded database's store
-- reads them from there until it has exported them to files (src/server/attachments/file-store.ts).

CREATE TABLE "AttachmentBlob" (
    "sha256" CHAR(64) NOT NULL,
    "size" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AttachmentBlob_pkey" PRIMARY KEY ("sha256")
);

CREATE TABLE "AttachmentChunk" (
    "sha256" CHAR(64) NOT NULL,
    "seq" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "AttachmentChunk_pkey" PRIMARY KEY ("sha256","seq")
);

-- Attachments are mostly compressed formats (PDF, OOXML, zip): store chunks out of line without trying to
-- compress them first.
ALTER TABLE "AttachmentChunk" ALTER COLUMN "data" SET STORAGE EXTERNAL;

ALTER TABLE "AttachmentChunk" ADD CONSTRAINT "AttachmentChunk_sha256_fkey" FOREIGN KEY ("sha256") REFERENCES "AttachmentBlob"("sha256") ON DELETE CASCADE ON UPDATE CASCADE;

-- The daily upload budget sums a person's recent uploads.
CREATE INDEX "Attachment_uploadedById_createdAt_idx" ON "Attachment"("uploadedById", "createdAt");

-- Existing bytes, one copy per distinct content (keyed by the hash recorded at upload), in 1 MiB chunks.
INSERT INTO "AttachmentBlob" ("sha256", "size")
SELECT DISTINCT ON ("sha256") "sha256", octet_length("content") FROM "Attachment" ORDER BY "sha256", "id";

INSERT INTO "AttachmentChunk" ("sha256", "seq", "data")
SELECT a."sha256", s.seq, substring(a."content" FROM s.seq * 1048576 + 1 FOR 1048576)
FROM (SELECT DISTINCT ON ("sha256") "sha256", "content" FROM "Attachment" ORDER BY "sha256", "id") a,
     generate_series(0, greatest(octet_length(a."content") - 1, 0) / 1048576) AS s(seq);

ALTER TABLE "Attachment" DROP COLUMN "content";
