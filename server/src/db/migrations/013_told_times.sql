-- Issue 13, times that agree: one tracking link per order, reused by every message of the order
-- (the token is kept beside its hash so the next message can carry it again — the outbox already
-- holds it in each message's body), and what the customer was told: the announced band (the
-- tracking page shows it beside the booked slot) and when the throttled messages last went out.
ALTER TABLE tracking_links ADD COLUMN IF NOT EXISTS token text;
CREATE INDEX IF NOT EXISTS tracking_links_order_created_idx ON tracking_links (order_id, created_at DESC);

ALTER TABLE notify_order_state ADD COLUMN IF NOT EXISTS announced_start_at timestamptz;
ALTER TABLE notify_order_state ADD COLUMN IF NOT EXISTS announced_end_at timestamptz;
ALTER TABLE notify_order_state ADD COLUMN IF NOT EXISTS announced_outside text;
ALTER TABLE notify_order_state ADD COLUMN IF NOT EXISTS eta_moved_sent_at timestamptz;
ALTER TABLE notify_order_state ADD COLUMN IF NOT EXISTS started_sent_at timestamptz;
