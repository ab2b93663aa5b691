-- Search finds what readers type (issue 16): a draft name inside a link, and the number of a peer's document
-- without its prefix. Hand-written (docs/decisions/002); core PostgreSQL only, the same on PGlite and
-- PostgreSQL. Replaces the document function of 20261123080300_statement_search; the column, index and
-- triggers stay. Why (docs/decisions/021-search-words.md):
--   * PostgreSQL's parser keeps a URL as one token ('datatracker.ietf.org/doc/draft-ietf-quic-multipath/'),
--     so the draft name in a link was not a word of the document;
--   * it reads "SP-240987" as 'sp' and the signed number '-240987', so "240987" matched nothing.
-- The document now also holds (weight D) the words of every link and path in the title and body, and each
-- draft name without its version number; and (weight A, like the identifiers) the identifiers split at
-- their punctuation ("SP 240987"). What was matched before still matches: these are additions.

-- Words a reader may type that the parser does not see in `doc`: the parts of each token with a "/" in it
-- (links, paths; split at / ? # = & : . so "…/draft-x-y-11.html" yields draft-x-y-11), and each draft name
-- without its "-NN" version. Pure (IMMUTABLE): only its argument.
CREATE FUNCTION statement_search_extra_words(doc TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT concat_ws(' ',
        (SELECT string_agg(translate(m[1], '/?#=&:.<>()"''', '             '), ' ')
           FROM regexp_matches(doc, '(\S*/\S*)', 'g') AS m),
        (SELECT string_agg(m[1], ' ')
           FROM regexp_matches(doc, '(draft-[a-z0-9]+(?:-[a-z0-9]+)*?)-[0-9]{2}(?![a-z0-9-])', 'gi') AS m))
$$;

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
        || setweight(to_tsvector('english', left(coalesce(body, ''), 200000)), 'D')
        || setweight(to_tsvector('english',
               statement_search_extra_words(coalesce(title, '') || ' ' || left(coalesce(body, ''), 200000))), 'D')
$$;

-- Backfill: the Statement trigger recomputes every row's vector with the new function.
UPDATE "Statement" SET "searchVector" = NULL;
