-- The kept 汇总 moves from one row per cell to one row per node, view and year holding the whole sheet
-- (summary_sheet.cells, lines of "table<TAB>row<TAB>col<TAB>amount", amounts as exact decimals in 万元).
-- A batch of events now writes each touched 汇总 once, however many cells its units changed: a report version
-- used to upsert about 230 cells at the unit and again at every ancestor (docs/benchmarks.md).
-- tag changes (a new random number) at every write of a sheet, and rollup_lock.tree_tag at every batch that
-- changes the tree, so a reader can tell that a 汇总 it rendered is still current and answer a conditional
-- request (ETag). Random rather than counted: a count would start again after a rebuild and match old renderings.
-- The derived tables are emptied and the consumer rebuilds them from the topics.
CREATE TABLE summary_sheet (
    node_code   VARCHAR(64) NOT NULL,
    view_name   VARCHAR(16) NOT NULL,
    fiscal_year INT         NOT NULL,
    cells       MEDIUMTEXT  NOT NULL,
    tag         BIGINT      NOT NULL,
    PRIMARY KEY (node_code, view_name, fiscal_year)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

ALTER TABLE rollup_lock ADD COLUMN tree_tag BIGINT NOT NULL DEFAULT 0;

DROP TABLE summary_cell;
DELETE FROM unit_contribution;
DELETE FROM tree_node;
DELETE FROM project_contribution;
DELETE FROM fund_contribution;
DELETE FROM consumer_offset;
