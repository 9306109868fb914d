-- Project funds (项目) of each unit and year: budgets, spending through the year, 绩效 indicators; the figures of
-- the unit's 决算 that the projects are reconciled with; the outbox of this service's events.

CREATE TABLE project (
    id               BIGINT         NOT NULL AUTO_INCREMENT,
    unit_code        VARCHAR(64)    NOT NULL,
    fiscal_year      INT            NOT NULL,
    code             VARCHAR(64)    NOT NULL,
    name             VARCHAR(200)   NOT NULL,
    funding_source   VARCHAR(16)    NOT NULL,
    initial_budget   DECIMAL(18, 2) NOT NULL,
    full_year_budget DECIMAL(18, 2) NOT NULL,
    goal             VARCHAR(2000)  NULL,
    revision         BIGINT         NOT NULL,
    updated_at       TIMESTAMP(3)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_project (unit_code, fiscal_year, code)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE project_spending (
    id          BIGINT         NOT NULL AUTO_INCREMENT,
    project_id  BIGINT         NOT NULL,
    spent_on    DATE           NOT NULL,
    amount      DECIMAL(18, 2) NOT NULL,
    memo        VARCHAR(500)   NULL,
    recorded_at TIMESTAMP(3)   NOT NULL,
    PRIMARY KEY (id),
    KEY ix_project_spending (project_id, spent_on),
    CONSTRAINT fk_project_spending FOREIGN KEY (project_id) REFERENCES project (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE project_indicator (
    id          BIGINT         NOT NULL AUTO_INCREMENT,
    project_id  BIGINT         NOT NULL,
    position    INT            NOT NULL,
    level1      VARCHAR(50)    NOT NULL,
    level2      VARCHAR(50)    NOT NULL,
    level3      VARCHAR(200)   NOT NULL,
    kind        VARCHAR(16)    NOT NULL,
    direction   VARCHAR(16)    NULL,
    target      DECIMAL(18, 4) NULL,
    actual      DECIMAL(18, 4) NULL,
    achievement VARCHAR(16)    NULL,
    weight      DECIMAL(6, 2)  NOT NULL,
    applicable  BOOLEAN        NOT NULL,
    PRIMARY KEY (id),
    KEY ix_project_indicator (project_id, position),
    CONSTRAINT fk_project_indicator FOREIGN KEY (project_id) REFERENCES project (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- 项目支出 of the unit's 决算 as accounts-service published it, per view (approved / submitted).
CREATE TABLE report_project_spending (
    unit_code   VARCHAR(64)    NOT NULL,
    fiscal_year INT            NOT NULL,
    view_name   VARCHAR(16)    NOT NULL,
    version     BIGINT         NOT NULL,
    table03     DECIMAL(18, 2) NULL,
    table05     DECIMAL(18, 2) NULL,
    PRIMARY KEY (unit_code, fiscal_year, view_name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE outbox_event (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    topic        VARCHAR(200) NOT NULL,
    event_key    VARCHAR(200) NOT NULL,
    event_type   VARCHAR(100) NOT NULL,
    payload      MEDIUMTEXT   NOT NULL,
    created_at   TIMESTAMP(3) NOT NULL,
    published_at TIMESTAMP(3) NULL,
    PRIMARY KEY (id),
    KEY ix_outbox_unpublished (published_at, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
