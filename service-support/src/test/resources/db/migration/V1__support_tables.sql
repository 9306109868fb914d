-- The tables every service keeps for the shared machinery, as the services' own migrations create them.
CREATE TABLE consumer_offset (
    topic        VARCHAR(200) NOT NULL,
    partition_no INT          NOT NULL,
    next_offset  BIGINT       NOT NULL,
    updated_at   TIMESTAMP(3) NOT NULL,
    PRIMARY KEY (topic, partition_no)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

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

CREATE TABLE outbox_event (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    topic        VARCHAR(200) NOT NULL,
    event_key    VARCHAR(200) NOT NULL,
    event_type   VARCHAR(100) NOT NULL,
    payload      MEDIUMTEXT   NOT NULL,
    created_at   TIMESTAMP(3) NOT NULL,
    published_at TIMESTAMP(3) NULL,
    parked_at    TIMESTAMP(3) NULL,
    park_reason  VARCHAR(1000) NULL,
    PRIMARY KEY (id),
    KEY ix_outbox_unpublished (published_at, id),
    KEY ix_outbox_parked (parked_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- What the test applier did with each record: one row per application, so a record applied twice shows twice.
CREATE TABLE applied_record (
    topic         VARCHAR(200) NOT NULL,
    partition_no  INT          NOT NULL,
    record_offset BIGINT       NOT NULL,
    record_value  VARCHAR(200) NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
