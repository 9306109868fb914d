-- aggregation-service keeps, for every node of the tree, the live 汇总 of its units' reports.
-- Portable SQL: MariaDB 10.6+ and MySQL 8.

-- The tree as the events describe it. No foreign key: a child's event may arrive before its parent's.
CREATE TABLE tree_node (
    code        VARCHAR(64)  NOT NULL,
    name        VARCHAR(200) NOT NULL,
    kind        VARCHAR(16)  NOT NULL,
    unit_type   VARCHAR(16)  NULL,
    parent_code VARCHAR(64)  NULL,
    revision    BIGINT       NOT NULL,
    PRIMARY KEY (code),
    KEY ix_tree_node_parent (parent_code)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- What each unit's report currently adds to the 汇总 (its latest version), so a correction can retract it.
-- Cells as JSON text in 万元; amounts are strings inside, never floating point.
CREATE TABLE unit_contribution (
    unit_code   VARCHAR(64)  NOT NULL,
    fiscal_year INT          NOT NULL,
    version     BIGINT       NOT NULL,
    state       VARCHAR(16)  NOT NULL,
    cells       MEDIUMTEXT   NOT NULL,
    applied_at  TIMESTAMP(3) NOT NULL,
    PRIMARY KEY (unit_code, fiscal_year)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The kept 汇总: Σ of the contributions of every unit in the node's subtree, cell by cell, in 万元.
-- Six decimals so that a report in 元 (two decimals) adds in without rounding.
CREATE TABLE summary_cell (
    node_code   VARCHAR(64)    NOT NULL,
    fiscal_year INT            NOT NULL,
    table_id    VARCHAR(8)     NOT NULL,
    row_id      VARCHAR(64)    NOT NULL,
    col_id      VARCHAR(8)     NOT NULL,
    amount      DECIMAL(24, 6) NOT NULL,
    PRIMARY KEY (node_code, fiscal_year, table_id, row_id, col_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The next offset to read per topic partition, committed in the same transaction as the aggregates it
-- produced: a redelivered record is either already counted and skipped, or not counted and applied.
CREATE TABLE consumer_offset (
    topic        VARCHAR(200) NOT NULL,
    partition_no INT          NOT NULL,
    next_offset  BIGINT       NOT NULL,
    updated_at   TIMESTAMP(3) NOT NULL,
    PRIMARY KEY (topic, partition_no)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Records that could not be read as an event of a known contract (poison events), kept with the reason.
CREATE TABLE rejected_event (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    topic         VARCHAR(200) NOT NULL,
    partition_no  INT          NOT NULL,
    record_offset BIGINT       NOT NULL,
    record_key    VARCHAR(200) NULL,
    reason        VARCHAR(1000) NOT NULL,
    payload       MEDIUMTEXT   NULL,
    rejected_at   TIMESTAMP(3) NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
