-- Webhooks (server/src/webhooks): subscriptions, the events they may receive and one delivery row
-- per event and subscription: the outbox. Order events are written by a trigger on `orders`, in
-- the transaction of the change itself (every path that changes an order: imports, the API, the
-- lifecycle, shop intake), so an event is never lost nor sent for a change rolled back. Route and
-- stop events come from the domain-event bus (webhooks/domain-events.ts).
CREATE TABLE IF NOT EXISTS webhook_subscriptions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  url text NOT NULL,
  events text[] NOT NULL,
  secret text NOT NULL,
  description text NOT NULL DEFAULT '',
  enabled boolean NOT NULL DEFAULT true,
  disabled_reason text,
  failing_since timestamptz,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS webhook_subscriptions_org_idx ON webhook_subscriptions (org_id) WHERE enabled;

CREATE TABLE IF NOT EXISTS webhook_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  type text NOT NULL,
  -- what the event is about (an order's or a route's id): deliveries keep its order
  subject_id text NOT NULL,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  data jsonb NOT NULL
);
CREATE INDEX IF NOT EXISTS webhook_events_org_idx ON webhook_events (org_id, occurred_at);

-- `id` orders the deliveries: one subject's events reach a subscriber in that order.
CREATE TABLE IF NOT EXISTS webhook_deliveries (
  id bigserial PRIMARY KEY,
  subscription_id uuid NOT NULL REFERENCES webhook_subscriptions(id) ON DELETE CASCADE,
  event_id uuid NOT NULL REFERENCES webhook_events(id) ON DELETE CASCADE,
  subject_id text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  -- a sender took it until then (another process may retry it past that: at least once)
  lease_until timestamptz,
  last_attempt_at timestamptz,
  last_status_code integer,
  last_error text,
  delivered_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (subscription_id, event_id)
);
CREATE INDEX IF NOT EXISTS webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX IF NOT EXISTS webhook_deliveries_subject_idx
  ON webhook_deliveries (subscription_id, subject_id, id) WHERE status = 'pending';
CREATE INDEX IF NOT EXISTS webhook_deliveries_log_idx ON webhook_deliveries (subscription_id, id DESC);

-- The last ETA of each stop sent as `stop.eta_changed` (the event is throttled per stop).
CREATE TABLE IF NOT EXISTS webhook_eta_marks (
  stop_id uuid PRIMARY KEY,
  eta_at timestamptz NOT NULL,
  sent_at timestamptz NOT NULL
);

CREATE OR REPLACE FUNCTION webhook_order_event() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  kind text;
  event_id uuid;
BEGIN
  IF TG_OP = 'INSERT' THEN
    kind := 'order.created';
  ELSIF NEW.status IS DISTINCT FROM OLD.status THEN
    kind := CASE
      WHEN NEW.status IN ('planned', 'dispatched', 'in_progress', 'delivered', 'failed', 'cancelled') THEN 'order.' || NEW.status
      WHEN NEW.date_from IS DISTINCT FROM OLD.date_from OR NEW.date_to IS DISTINCT FROM OLD.date_to THEN 'order.rescheduled'
      ELSE 'order.updated' END;
  ELSIF NEW.date_from IS DISTINCT FROM OLD.date_from OR NEW.date_to IS DISTINCT FROM OLD.date_to THEN
    kind := 'order.rescheduled';
  ELSIF NEW.content_hash IS DISTINCT FROM OLD.content_hash OR NEW.updated_at IS DISTINCT FROM OLD.updated_at THEN
    kind := 'order.updated';
  ELSE
    RETURN NULL;
  END IF;
  -- Most organisations have no subscription: one indexed look-up and nothing written.
  IF NOT EXISTS (SELECT 1 FROM webhook_subscriptions s WHERE s.org_id = NEW.org_id AND s.enabled AND kind = ANY (s.events)) THEN
    RETURN NULL;
  END IF;
  INSERT INTO webhook_events (org_id, type, subject_id, occurred_at, data)
  VALUES (NEW.org_id, kind, NEW.id::text, clock_timestamp(), jsonb_build_object(
    'id', NEW.id, 'ref', NEW.ref, 'status', NEW.status,
    'previousStatus', CASE WHEN TG_OP = 'UPDATE' THEN OLD.status END,
    'name', NEW.name, 'phone', NEW.phone, 'email', NEW.email, 'address', NEW.address,
    'location', jsonb_build_object('type', 'Point', 'coordinates',
      jsonb_build_array(ST_X(NEW.location::geometry), ST_Y(NEW.location::geometry))),
    'dateFrom', NEW.date_from, 'dateTo', NEW.date_to, 'timeWindows', NEW.time_windows,
    'notes', NEW.notes, 'source', NEW.source, 'updatedAt', NEW.updated_at))
  RETURNING id INTO event_id;
  INSERT INTO webhook_deliveries (subscription_id, event_id, subject_id)
  SELECT s.id, event_id, NEW.id::text FROM webhook_subscriptions s
   WHERE s.org_id = NEW.org_id AND s.enabled AND kind = ANY (s.events);
  RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS orders_webhook_event ON orders;
CREATE TRIGGER orders_webhook_event AFTER INSERT OR UPDATE ON orders
  FOR EACH ROW EXECUTE FUNCTION webhook_order_event();

-- Shop intake (server/src/intake): each shop's webhook secret, and which order each shop order became.
CREATE TABLE IF NOT EXISTS shop_connections (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  platform text NOT NULL CHECK (platform IN ('shopify', 'woocommerce')),
  shop text NOT NULL,
  secret text NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_order_at timestamptz,
  UNIQUE (platform, shop)
);
CREATE TABLE IF NOT EXISTS shop_orders (
  org_id uuid NOT NULL REFERENCES organisations(id),
  platform text NOT NULL,
  shop_order_id text NOT NULL,
  order_id uuid REFERENCES orders(id),
  -- the shipping line's title, for the service-mapping rules
  shipping_method text,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, platform, shop_order_id)
);
