-- Baselines (server/src/savings/): the customer's own routes of a day, imported from a file and
-- evaluated with the plan's travel and rules (never solved), kept to compare plans against.
-- The evaluated routes are one jsonb: a baseline is read and shown whole, never queried by stop.
CREATE TABLE IF NOT EXISTS baselines (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  name text NOT NULL,
  local_date date NOT NULL,
  filename text,
  totals jsonb NOT NULL,
  routes jsonb NOT NULL DEFAULT '[]',
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS baselines_org_date_idx ON baselines (org_id, local_date);
