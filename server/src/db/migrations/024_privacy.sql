-- Retention and privacy (server/src/privacy): when a delivered order's customer details were
-- anonymised (by the retention purge or an erasure request), and a cheap way to find those due.
ALTER TABLE orders ADD COLUMN IF NOT EXISTS anonymised_at timestamptz;
CREATE INDEX IF NOT EXISTS orders_anonymise_due_idx ON orders (org_id, updated_at)
  WHERE status = 'delivered' AND anonymised_at IS NULL;
ALTER TABLE notifications ADD COLUMN IF NOT EXISTS redacted_at timestamptz;
CREATE INDEX IF NOT EXISTS events_at_idx ON events (at);
