-- Social-insurance fund statistics: per year, region, fund and level (全市, 市本级 or a county code).
-- 参保人数 in 万人, money in 万元.
CREATE TABLE fund_statistics (
    id              BIGINT         NOT NULL AUTO_INCREMENT,
    fiscal_year     INT            NOT NULL,
    region_code     VARCHAR(64)    NOT NULL,
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
    updated_at      TIMESTAMP(3)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_fund_statistics (fiscal_year, region_code, fund, level)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
