-- Full-text search over statements (issue 7, public archive): a maintained tsvector on "Statement" with a
-- GIN index, and an index for the archive's newest-first order. Hand-written, see
-- docs/decisions/002-hand-written-migrations.md. Core PostgreSQL only (no extension), so it runs the same
-- on PGlite and PostgreSQL.
--
-- What is searchable, and how much a match counts (ts_rank weights A 1.0, B 0.4, C 0.2, D 0.1):
--   A  title, other identifiers (e.g. 3GPP S2-2405678: the parser splits it into 's2' <-> '-2405678', and
--      websearch_to_tsquery splits the query the same way, so an identifier finds its statement)
--   B  titles of attachments that are not removed
--   C  From-Contact, From-Liaison-Contact, To-Contact, To-Liaison-Contact (names and addresses)
--   D  body (the first 200,000 characters, which keeps the vector under PostgreSQL's 1 MB tsvector limit)
-- Everything uses the `english` configuration; src/server/archive/query.ts builds its queries with the same.
--
-- schema.prisma declares the column (Unsupported("tsvector")) and the GIN index, which the drift test
-- compares. The functions and triggers below are NOT compared by tests/integration/schema-drift.test.ts;
-- tests/integration/archive-search.test.ts checks that they keep the vector current.

-- AlterTable
ALTER TABLE "Statement" ADD COLUMN "searchVector" tsvector;

-- CreateIndex
CREATE INDEX "Statement_searchVector_idx" ON "Statement" USING GIN ("searchVector");

-- CreateIndex: the archive's default order (newest first); lets the list read one page of the index
-- instead of sorting every public statement.
CREATE INDEX "Statement_postedAt_id_idx" ON "Statement"("postedAt" DESC, "id" DESC);

-- The weighted document of one statement. Pure (IMMUTABLE): it depends only on its arguments.
CREATE FUNCTION statement_search_vector(
    title TEXT,
    other_identifiers TEXT[],
    contacts TEXT,
    body TEXT,
    attachment_titles TEXT
) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector('english', coalesce(title, '')), 'A')
        || setweight(to_tsvector('english', coalesce(array_to_string(other_identifiers, ' '), '')), 'A')
        || setweight(to_tsvector('english', coalesce(attachment_titles, '')), 'B')
        || setweight(to_tsvector('english', coalesce(contacts, '')), 'C')
        || setweight(to_tsvector('english', left(coalesce(body, ''), 200000)), 'D')
$$;

-- Statement: recompute on insert, and on updates of any column that feeds the document. Setting
-- "searchVector" itself (to anything, e.g. NULL) also recomputes it: that is how the Attachment trigger
-- below, and the backfill at the end, ask for a refresh. The vector can therefore never be set by hand.
CREATE FUNCTION statement_search_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW."searchVector" := statement_search_vector(
        NEW."title",
        NEW."otherIdentifiers",
        concat_ws(' ',
            array_to_string(NEW."fromContact", ' '), NEW."fromLiaisonContact",
            array_to_string(NEW."toContact", ' '), NEW."toLiaisonContact"),
        NEW."body",
        (SELECT string_agg(a."title", ' ' ORDER BY a."id") FROM "Attachment" a
          WHERE a."statementId" = NEW."id" AND a."removedAt" IS NULL));
    RETURN NEW;
END
$$;

CREATE TRIGGER "Statement_searchVector_refresh"
    BEFORE INSERT OR UPDATE OF "title", "otherIdentifiers", "fromContact", "fromLiaisonContact", "toContact",
        "toLiaisonContact", "body", "searchVector"
    ON "Statement" FOR EACH ROW EXECUTE FUNCTION statement_search_refresh();

-- Attachment: a new, retitled, removed, moved or deleted attachment refreshes its statement(s).
CREATE FUNCTION attachment_search_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        UPDATE "Statement" SET "searchVector" = NULL WHERE "id" = NEW."statementId";
    END IF;
    IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD."statementId" <> NEW."statementId") THEN
        UPDATE "Statement" SET "searchVector" = NULL WHERE "id" = OLD."statementId";
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER "Attachment_searchVector_refresh"
    AFTER INSERT OR DELETE OR UPDATE OF "title", "removedAt", "statementId"
    ON "Attachment" FOR EACH ROW EXECUTE FUNCTION attachment_search_refresh();

-- Backfill: the Statement trigger computes every existing row's vector.
UPDATE "Statement" SET "searchVector" = NULL;
