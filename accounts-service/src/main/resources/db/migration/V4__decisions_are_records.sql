-- An approval is a record, not a state (issue 10). Every decision on a report — submit (上报), approve (审核通过),
-- return (退回) — and the unit's first edit of a returned report is one row of report_transition, appended and
-- never updated or deleted; a version's approver, time and reason are read from there, so a later return can no
-- longer overwrite them. Portable SQL: MariaDB 10.6+ and MySQL 8.
--
-- report_version.decided_by, decided_at and decision_note held the latest decision only (a return overwrote the
-- approval). They are no longer written or read; they stay so that an older instance still running during an
-- upgrade keeps working, and every row written before this migration has its decisions in report_transition
-- already (both were written in the same transaction since V2). A later migration may drop them.

-- The unit that starts correcting a returned report (returned → draft) may not say who it is (X-Actor is optional).
ALTER TABLE report_transition MODIFY COLUMN actor VARCHAR(100) NULL;

-- A version's decision trail, in the order the decisions were taken.
CREATE INDEX ix_report_transition_version ON report_transition (unit_code, fiscal_year, version, id);
