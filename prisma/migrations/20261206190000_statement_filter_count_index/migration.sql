-- The archive's filtered list counted by index (issue 19). Hand-written (docs/decisions/002); the same on
-- PGlite and PostgreSQL.
--
-- The /statements list and the API count the public statements that match the filters
-- (src/server/archive/query.ts: `count(*)` with the filter's WHERE). For the direction, purpose and
-- "action needed" filters no index held every column that WHERE reads (the filter's, and state and postedAt
-- for "public"), so PostgreSQL read the Statement heap: the whole of it for direction and purpose (a full
-- scan, 158 ms at 100,000 statements), or a page per match for "action needed" (216 ms, cold). With these
-- indexes each count is an index-only scan of the matching entries (the heap is read only for pages changed
-- since the last vacuum). Measured on PostgreSQL at 100,000 statements, load 12 on 2 cores: incoming + for
-- action 13 ms (19,260 matches), action needed 2 ms. A count is still linear in its matches (≈ 0.6 µs each).
-- Not partial (WHERE public): Prisma's schema cannot state a partial index without a preview feature, and the
-- non-public statements are a few percent of an archive. "since"/"until" use Statement_state_postedAt_idx
-- already.
--
-- From/To (an EXISTS over StatementGroup for the group and its sub-groups): StatementGroup's index gains
-- statementId and Statement gets (id, state, postedAt), so the count is a merge join of two index-only
-- scans instead of a heap lookup per match (the busiest From group, 8,730 matches at 100,000 statements,
-- load ≈ 10: 570 → 67 ms; without the Statement index the planner reads the whole heap, 183 ms).
CREATE INDEX "Statement_direction_purpose_state_postedAt_idx"
    ON "Statement" ("direction", "purpose", "state", "postedAt");
CREATE INDEX "Statement_purpose_state_postedAt_idx"
    ON "Statement" ("purpose", "state", "postedAt");
CREATE INDEX "Statement_actionStatus_state_postedAt_idx"
    ON "Statement" ("actionStatus", "state", "postedAt");
DROP INDEX "StatementGroup_groupId_side_idx";
CREATE INDEX "StatementGroup_groupId_side_statementId_idx"
    ON "StatementGroup" ("groupId", "side", "statementId");
CREATE INDEX "Statement_id_state_postedAt_idx"
    ON "Statement" ("id", "state", "postedAt");
