-- A submitted or approved report's event carries the version's completed report, which report_version.body holds
-- already (issue 14): its outbox row keeps the small envelope with "report": null and refers to the version
-- (body_ref 'report_version/<id>'; body_at, where in the payload the body goes), and the relay splices the body in
-- when it publishes. A version's body never changes, so the published event is exactly the one committed. Rows
-- written before this migration have no reference and are published as stored. Portable SQL: MariaDB 10.6+, MySQL 8.
ALTER TABLE outbox_event ADD COLUMN body_ref VARCHAR(200) NULL;
ALTER TABLE outbox_event ADD COLUMN body_at INT NULL;
