-- Issue 18, search inside attachments (ADR 026). Hand-written (docs/decisions/002); core PostgreSQL only, the
-- same on PGlite and PostgreSQL.
--
-- * "AttachmentText" is the extraction queue and its result, one row per attachment: a trigger queues a row
--   for every new attachment (uploads, mail ingestion, imports alike), and this migration queues every
--   existing one, so a running app extracts them in the background (src/server/attachment-text/).
-- * The text is stored in "AttachmentTextPart" pieces, each with its own vector (weight D); the attachment's
--   vector is their concatenation, written once when the extraction finishes.
-- * The statement's search vector gains the vectors of its attachments that are not removed. The labels
--   move so that attachment text has one of its own: A title and other identifiers (unchanged), B attachment
--   titles (unchanged), C contacts AND body (the body was D), D attachment text. The archive ranks with the
--   weights {D 0.05, C 0.1, B 0.4, A 1.0} (src/server/archive/query.ts RANK_WEIGHTS): the body keeps its 0.1,
--   contacts go from 0.2 to 0.1, and a word found only in an attachment counts half a word of the body.
-- * A tsvector is at most 1 MB: attachments whose vectors would not fit any more are left out of the
--   statement's vector (in attachment order), never failing the statement's own update.

CREATE TYPE "AttachmentTextStatus" AS ENUM ('queued', 'running', 'done', 'failed');

CREATE TABLE "AttachmentText" (
    "attachmentId" INTEGER NOT NULL,
    "status" "AttachmentTextStatus" NOT NULL DEFAULT 'queued',
    "reason" VARCHAR(500),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "queuedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),
    "chars" INTEGER NOT NULL DEFAULT 0,
    "searchVector" tsvector,

    CONSTRAINT "AttachmentText_pkey" PRIMARY KEY ("attachmentId")
);

CREATE TABLE "AttachmentTextPart" (
    "attachmentId" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "searchVector" tsvector,

    CONSTRAINT "AttachmentTextPart_pkey" PRIMARY KEY ("attachmentId","seq")
);

-- The worker takes the oldest queued row.
CREATE INDEX "AttachmentText_status_queuedAt_idx" ON "AttachmentText"("status", "queuedAt");

ALTER TABLE "AttachmentText" ADD CONSTRAINT "AttachmentText_attachmentId_fkey" FOREIGN KEY ("attachmentId") REFERENCES "Attachment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "AttachmentTextPart" ADD CONSTRAINT "AttachmentTextPart_attachmentId_fkey" FOREIGN KEY ("attachmentId") REFERENCES "AttachmentText"("attachmentId") ON DELETE CASCADE ON UPDATE CASCADE;

-- The document of title, identifiers, attachment titles, contacts and body: as in
-- 20261206135000_search_links_and_identifier_parts, with the body and the words of its links at C.
CREATE OR REPLACE FUNCTION statement_search_vector(
    title TEXT,
    other_identifiers TEXT[],
    contacts TEXT,
    body TEXT,
    attachment_titles TEXT
) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector('english', coalesce(title, '')), 'A')
        || setweight(to_tsvector('english', coalesce(array_to_string(other_identifiers, ' '), '')), 'A')
        || setweight(to_tsvector('english',
               translate(coalesce(array_to_string(other_identifiers, ' '), ''), '-_/.:', '     ')), 'A')
        || setweight(to_tsvector('english', coalesce(attachment_titles, '')), 'B')
        || setweight(to_tsvector('english', coalesce(contacts, '')), 'C')
        || setweight(to_tsvector('english', left(coalesce(body, ''), 200000)), 'C')
        || setweight(to_tsvector('english',
               statement_search_extra_words(coalesce(title, '') || ' ' || left(coalesce(body, ''), 200000))), 'C')
$$;

