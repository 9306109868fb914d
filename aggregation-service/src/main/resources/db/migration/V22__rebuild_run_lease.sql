-- A rebuild is one run for every instance of the service (RebuildCoordinator). The instance that holds the run renews
-- its lease (the database's clock, so instances' clocks need not agree); when the holder dies the lease lapses and
-- another instance takes the run over. `active` is 1 on the one unfinished run and NULL on every other: its unique
-- key lets two instances asked at once start one run between them.
ALTER TABLE rebuild_run
    ADD COLUMN holder      VARCHAR(200) NULL,
    ADD COLUMN lease_until TIMESTAMP(3) NULL,
    ADD COLUMN active      TINYINT      NULL,
    ADD UNIQUE KEY uq_rebuild_run_active (active);

-- The newest run, if unfinished, is the one under way (a run restarted before this version left the earlier unfinished).
UPDATE rebuild_run r JOIN (SELECT MAX(id) AS id FROM rebuild_run) newest ON r.id = newest.id
SET r.active = 1 WHERE r.completed_at IS NULL;
