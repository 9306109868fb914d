-- The tree by year (issue 21, docs/years.md): how each node stands from a year on, as accounts-service's
-- OrgNodeChanged events carry it. org_node keeps the latest version (access follows it); a year's 汇总, lineage,
-- findings and trend follow that year's versions. Every node so far stood the same in every year: one version from
-- year 0, "from the beginning". The kind of a node never changes; it is kept here so a year's tree is one table.
CREATE TABLE org_node_version (
    code        VARCHAR(64)  NOT NULL,
    from_year   INT          NOT NULL,
    name        VARCHAR(200) NOT NULL,
    kind        VARCHAR(16)  NOT NULL,
    unit_type   VARCHAR(16),
    parent_code VARCHAR(64),
    removed     BOOLEAN      NOT NULL,
    PRIMARY KEY (code, from_year),
    KEY ix_org_node_version_parent (parent_code, from_year)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

INSERT INTO org_node_version (code, from_year, name, kind, unit_type, parent_code, removed)
SELECT code, 0, name, kind, unit_type, parent_code, removed FROM org_node;
