-- The dispatchers' alerts inbox (server/src/alerts/): opened by the server when it detects a
-- condition (late risk, stale GPS, off route, failed delivery, route not started, message
-- failed), resolved by it when the condition ends, acknowledged by a dispatcher meanwhile.
-- `subject` names what the alert is about (`route:<id>`, `stop:<id>`, `notification:<id>`); the
-- ids are copies, not foreign keys: an alert outlives a route rewritten since.
CREATE TABLE IF NOT EXISTS alerts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  type text NOT NULL,
  subject text NOT NULL,
  route_id uuid,
  stop_id uuid,
  order_id uuid,
  driver_id uuid,
  local_date date NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'acknowledged', 'resolved')),
  details jsonb NOT NULL DEFAULT '{}',
  opened_at timestamptz NOT NULL DEFAULT now(),
  acknowledged_at timestamptz,
  acknowledged_by uuid,
  resolved_at timestamptz
);
-- One unresolved alert per type and subject: two processes detecting the same condition at once
-- insert one row (INSERT … ON CONFLICT DO NOTHING), and only the inserting one announces it.
CREATE UNIQUE INDEX IF NOT EXISTS alerts_one_open_key ON alerts (org_id, type, subject) WHERE status <> 'resolved';
CREATE INDEX IF NOT EXISTS alerts_org_date_idx ON alerts (org_id, local_date, status);
