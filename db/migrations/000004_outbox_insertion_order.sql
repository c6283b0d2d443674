-- Applications confirmed in the same instant are filed in the order they were confirmed.
ALTER TABLE outbox ADD COLUMN added_order bigint GENERATED ALWAYS AS IDENTITY;
DROP INDEX outbox_pending;
CREATE INDEX outbox_pending ON outbox (created_at, added_order) WHERE state = 'pending';
