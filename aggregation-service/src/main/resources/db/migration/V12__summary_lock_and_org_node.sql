-- One English word per concept across the services: 汇总 is a "summary" (summary_sheet, /summaries) and a node of
-- the organisation tree an "org node" (accounts-service's org_node). The lock the batches take before adding to
-- the summaries, and this service's copy of the tree, are renamed to match; their contents are unchanged.
RENAME TABLE rollup_lock TO summary_lock;
RENAME TABLE tree_node TO org_node;
