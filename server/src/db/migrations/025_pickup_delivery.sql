-- Pickup and delivery orders: an order may be collected somewhere (a supplier, another customer)
-- before it is delivered at `location`. The planner makes such an order one solver shipment
-- (pickup first, same vehicle) and its route gets two stops, `kind` 'pickup' then 'delivery'.
-- No pickup_location: an ordinary delivery from the depot.
ALTER TABLE orders ADD COLUMN IF NOT EXISTS pickup_address text;
ALTER TABLE orders ADD COLUMN IF NOT EXISTS pickup_location geography(Point, 4326);
-- Local times of the depot's zone, as time_windows: [{"start":"08:00","end":"10:00"}]; [] = any time.
ALTER TABLE orders ADD COLUMN IF NOT EXISTS pickup_time_windows jsonb NOT NULL DEFAULT '[]';
