-- The audit (审核) of a working copy is kept with it (issue 14): a save audits the report once and stores the
-- completed report (with its derived subtotals) and the findings here; the submission of that unchanged body and
-- every read of the report reuse them instead of running the rule book again. audit_basis records what else the
-- audit depended on (the rule book's digest, the unit's type, which of last year's reports the cross-year rules
-- read); when that no longer matches, a read recomputes without storing and a submission audits again.
-- NULL (rows saved before this migration): no kept audit, recomputed as before. Portable SQL: MariaDB 10.6+, MySQL 8.
ALTER TABLE unit_report ADD COLUMN audit_basis VARCHAR(255) NULL;
ALTER TABLE unit_report ADD COLUMN audited_body MEDIUMTEXT NULL;
ALTER TABLE unit_report ADD COLUMN audit_findings MEDIUMTEXT NULL;
