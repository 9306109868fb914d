-- An event Kafka refuses for good (larger than the topic accepts, say) is parked with the reason instead of
-- blocking the relay: later events of the same key wait behind it (their order matters), other keys go on.
ALTER TABLE outbox_event ADD COLUMN parked_at TIMESTAMP(3) NULL;
ALTER TABLE outbox_event ADD COLUMN park_reason VARCHAR(1000) NULL;
CREATE INDEX ix_outbox_parked ON outbox_event (parked_at);