-- The extracted text of a statement's attachments that are not removed, in attachment order, as far as it
-- fits in one tsvector (`base` is what the statement's own fields take already). An attachment queued
-- again (a reindex) stays searchable with its last text until the new one replaces it; a failure clears it.
CREATE FUNCTION statement_attachment_text_vector(statement_id INTEGER, base tsvector) RETURNS tsvector
LANGUAGE plpgsql STABLE AS $$
DECLARE
    acc tsvector := base;
    v tsvector;
BEGIN
    -- EXECUTE: planned at each call with the real id (a plan cached while the tables were small would scan
    -- them whole for ever after).
    FOR v IN EXECUTE
        'SELECT t."searchVector" FROM "AttachmentText" t JOIN "Attachment" a ON a."id" = t."attachmentId"
          WHERE a."statementId" = $1 AND a."removedAt" IS NULL AND t."searchVector" IS NOT NULL
          ORDER BY a."id"' USING statement_id
    LOOP
        BEGIN
            acc := acc || v;
        EXCEPTION WHEN program_limit_exceeded THEN
            EXIT; -- "string is too long for tsvector": the rest is left out
        END;
    END LOOP;
    RETURN acc;
END
$$;

-- An attachment's vector from its parts (the worker calls this once the parts are written), as far as fits.
CREATE FUNCTION attachment_text_parts_vector(attachment_id INTEGER) RETURNS tsvector
LANGUAGE plpgsql STABLE AS $$
DECLARE
    acc tsvector := ''::tsvector;
    v tsvector;
BEGIN
    FOR v IN EXECUTE
        'SELECT p."searchVector" FROM "AttachmentTextPart" p
          WHERE p."attachmentId" = $1 AND p."searchVector" IS NOT NULL ORDER BY p."seq"' USING attachment_id
    LOOP
        BEGIN
            acc := acc || v;
        EXCEPTION WHEN program_limit_exceeded THEN
            EXIT;
        END;
    END LOOP;
    RETURN acc;
END
$$;

CREATE OR REPLACE FUNCTION statement_search_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW."searchVector" := statement_attachment_text_vector(NEW."id", statement_search_vector(
        NEW."title",
        NEW."otherIdentifiers",
        concat_ws(' ',
            array_to_string(NEW."fromContact", ' '), NEW."fromLiaisonContact",
            array_to_string(NEW."toContact", ' '), NEW."toLiaisonContact"),
        NEW."body",
        (SELECT string_agg(a."title", ' ' ORDER BY a."id") FROM "Attachment" a
          WHERE a."statementId" = NEW."id" AND a."removedAt" IS NULL)));
    RETURN NEW;
END
$$;

-- Every new attachment is queued for extraction, whoever inserts it.
CREATE FUNCTION attachment_text_enqueue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO "AttachmentText" ("attachmentId") VALUES (NEW."id") ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;

CREATE TRIGGER "Attachment_text_enqueue"
    AFTER INSERT ON "Attachment" FOR EACH ROW EXECUTE FUNCTION attachment_text_enqueue();

-- A finished, reset or deleted extraction refreshes its statement's vector. (Removing the attachment does
-- already: the Attachment trigger of 20261123080300_statement_search fires on "removedAt".)
CREATE FUNCTION attachment_text_search_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE "Statement" SET "searchVector" = NULL
     WHERE "id" = (SELECT a."statementId" FROM "Attachment" a
                    WHERE a."id" = (CASE WHEN TG_OP = 'DELETE' THEN OLD."attachmentId" ELSE NEW."attachmentId" END));
    RETURN NULL;
END
$$;

CREATE TRIGGER "AttachmentText_search_refresh_update"
    AFTER UPDATE OF "status", "searchVector" ON "AttachmentText" FOR EACH ROW
    WHEN (OLD."status" IS DISTINCT FROM NEW."status" OR OLD."searchVector" IS DISTINCT FROM NEW."searchVector")
    EXECUTE FUNCTION attachment_text_search_refresh();

CREATE TRIGGER "AttachmentText_search_refresh_delete"
    AFTER DELETE ON "AttachmentText" FOR EACH ROW WHEN (OLD."searchVector" IS NOT NULL)
    EXECUTE FUNCTION attachment_text_search_refresh();

-- Every existing attachment is queued; the app extracts them after it starts (or `npm run attachments:reindex`).
INSERT INTO "AttachmentText" ("attachmentId", "queuedAt") SELECT "id", "createdAt" FROM "Attachment";

-- Backfill: the Statement trigger recomputes every row's vector with the new labels.
UPDATE "Statement" SET "searchVector" = NULL;
