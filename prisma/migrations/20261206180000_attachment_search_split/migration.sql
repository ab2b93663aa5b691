-- A new search fast again with attachment text (ADR 031, revising ADR 026). Hand-written (docs/decisions/002);
-- core PostgreSQL only, the same on PGlite and PostgreSQL.
--
-- Since 20261206160000_attachment_text_search the statement's one "searchVector" held its attachments' text
-- too, so nearly every statement with an attachment matched common words and every match was ranked over
-- that large vector (ts_rank's cost grows with the positions of the query's words): a new two-word search at
-- 5,000 statements went from ≈ 50 ms to 223 ms. It is split in two:
--
-- * "searchVector" is again the statement's own document (title, identifiers, attachment titles, contacts,
--   body; labels A, B, C as before): the archive ranks with it only.
-- * "fullSearchVector" is that document followed by the text of its attachments that are not removed (label
--   D), as far as it fits in one tsvector: what the archive's searches match against. One vector, so a
--   query whose words are split between the title and an attachment still matches, a quoted phrase inside an
--   attachment matches, and an excluded word (-word) found in an attachment leaves the statement out, as
--   before. GIN-indexed.
--
-- The archive lists the matches whose own document matches, by ts_rank over "searchVector", then the matches
-- that need the attachments' text, newest first (src/server/archive/query.ts): ts_rank never reads attachment
-- text.
--
-- Both are matched through their GIN index, always (the two functions at the end). Left to itself the planner
-- reads every statement's vector for a query of common words — it does not count that testing @@ against a
-- row means reading and decompressing the row's whole vector — and that reading was most of the time.

ALTER TABLE "Statement" ADD COLUMN "fullSearchVector" tsvector;

CREATE OR REPLACE FUNCTION statement_search_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
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
    NEW."fullSearchVector" := statement_attachment_text_vector(NEW."id", NEW."searchVector");
    RETURN NEW;
END
$$;

-- As before, setting either vector (to anything, e.g. NULL) recomputes both: neither can be set by hand.
DROP TRIGGER "Statement_searchVector_refresh" ON "Statement";
CREATE TRIGGER "Statement_searchVector_refresh"
    BEFORE INSERT OR UPDATE OF "title", "otherIdentifiers", "fromContact", "fromLiaisonContact", "toContact",
        "toLiaisonContact", "body", "searchVector", "fullSearchVector"
    ON "Statement" FOR EACH ROW EXECUTE FUNCTION statement_search_refresh();

-- Backfill: the trigger splits every row's vector (the attachments' vectors are already stored).
UPDATE "Statement" SET "searchVector" = NULL;

CREATE INDEX "Statement_fullSearchVector_idx" ON "Statement" USING GIN ("fullSearchVector");

-- The ids of the statements whose vector matches a query, through the GIN index: a function with its own
-- planner setting (never inlined), so a query of common words reads the index's lists of ids, not every
-- statement's vector. Public or not: the caller filters.
CREATE FUNCTION statement_ids_matching(query tsquery) RETURNS SETOF INTEGER
LANGUAGE sql STABLE SET enable_seqscan = off AS $$
    SELECT "id" FROM "Statement" WHERE "fullSearchVector" @@ query
$$;

-- The same over the statement's own document: the matches the archive ranks.
CREATE FUNCTION statement_ids_matching_own_text(query tsquery) RETURNS SETOF INTEGER
LANGUAGE sql STABLE SET enable_seqscan = off AS $$
    SELECT "id" FROM "Statement" WHERE "searchVector" @@ query
$$;
