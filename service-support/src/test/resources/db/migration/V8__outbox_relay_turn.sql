-- The outbox relay's turn (OutboxRelay): every batch first takes this row's lock and holds it until its rows are
-- published and marked, so the relays of several instances publish one batch at a time, in id order, and a key's
-- events never overtake each other. A row lock, not a named lock: it is replicated and certified by Galera.
CREATE TABLE outbox_relay_turn (
    id       TINYINT      NOT NULL,
    holder   VARCHAR(200) NOT NULL,
    taken_at TIMESTAMP(3) NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

INSERT INTO outbox_relay_turn (id, holder, taken_at) VALUES (1, '', CURRENT_TIMESTAMP(3));
