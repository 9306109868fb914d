-- As accounts-service's V8: an outbox row may refer to a stored body instead of copying it (OutboxBodies).
ALTER TABLE outbox_event ADD COLUMN body_ref VARCHAR(200) NULL;
ALTER TABLE outbox_event ADD COLUMN body_at INT NULL;

-- Bodies stored whole by the test application, which its events refer to (StoredBodies).
CREATE TABLE test_body (
    ref  VARCHAR(200) NOT NULL,
    body MEDIUMTEXT   NOT NULL,
    PRIMARY KEY (ref)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
