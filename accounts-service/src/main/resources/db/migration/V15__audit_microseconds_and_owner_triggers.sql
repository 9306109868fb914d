-- The audit trail keeps microseconds, and its triggers belong to the schema's owner (issue 20).
--
-- at: TIMESTAMP(6) since the trail was created, but the lines were written to the whole second (the driver cut the
-- time it bound); AuditTrail now writes CURRENT_TIMESTAMP(6). Declared again here with that default, the same on
-- MariaDB and MySQL 8 whatever explicit_defaults_for_timestamp says; lines already written keep their whole seconds.
ALTER TABLE audit_entry MODIFY at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6);

-- The service now runs with a user that may only SELECT and INSERT on audit_entry (RuntimeGrants); the migrations
-- run as the schema's owner. A trigger runs with its definer's rights, so the two triggers are created again by
-- the owner: created by the old all-privileged service user, they would depend on rights that user no longer has.
DROP TRIGGER IF EXISTS audit_entry_never_updated;
DROP TRIGGER IF EXISTS audit_entry_never_deleted;

CREATE TRIGGER audit_entry_never_updated BEFORE UPDATE ON audit_entry FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_entry is append-only: a line is never changed';

CREATE TRIGGER audit_entry_never_deleted BEFORE DELETE ON audit_entry FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_entry is append-only: a line is never deleted';
