-- A removed node stays known but accepts nothing new.
ALTER TABLE tree_node ADD COLUMN removed BOOLEAN NOT NULL DEFAULT FALSE;
