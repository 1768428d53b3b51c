-- Planning and dispatch: one route per shift (a re-plan updates the shift's route in place, so a
-- published route keeps its id and a driver's app sees a new version, not a new route); a break
-- stop names which of its shift's breaks it is; plans are looked up by organisation and status.
CREATE UNIQUE INDEX IF NOT EXISTS routes_shift_key ON routes (shift_id);
CREATE INDEX IF NOT EXISTS routes_plan_idx ON routes (plan_id);
ALTER TABLE stops ADD COLUMN IF NOT EXISTS break_index smallint;
CREATE INDEX IF NOT EXISTS plans_org_status_idx ON plans (org_id, status, created_at);
CREATE INDEX IF NOT EXISTS unassigned_orders_order_idx ON unassigned_orders (order_id);
