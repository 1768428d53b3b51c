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

-- Order events, set-based: one statement-level trigger per INSERT and UPDATE reads the rows it
-- changed from transition tables (an import of 100,000 rows pays one query, not 100,000 function
-- calls), and writes nothing at all when the organisations concerned have no subscription.
-- `kind` per row: created; a status change to planned … cancelled is that event; a change of the
-- dates (with or without a status change) is rescheduled; any other change is updated.
CREATE OR REPLACE FUNCTION webhook_order_events_write(changed jsonb) RETURNS void
LANGUAGE sql AS $$
  WITH c AS (
    SELECT (x->>'org_id')::uuid AS org_id, x->>'kind' AS kind, x->>'id' AS subject_id, x->'data' AS data, ord
      FROM jsonb_array_elements(changed) WITH ORDINALITY AS t(x, ord)
  ), ev AS (
    INSERT INTO webhook_events (org_id, type, subject_id, occurred_at, data)
    SELECT c.org_id, c.kind, c.subject_id, clock_timestamp(), c.data FROM c
     WHERE EXISTS (SELECT 1 FROM webhook_subscriptions s WHERE s.org_id = c.org_id AND s.enabled AND c.kind = ANY (s.events))
     ORDER BY c.ord
    RETURNING id, org_id, type, subject_id
  )
  INSERT INTO webhook_deliveries (subscription_id, event_id, subject_id)
  SELECT s.id, ev.id, ev.subject_id FROM ev
    JOIN webhook_subscriptions s ON s.org_id = ev.org_id AND s.enabled AND ev.type = ANY (s.events);
$$;

CREATE OR REPLACE FUNCTION webhook_order_data(o orders, previous_status text) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'id', o.id, 'ref', o.ref, 'status', o.status, 'previousStatus', previous_status,
    'name', o.name, 'phone', o.phone, 'email', o.email, 'address', o.address,
    'location', jsonb_build_object('type', 'Point', 'coordinates',
      jsonb_build_array(ST_X(o.location::geometry), ST_Y(o.location::geometry))),
    'dateFrom', o.date_from, 'dateTo', o.date_to, 'timeWindows', o.time_windows,
    'notes', o.notes, 'source', o.source, 'updatedAt', o.updated_at)
$$;

CREATE OR REPLACE FUNCTION webhook_orders_inserted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- Most organisations have no subscription: one look-up per statement and nothing written.
  IF NOT EXISTS (SELECT 1 FROM webhook_subscriptions s
                  WHERE s.enabled AND EXISTS (SELECT 1 FROM new_rows n WHERE n.org_id = s.org_id)) THEN
    RETURN NULL;
  END IF;
  PERFORM webhook_order_events_write(coalesce((
    SELECT jsonb_agg(jsonb_build_object('org_id', n.org_id, 'id', n.id, 'kind', 'order.created',
                                        'data', webhook_order_data(n, NULL)))
      FROM new_rows n), '[]'));
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION webhook_orders_updated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM webhook_subscriptions s
                  WHERE s.enabled AND EXISTS (SELECT 1 FROM new_rows n WHERE n.org_id = s.org_id)) THEN
    RETURN NULL;
  END IF;
  PERFORM webhook_order_events_write(coalesce((
    SELECT jsonb_agg(jsonb_build_object('org_id', k.org_id, 'id', k.id, 'kind', k.kind, 'data', k.data))
      FROM (
        SELECT n.org_id, n.id, webhook_order_data(n, o.status) AS data,
               CASE
                 WHEN n.status IS DISTINCT FROM o.status
                      AND n.status IN ('planned', 'dispatched', 'in_progress', 'delivered', 'failed', 'cancelled')
                   THEN 'order.' || n.status
                 WHEN n.date_from IS DISTINCT FROM o.date_from OR n.date_to IS DISTINCT FROM o.date_to
                   THEN 'order.rescheduled'
                 WHEN n.status IS DISTINCT FROM o.status OR n.content_hash IS DISTINCT FROM o.content_hash
                      OR n.updated_at IS DISTINCT FROM o.updated_at
                   THEN 'order.updated'
               END AS kind
          FROM new_rows n JOIN old_rows o ON o.id = n.id
      ) k WHERE k.kind IS NOT NULL), '[]'));
  RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS orders_webhook_event ON orders;
DROP TRIGGER IF EXISTS orders_webhook_inserted ON orders;
DROP TRIGGER IF EXISTS orders_webhook_updated ON orders;
CREATE TRIGGER orders_webhook_inserted AFTER INSERT ON orders
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION webhook_orders_inserted();
CREATE TRIGGER orders_webhook_updated AFTER UPDATE ON orders
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION webhook_orders_updated();

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
