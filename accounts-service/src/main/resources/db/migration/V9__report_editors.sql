-- Maker-checker covers the makers of the figures, not only the submitter (issue 20): every person (token subject)
-- who saved a changed revision of a unit's working copy, by the version that revision went into (the number the
-- next submission takes). A reviewer who is on this list for a version up to the one decided may neither approve
-- nor return it: figures they entered may still be in it. Rows are only ever added.
CREATE TABLE report_editor (
    unit_code      VARCHAR(64)  NOT NULL,
    fiscal_year    INT          NOT NULL,
    version        INT          NOT NULL,
    subject        VARCHAR(255) NOT NULL,
    username       VARCHAR(255) NOT NULL,
    first_saved_at TIMESTAMP(6) NOT NULL,
    PRIMARY KEY (unit_code, fiscal_year, version, subject)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Saves before this table: the audit trail (V6) names the subject of every save; which version each went into is
-- not worth reconstructing, so they count as version 0, that is for every version of the report.
INSERT INTO report_editor (unit_code, fiscal_year, version, subject, username, first_saved_at)
SELECT SUBSTRING_INDEX(SUBSTRING_INDEX(resource, '/', 2), '/', -1),
       CAST(SUBSTRING_INDEX(resource, '/', -1) AS SIGNED), 0, subject, MIN(username), MIN(at)
  FROM audit_entry
 WHERE action = 'report.save' AND outcome = 'done' AND resource LIKE 'units/%/reports/%'
   AND SUBSTRING_INDEX(resource, '/', -1) REGEXP '^[0-9]{4}$'
 GROUP BY SUBSTRING_INDEX(SUBSTRING_INDEX(resource, '/', 2), '/', -1), SUBSTRING_INDEX(resource, '/', -1), subject;
