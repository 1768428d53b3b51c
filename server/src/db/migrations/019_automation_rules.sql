-- Intake rules (server/src/automation/): "if this, then that" on every imported order, run in
-- `position` order. `when` and `then` are the JSON shapes of shared/src/automation.ts.
CREATE TABLE IF NOT EXISTS automation_rules (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  position int NOT NULL,
  name text NOT NULL,
  enabled boolean NOT NULL DEFAULT true,
  stop boolean NOT NULL DEFAULT false,
  "when" jsonb NOT NULL,
  "then" jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS automation_rules_org_position_idx ON automation_rules (org_id, position);

-- What rules may give an order beyond the file's fields: the depot that serves it, and tags.
ALTER TABLE orders ADD COLUMN IF NOT EXISTS depot_id uuid REFERENCES depots(id);
ALTER TABLE orders ADD COLUMN IF NOT EXISTS tags text[] NOT NULL DEFAULT '{}';
