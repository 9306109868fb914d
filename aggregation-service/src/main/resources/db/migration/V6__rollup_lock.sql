-- Instances of aggregation-service share the work. Every batch holds this row's lock for its transaction:
-- shared when it only adds report or performance figures (increments commute), exclusive when it changes the
-- tree (a move reads a node's 汇总 and carries it, which must not interleave with increments below that node).
CREATE TABLE rollup_lock (
    id INT NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB;
INSERT INTO rollup_lock (id) VALUES (1);
