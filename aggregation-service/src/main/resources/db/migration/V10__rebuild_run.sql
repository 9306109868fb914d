-- Rebuilds of what this service derives from events (RebuildCoordinator): one interrupted by a crash is finished
-- after the restart, and reads know that one is under way.
CREATE TABLE rebuild_run (
    id              BIGINT        NOT NULL AUTO_INCREMENT,
    reason          VARCHAR(1000) NOT NULL,
    started_at      TIMESTAMP(3)  NOT NULL,
    sources_done_at TIMESTAMP(3)  NULL,
    -- the end of every partition once the sources had re-published their state: "topic:partition=offset,…"
    target_offsets  TEXT          NULL,
    completed_at    TIMESTAMP(3)  NULL,
    last_error      VARCHAR(1000) NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
