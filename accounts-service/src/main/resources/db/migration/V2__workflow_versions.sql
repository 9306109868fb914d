-- The report workflow: draft → submitted → approved (locked) or returned (editable again).
-- unit_report keeps the working copy; every submission is kept whole in report_version; every transition is
-- recorded in report_transition (who, when, from, to, why).

-- What was called version (one per save) becomes revision; version now numbers submissions (0 = never submitted).
ALTER TABLE unit_report CHANGE COLUMN version revision BIGINT NOT NULL;
ALTER TABLE unit_report ADD COLUMN version INT NOT NULL DEFAULT 0;
ALTER TABLE unit_report ADD COLUMN updated_by VARCHAR(100) NULL;

CREATE TABLE report_version (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    unit_code     VARCHAR(64)  NOT NULL,
    fiscal_year   INT          NOT NULL,
    version       INT          NOT NULL,
    state         VARCHAR(16)  NOT NULL,
    -- the report with its derived subtotals, as the 汇总 receives it
    body          MEDIUMTEXT   NOT NULL,
    -- the audit findings at submission and the waivers (校验申请) given for the errors among them
    findings      MEDIUMTEXT   NOT NULL,
    waivers       MEDIUMTEXT   NOT NULL,
    submitted_by  VARCHAR(100) NOT NULL,
    submitted_at  TIMESTAMP(3) NOT NULL,
    decided_by    VARCHAR(100) NULL,
    decided_at    TIMESTAMP(3) NULL,
    decision_note VARCHAR(2000) NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_report_version (unit_code, fiscal_year, version),
    CONSTRAINT fk_report_version_unit FOREIGN KEY (unit_code) REFERENCES org_node (code)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE report_transition (
    id          BIGINT        NOT NULL AUTO_INCREMENT,
    unit_code   VARCHAR(64)   NOT NULL,
    fiscal_year INT           NOT NULL,
    version     INT           NOT NULL,
    from_state  VARCHAR(16)   NOT NULL,
    to_state    VARCHAR(16)   NOT NULL,
    actor       VARCHAR(100)  NOT NULL,
    note        VARCHAR(2000) NULL,
    at          TIMESTAMP(3)  NOT NULL,
    PRIMARY KEY (id),
    KEY ix_report_transition (unit_code, fiscal_year, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
