-- Held orders (server/src/lifecycle/hold.ts): the columns are migration 011's, repeated here
-- harmlessly; the automatic release looks up due holds every minute.
ALTER TABLE orders ADD COLUMN IF NOT EXISTS hold_reason text;
ALTER TABLE orders ADD COLUMN IF NOT EXISTS hold_until timestamptz;
CREATE INDEX IF NOT EXISTS orders_hold_until_idx ON orders (hold_until) WHERE status = 'on_hold';

-- A plan's unassigned reason `no_shift` is now `no_shift_on_allowed_days` (beside on_hold,
-- cancelled, status:failed… for orders a plan was asked for and left out).
UPDATE unassigned_orders SET reason = 'no_shift_on_allowed_days' WHERE reason = 'no_shift';

-- Tracking links now get their expiry when created (at most TRACK_LINK_MAX_DAYS later); links
-- made before that had none: they get the default maximum, 60 days after they were created.
UPDATE tracking_links SET expires_at = created_at + interval '60 days' WHERE expires_at IS NULL;
