-- The years a bureau opened (issue 21, docs/years.md), each kept as the files it was built from, so that a year's
-- reports are read and audited with the same lists and rules for good, whatever a later release bundles. The
-- years bundled with the build are not stored: the build is their source. Rows are only ever added: the service's
-- database user may SELECT and INSERT here, nothing more (RuntimeGrants).
CREATE TABLE opened_year (
    fiscal_year    INT          NOT NULL PRIMARY KEY,
    previous_year  INT          NOT NULL,
    content_digest CHAR(16)     NOT NULL,
    audit_digest   CHAR(16)     NOT NULL,
    opened_by      VARCHAR(255) NOT NULL,
    opened_at      TIMESTAMP(6) NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE opened_year_file (
    fiscal_year INT         NOT NULL,
    name        VARCHAR(64) NOT NULL,
    content     LONGBLOB    NOT NULL,
    PRIMARY KEY (fiscal_year, name),
    CONSTRAINT fk_opened_year_file_year FOREIGN KEY (fiscal_year) REFERENCES opened_year (fiscal_year)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
