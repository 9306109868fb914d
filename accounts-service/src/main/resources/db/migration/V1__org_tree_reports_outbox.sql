-- accounts-service owns the organisation tree and the units' reports. Portable SQL: MariaDB 10.6+ and MySQL 8.

CREATE TABLE org_node (
    code        VARCHAR(64)  NOT NULL,
    name        VARCHAR(200) NOT NULL,
    kind        VARCHAR(16)  NOT NULL,
    unit_type   VARCHAR(16)  NULL,
    parent_code VARCHAR(64)  NULL,
    revision    BIGINT       NOT NULL,
    updated_at  TIMESTAMP(3) NOT NULL,
    PRIMARY KEY (code),
    KEY ix_org_node_parent (parent_code),
    CONSTRAINT fk_org_node_parent FOREIGN KEY (parent_code) REFERENCES org_node (code)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The current report of a unit and year. The body is the canonical report shape as JSON text (not a JSON
-- column: MariaDB and MySQL disagree on that type); amounts inside are strings, so nothing is rounded.
CREATE TABLE unit_report (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    unit_code   VARCHAR(64)  NOT NULL,
    fiscal_year INT          NOT NULL,
    version     BIGINT       NOT NULL,
    state       VARCHAR(16)  NOT NULL,
    amount_unit VARCHAR(8)   NOT NULL,
    cell_count  INT          NOT NULL,
    body        MEDIUMTEXT   NOT NULL,
    saved_at    TIMESTAMP(3) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_unit_report (unit_code, fiscal_year),
    CONSTRAINT fk_unit_report_unit FOREIGN KEY (unit_code) REFERENCES org_node (code)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Transactional outbox: written in the same transaction as the data, published by the relay, then marked.
CREATE TABLE outbox_event (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    topic        VARCHAR(200) NOT NULL,
    event_key    VARCHAR(200) NOT NULL,
    event_type   VARCHAR(100) NOT NULL,
    payload      MEDIUMTEXT   NOT NULL,
    created_at   TIMESTAMP(3) NOT NULL,
    published_at TIMESTAMP(3) NULL,
    PRIMARY KEY (id),
    KEY ix_outbox_unpublished (published_at, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
