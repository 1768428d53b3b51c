-- Customer notifications and tracking links. Each outbox row knows its route (for per-route
-- listings); customers who opted out are kept per organisation and recipient; the last ETA told
-- to a customer decides when "ETA moved" fires again.
ALTER TABLE notifications ADD COLUMN IF NOT EXISTS route_id uuid;
ALTER TABLE notifications ADD COLUMN IF NOT EXISTS updated_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX IF NOT EXISTS notifications_order_idx ON notifications (order_id, created_at);
CREATE INDEX IF NOT EXISTS notifications_provider_idx ON notifications (provider_id);

CREATE TABLE IF NOT EXISTS notify_opt_outs (
  org_id uuid NOT NULL REFERENCES organisations(id),
  recipient text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, recipient)
);

CREATE TABLE IF NOT EXISTS notify_order_state (
  order_id uuid PRIMARY KEY REFERENCES orders(id),
  told_eta_at timestamptz,
  eta_moves integer NOT NULL DEFAULT 0
);

CREATE INDEX IF NOT EXISTS tracking_links_order_idx ON tracking_links (order_id);
