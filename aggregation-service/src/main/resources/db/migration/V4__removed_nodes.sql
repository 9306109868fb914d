-- A removed node stays known (its code, its own figures) but counts under no parent.
ALTER TABLE tree_node ADD COLUMN removed BOOLEAN NOT NULL DEFAULT FALSE;
