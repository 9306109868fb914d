-- The 汇总 now keeps two views of every node: 'approved' (the official figures) and 'submitted' (the working
-- figures); drafts count in neither. Everything here is derived from the topics, so it is emptied and the
-- consumer, finding no stored offsets, rebuilds it from the beginning of the topics.
DELETE FROM summary_cell;
DELETE FROM unit_contribution;
DELETE FROM tree_node;
DELETE FROM consumer_offset;

ALTER TABLE unit_contribution ADD COLUMN view_name VARCHAR(16) NOT NULL DEFAULT 'submitted';
ALTER TABLE unit_contribution DROP PRIMARY KEY, ADD PRIMARY KEY (unit_code, fiscal_year, view_name);

ALTER TABLE summary_cell ADD COLUMN view_name VARCHAR(16) NOT NULL DEFAULT 'submitted';
ALTER TABLE summary_cell DROP PRIMARY KEY, ADD PRIMARY KEY (node_code, view_name, fiscal_year, table_id, row_id, col_id);
