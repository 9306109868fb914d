-- The tree by year (issue 21, docs/years.md): how each node stands from a year on. org_node keeps the latest
-- version (the tree as it stands today, which access follows); a year's 汇总 follows that year's versions. Every node
-- so far stood the same in every year: one version from year 0, "from the beginning".
CREATE TABLE org_node_version (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    code        VARCHAR(64)  NOT NULL,
    from_year   INT          NOT NULL,
    name        VARCHAR(200) NOT NULL,
    unit_type   VARCHAR(16),
    parent_code VARCHAR(64),
    removed     BOOLEAN      NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uq_org_node_version (code, from_year),
    KEY ix_org_node_version_parent (parent_code),
    CONSTRAINT fk_org_node_version_node FOREIGN KEY (code) REFERENCES org_node (code)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

INSERT INTO org_node_version (code, from_year, name, unit_type, parent_code, removed)
SELECT code, 0, name, unit_type, parent_code, removed_at IS NOT NULL FROM org_node;
