-- The audit trail (审计记录, issue 11): every write through the API appends who (the token's subject and username,
-- roles and org node), when, what (action, resource, before → after or a digest) and from where, in the same
-- transaction as the write; every refused write appends a line of its own. Rows are never changed or deleted:
-- the service has no such path (AuditTrail only inserts and selects) and these triggers refuse both, whoever asks.
-- Portable SQL: MariaDB 10.6+ and MySQL 8 (where binary logging is on, the migration's user needs TRIGGER and
-- log_bin_trust_function_creators=1, docs/database.md).
CREATE TABLE audit_entry (
    id          BIGINT        NOT NULL AUTO_INCREMENT,
    at          TIMESTAMP(6)  NOT NULL,
    subject     VARCHAR(255)  NOT NULL,
    username    VARCHAR(255)  NOT NULL,
    roles       VARCHAR(100)  NOT NULL,
    caller_node VARCHAR(64)   NULL,
    -- report.submit, node.remove, … for a write; the permission asked for (SAVE_REPORT, …) for a refusal
    action      VARCHAR(64)   NOT NULL,
    outcome     VARCHAR(16)   NOT NULL,
    -- the resource's path under /api/v1: units/HH-RSJ-YLGS/reports/2023
    resource    VARCHAR(255)  NOT NULL,
    -- the org node the resource belongs to (who may read the line); NULL for service-wide actions
    scope_node  VARCHAR(64)   NULL,
    method      VARCHAR(8)    NULL,
    path        VARCHAR(512)  NULL,
    detail      VARCHAR(1000) NULL,
    from_addr   VARCHAR(255)  NULL,
    PRIMARY KEY (id),
    KEY ix_audit_entry_resource (resource, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TRIGGER audit_entry_never_updated BEFORE UPDATE ON audit_entry FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_entry is append-only: a line is never changed';

CREATE TRIGGER audit_entry_never_deleted BEFORE DELETE ON audit_entry FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_entry is append-only: a line is never deleted';

-- Maker-checker compares people by the token's subject, never by a typed name: each decision keeps the subject
-- of who took it. actor stays the name people read (the token's username); actor_label is what the caller typed
-- in "by", kept as a display label only. Rows written before this migration have no subject.
ALTER TABLE report_transition ADD COLUMN actor_subject VARCHAR(255) NULL AFTER actor;
ALTER TABLE report_transition ADD COLUMN actor_label VARCHAR(100) NULL AFTER actor_subject;
