-- One English word for a node of the organisation tree across the services: this service's copy of the tree is
-- named like accounts-service's org_node. Contents unchanged.
RENAME TABLE tree_node TO org_node;
