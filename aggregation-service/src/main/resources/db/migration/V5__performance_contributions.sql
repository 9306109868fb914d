-- Project funds and fund statistics from performance-service's events: the latest revision of each, rolled up
-- per node on read (far fewer rows than report cells).
CREATE TABLE project_contribution (
    unit_code        VARCHAR(64)    NOT NULL,
    fiscal_year      INT            NOT NULL,
    project          VARCHAR(64)    NOT NULL,
    name             VARCHAR(200)   NOT NULL,
    funding_source   VARCHAR(16)    NOT NULL,
    full_year_budget DECIMAL(18, 2) NOT NULL,
    spent            DECIMAL(18, 2) NOT NULL,
    score            DECIMAL(8, 2)  NULL,
    grade            VARCHAR(8)     NULL,
    behind_schedule  BOOLEAN        NOT NULL,
    revision         BIGINT         NOT NULL,
    PRIMARY KEY (unit_code, fiscal_year, project)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE fund_contribution (
    region_code     VARCHAR(64)    NOT NULL,
    fiscal_year     INT            NOT NULL,
    fund            VARCHAR(32)    NOT NULL,
    level           VARCHAR(16)    NOT NULL,
    insured         DECIMAL(18, 2) NULL,
    active          DECIMAL(18, 2) NULL,
    retired         DECIMAL(18, 2) NULL,
    total_income    DECIMAL(18, 2) NOT NULL,
    premium_income  DECIMAL(18, 2) NULL,
    total_expense   DECIMAL(18, 2) NOT NULL,
    benefit_expense DECIMAL(18, 2) NULL,
    balance         DECIMAL(18, 2) NULL,
    revision        BIGINT         NOT NULL,
    PRIMARY KEY (region_code, fiscal_year, fund, level)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
