-- performance-service follows the organisation tree from accounts-service's events; it reads no other
-- service's tables. Portable SQL: MariaDB 10.6+ and MySQL 8.

CREATE TABLE tree_node (
    code        VARCHAR(64)  NOT NULL,
    name        VARCHAR(200) NOT NULL,
    kind        VARCHAR(16)  NOT NULL,
    unit_type   VARCHAR(16)  NULL,
    parent_code VARCHAR(64)  NULL,
    revision    BIGINT       NOT NULL,
    PRIMARY KEY (code)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE consumer_offset (
    topic        VARCHAR(200) NOT NULL,
    partition_no INT          NOT NULL,
    next_offset  BIGINT       NOT NULL,
    updated_at   TIMESTAMP(3) NOT NULL,
    PRIMARY KEY (topic, partition_no)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE rejected_event (
    id            BIGINT        NOT NULL AUTO_INCREMENT,
    topic         VARCHAR(200)  NOT NULL,
    partition_no  INT           NOT NULL,
    record_offset BIGINT        NOT NULL,
    record_key    VARCHAR(200)  NULL,
    reason        VARCHAR(1000) NOT NULL,
    payload       MEDIUMTEXT    NULL,
    rejected_at   TIMESTAMP(3)  NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
