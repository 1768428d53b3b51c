-- Driver access and live tracking. Codes are looked up by hash (unique among live ones);
-- failed code sign-ins are counted per address for the rate limit. Stop events keep the route,
-- organisation and arrival order (`seq`) they were applied in; a proof file is stored once per
-- event and kind, so a retried upload changes nothing.
ALTER TABLE driver_access ADD COLUMN IF NOT EXISTS org_id uuid REFERENCES organisations(id);
ALTER TABLE driver_access ADD COLUMN IF NOT EXISTS created_by uuid;
CREATE INDEX IF NOT EXISTS driver_access_code_idx ON driver_access (code_hash) WHERE revoked_at IS NULL;
CREATE INDEX IF NOT EXISTS driver_access_driver_idx ON driver_access (driver_id);

CREATE TABLE IF NOT EXISTS driver_code_failures (
  id bigserial PRIMARY KEY,
  ip text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS driver_code_failures_ip_idx ON driver_code_failures (ip, at);

ALTER TABLE stop_events ADD COLUMN IF NOT EXISTS seq bigserial;
ALTER TABLE stop_events ADD COLUMN IF NOT EXISTS org_id uuid;
ALTER TABLE stop_events ADD COLUMN IF NOT EXISTS route_id uuid;
CREATE INDEX IF NOT EXISTS stop_events_stop_idx ON stop_events (stop_id, seq);

CREATE UNIQUE INDEX IF NOT EXISTS proof_files_event_kind_key ON proof_files (stop_event_id, kind);
ALTER TABLE proof_files ADD COLUMN IF NOT EXISTS size_bytes integer;


-- Where a stop's actual arrival came from: 'event' (the driver said so) or 'geofence' (a
-- position within 50 m of the next stop, the fallback when the driver taps nothing).
ALTER TABLE stops ADD COLUMN IF NOT EXISTS actual_arrival_source text CHECK (actual_arrival_source IN ('event', 'geofence'));
