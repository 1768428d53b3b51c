-- Attempts and re-delivery (server/src/lifecycle/attempts.ts): one row per visit of an order,
-- written when a stop event gives the visit its outcome (a later, corrected event of the same
-- stop updates it). A failed or skipped visit ends an attempt, not the order. Attempts outlive
-- their stop: when a stop is deleted (routes rewritten), `stop_id` becomes null.
CREATE TABLE IF NOT EXISTS attempts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  order_id uuid NOT NULL REFERENCES orders(id),
  stop_id uuid REFERENCES stops(id) ON DELETE SET NULL,
  route_id uuid,
  local_date date NOT NULL,
  n integer NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('delivered', 'failed', 'skipped')),
  reason text,
  note text,
  -- the device's time of the event that set the outcome
  at timestamptz NOT NULL,
  -- the stop event that set (or last corrected) the outcome; its proof files are the attempt's
  event_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (order_id, n)
);
CREATE UNIQUE INDEX IF NOT EXISTS attempts_stop_key ON attempts (stop_id);
CREATE INDEX IF NOT EXISTS attempts_org_order_idx ON attempts (org_id, order_id);

-- Why an order is on hold (`max_attempts` when re-delivery gave up, or a dispatcher's reason)
-- and when it is released by itself (null: held until released).
ALTER TABLE orders ADD COLUMN IF NOT EXISTS hold_reason text;
ALTER TABLE orders ADD COLUMN IF NOT EXISTS hold_until timestamptz;
