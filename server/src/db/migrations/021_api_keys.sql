-- API keys for integrations (server/src/api-keys): only the SHA-256 of the key is kept; the key is
-- shown once when created. Scopes say which routes the key may call (api-keys/scopes.ts).
CREATE TABLE IF NOT EXISTS api_keys (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  name text NOT NULL,
  key_hash text NOT NULL UNIQUE,
  prefix text NOT NULL,
  scopes text[] NOT NULL,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX IF NOT EXISTS api_keys_org_idx ON api_keys (org_id, created_at DESC);

-- GPS trackers (OsmAnd / Traccar Client protocol): a device key stands for a driver, like a
-- driver access link, and is kept hashed the same way.
CREATE TABLE IF NOT EXISTS tracker_devices (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  driver_id uuid NOT NULL REFERENCES drivers(id),
  name text NOT NULL,
  key_hash text NOT NULL UNIQUE,
  prefix text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX IF NOT EXISTS tracker_devices_org_idx ON tracker_devices (org_id, created_at DESC);
