-- A unit formed from others (issue 21, docs/years.md): the units it was merged or split from and the first year it
-- reports as what the change made. Comparisons with last year of a merged unit without a report of its own read the
-- sum of its predecessors' reports. The whole list of a unit is replaced at once (PUT …/predecessors).
CREATE TABLE unit_predecessor (
    id               BIGINT       NOT NULL AUTO_INCREMENT,
    unit_code        VARCHAR(64)  NOT NULL,
    predecessor_code VARCHAR(64)  NOT NULL,
    relation         VARCHAR(16)  NOT NULL,
    since_year       INT          NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uq_unit_predecessor (unit_code, predecessor_code),
    CONSTRAINT fk_unit_predecessor_unit FOREIGN KEY (unit_code) REFERENCES org_node (code),
    CONSTRAINT fk_unit_predecessor_predecessor FOREIGN KEY (predecessor_code) REFERENCES org_node (code)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
