-- The order lifecycle (server/src/lifecycle): an order can also be `skipped` (its stop was) or
-- `on_hold`; a route may be started on a day other than its date only once a dispatcher allowed
-- it (`start_any_day`, audited). Orders of routes already on the road follow them, as the
-- lifecycle now does when a route starts.
ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_status_check;
ALTER TABLE orders ADD CONSTRAINT orders_status_check CHECK (status IN
  ('imported', 'planned', 'dispatched', 'in_progress', 'delivered', 'failed', 'skipped', 'on_hold', 'cancelled'));
ALTER TABLE routes ADD COLUMN IF NOT EXISTS start_any_day boolean NOT NULL DEFAULT false;

UPDATE orders o SET status = 'in_progress', updated_at = now()
  FROM stops s JOIN routes r ON r.id = s.route_id
 WHERE s.order_id = o.id AND o.status = 'dispatched' AND r.status = 'in_progress' AND s.status IN ('pending', 'arrived');
UPDATE orders o SET status = 'skipped', updated_at = now()
  FROM stops s WHERE s.order_id = o.id AND o.status = 'dispatched' AND s.status = 'skipped';
