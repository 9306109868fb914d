-- Named like every service's copy of the tree (org_node), which OrgScope reads by default.
RENAME TABLE tree_node TO org_node;
