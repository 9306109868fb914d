-- Each unit's contribution now also counts the unit itself (a cell "_.units_in._" of 1), so every node's 汇总
-- keeps how many units are in, moving and retracting with the figures. The derived tables are emptied and the
-- consumer rebuilds them from the topics.
DELETE FROM summary_cell;
DELETE FROM unit_contribution;
DELETE FROM tree_node;
DELETE FROM project_contribution;
DELETE FROM fund_contribution;
DELETE FROM consumer_offset;
