-- The 汇总 kept in memory, with the database as its changelog (issue 22, docs/summaries.md "Where the 汇总 live").
--
-- A batch used to read, parse, add to and rewrite the whole sheet of every node it touched (a region's is about
-- 3,400 cells) under that sheet's row lock. Now every instance keeps the sheets in memory and a batch appends only
-- its deltas, one row per node, view and year it changed, numbered by summary_head.seq, which the batch increments
-- as its last statement before commit: the row lock on the head makes batches commit in the order of their numbers,
-- so an instance that reads every delta after the number it has applied misses none. summary_sheet becomes the
-- snapshot: a node's sheet as the sum of its deltas up to summary_sheet.seq, written from memory now and then so
-- that a start reads a snapshot and a few deltas instead of the whole history.
--
-- A unit's own figures are no longer kept as a sheet: its contribution (unit_contribution) is its own 汇总, and a
-- node's whole 汇总 is its kept sheet (what lies below it) plus its own contributions. The kept sheets therefore
-- change meaning: the derived tables and the offsets are emptied and the consumer rebuilds them from the topics.
CREATE TABLE summary_delta (
    seq         BIGINT      NOT NULL,
    node_code   VARCHAR(64) NOT NULL,
    view_name   VARCHAR(16) NOT NULL,
    fiscal_year INT         NOT NULL,
    cells       MEDIUMTEXT  NOT NULL,
    PRIMARY KEY (node_code, view_name, fiscal_year, seq),
    KEY ix_summary_delta_seq (seq)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- seq: the number of the last batch that changed a 汇总 or the tree; epoch: changes when the derived tables are
-- emptied (a rebuild), so an instance knows its memory belongs to a history that is gone; tree_tag: changes with
-- the tree (a rendering names the tree it was made from).
CREATE TABLE summary_head (
    id       INT    NOT NULL,
    seq      BIGINT NOT NULL,
    epoch    BIGINT NOT NULL,
    tree_tag BIGINT NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB;
INSERT INTO summary_head (id, seq, epoch, tree_tag) VALUES (1, 0, CAST(RAND() * 9007199254740991 AS SIGNED), 0);

DELETE FROM summary_sheet;
ALTER TABLE summary_sheet DROP COLUMN tag;
ALTER TABLE summary_sheet ADD COLUMN seq BIGINT NOT NULL DEFAULT 0;
ALTER TABLE summary_sheet ADD KEY ix_summary_sheet_seq (seq);
ALTER TABLE summary_lock DROP COLUMN tree_tag;

DELETE FROM unit_contribution;
DELETE FROM org_node;
DELETE FROM org_node_version;
DELETE FROM project_contribution;
DELETE FROM fund_contribution;
DELETE FROM consumer_offset;
