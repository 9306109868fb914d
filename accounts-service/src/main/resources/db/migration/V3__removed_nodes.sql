-- A node is removed, not deleted: its reports and their history stay; it counts in no 汇总 any more.
ALTER TABLE org_node ADD COLUMN removed_at TIMESTAMP(3) NULL;
