-- The schema for the whole mission: fleet, orders, plans, dispatch, tracking, notifications.
-- Every row belongs to an organisation; locations are geography(Point, 4326) in lon/lat.
CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TABLE IF NOT EXISTS organisations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  -- capacity dimensions, in the order of every capacity and demand vector (kg, m3, parcels)
  dimensions text[] NOT NULL DEFAULT '{kg}',
  default_service_s integer NOT NULL DEFAULT 300,
  default_country char(2) NOT NULL DEFAULT 'FR',
  locale text NOT NULL DEFAULT 'fr',
  settings jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  email text NOT NULL,
  name text NOT NULL DEFAULT '',
  role text NOT NULL CHECK (role IN ('admin', 'dispatcher', 'driver')),
  password_hash text,
  driver_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  disabled_at timestamptz
);
CREATE UNIQUE INDEX IF NOT EXISTS users_email_key ON users (lower(email));

CREATE TABLE IF NOT EXISTS sessions (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX IF NOT EXISTS sessions_user_idx ON sessions (user_id);

CREATE TABLE IF NOT EXISTS login_failures (
  id bigserial PRIMARY KEY,
  email text NOT NULL,
  ip text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS login_failures_email_idx ON login_failures (email, at);
CREATE INDEX IF NOT EXISTS login_failures_ip_idx ON login_failures (ip, at);

-- Audit trail: every write, who did it and what.
CREATE TABLE IF NOT EXISTS events (
  id bigserial PRIMARY KEY,
  org_id uuid REFERENCES organisations(id),
  user_id uuid,
  action text NOT NULL,
  entity text NOT NULL,
  entity_id text,
  details jsonb NOT NULL DEFAULT '{}',
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS events_org_at_idx ON events (org_id, at);
CREATE INDEX IF NOT EXISTS events_entity_idx ON events (entity, entity_id);

CREATE TABLE IF NOT EXISTS depots (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  name text NOT NULL,
  address text NOT NULL DEFAULT '',
  location geography(Point, 4326) NOT NULL,
  time_zone text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);
CREATE INDEX IF NOT EXISTS depots_org_idx ON depots (org_id);

CREATE TABLE IF NOT EXISTS vehicles (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  depot_id uuid NOT NULL REFERENCES depots(id),
  end_depot_id uuid REFERENCES depots(id),
  name text NOT NULL,
  capacity double precision[] NOT NULL DEFAULT '{}',
  skills text[] NOT NULL DEFAULT '{}',
  fixed_cost double precision NOT NULL DEFAULT 0,
  cost_per_km double precision NOT NULL DEFAULT 0,
  cost_per_hour double precision NOT NULL DEFAULT 0,
  max_stops integer,
  max_duration_s integer,
  max_distance_m integer,
  speed_factor double precision NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);
CREATE INDEX IF NOT EXISTS vehicles_org_idx ON vehicles (org_id);

CREATE TABLE IF NOT EXISTS drivers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  name text NOT NULL,
  phone text,
  email text,
  default_vehicle_id uuid REFERENCES vehicles(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);
CREATE INDEX IF NOT EXISTS drivers_org_idx ON drivers (org_id);

-- A weekly pattern ("Mon–Fri 08:00–17:00") that expands into dated shifts.
CREATE TABLE IF NOT EXISTS shift_patterns (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  vehicle_id uuid NOT NULL REFERENCES vehicles(id),
  driver_id uuid REFERENCES drivers(id),
  weekdays smallint[] NOT NULL, -- ISO: 1 = Monday … 7 = Sunday
  start_local time NOT NULL,
  end_local time NOT NULL,
  breaks jsonb NOT NULL DEFAULT '[]',
  valid_from date NOT NULL,
  valid_to date,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);

-- A vehicle's working day. Local times are in the depot's zone; start_at/end_at are the instants.
CREATE TABLE IF NOT EXISTS shifts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  vehicle_id uuid NOT NULL REFERENCES vehicles(id),
  driver_id uuid REFERENCES drivers(id),
  pattern_id uuid REFERENCES shift_patterns(id),
  local_date date NOT NULL,
  start_local time NOT NULL,
  end_local time NOT NULL,
  start_at timestamptz NOT NULL,
  end_at timestamptz NOT NULL,
  breaks jsonb NOT NULL DEFAULT '[]',
  is_override boolean NOT NULL DEFAULT false,
  cancelled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (vehicle_id, local_date)
);
CREATE INDEX IF NOT EXISTS shifts_org_date_idx ON shifts (org_id, local_date);

CREATE TABLE IF NOT EXISTS orders (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  ref text NOT NULL,
  name text NOT NULL DEFAULT '',
  phone text,
  email text,
  address text NOT NULL DEFAULT '',
  location geography(Point, 4326) NOT NULL,
  geocoded boolean NOT NULL DEFAULT false,
  date_from date NOT NULL,
  date_to date NOT NULL,
  -- local times of the depot's zone: [{"start":"08:00","end":"12:00"}, …]
  time_windows jsonb NOT NULL DEFAULT '[]',
  service_s integer NOT NULL,
  demand double precision[] NOT NULL DEFAULT '{}',
  skills text[] NOT NULL DEFAULT '{}',
  priority smallint NOT NULL DEFAULT 0,
  notes text NOT NULL DEFAULT '',
  status text NOT NULL DEFAULT 'imported'
    CHECK (status IN ('imported', 'planned', 'dispatched', 'in_progress', 'delivered', 'failed', 'cancelled')),
  -- hash of the imported content: the same row imported again is "unchanged"
  content_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  cancelled_at timestamptz,
  UNIQUE (org_id, ref)
);
CREATE INDEX IF NOT EXISTS orders_org_dates_idx ON orders (org_id, date_from, date_to);
CREATE INDEX IF NOT EXISTS orders_org_status_idx ON orders (org_id, status);
CREATE INDEX IF NOT EXISTS orders_location_idx ON orders USING gist (location);

CREATE TABLE IF NOT EXISTS imports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  user_id uuid,
  filename text,
  format text NOT NULL,
  partial boolean NOT NULL,
  committed boolean NOT NULL,
  created integer NOT NULL DEFAULT 0,
  updated integer NOT NULL DEFAULT 0,
  unchanged integer NOT NULL DEFAULT 0,
  rejected_rows integer NOT NULL DEFAULT 0,
  at timestamptz NOT NULL DEFAULT now()
);

-- Rejected rows of an import, with their original cells, so they can be downloaded and fixed.
CREATE TABLE IF NOT EXISTS import_rejections (
  import_id uuid NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
  row_number integer NOT NULL,
  errors jsonb NOT NULL,
  cells jsonb NOT NULL,
  PRIMARY KEY (import_id, row_number)
);

CREATE TABLE IF NOT EXISTS geocode_cache (
  query text PRIMARY KEY,
  location geography(Point, 4326),
  label text,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS plans (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  status text NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed', 'cancelled')),
  from_date date NOT NULL,
  to_date date NOT NULL,
  depot_ids uuid[],
  order_ids uuid[],
  options jsonb NOT NULL DEFAULT '{}',
  progress jsonb NOT NULL DEFAULT '{}',
  summary jsonb,
  error text,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz
);

CREATE TABLE IF NOT EXISTS routes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  plan_id uuid REFERENCES plans(id),
  shift_id uuid REFERENCES shifts(id),
  vehicle_id uuid NOT NULL REFERENCES vehicles(id),
  driver_id uuid REFERENCES drivers(id),
  depot_id uuid NOT NULL REFERENCES depots(id),
  local_date date NOT NULL,
  status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'published', 'in_progress', 'done')),
  locked boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1,
  start_at timestamptz,
  end_at timestamptz,
  distance_m double precision NOT NULL DEFAULT 0,
  duration_s double precision NOT NULL DEFAULT 0,
  geometry geography(LineString, 4326),
  violations jsonb NOT NULL DEFAULT '[]',
  published_at timestamptz,
  started_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS routes_org_date_idx ON routes (org_id, local_date);
CREATE INDEX IF NOT EXISTS routes_driver_date_idx ON routes (driver_id, local_date);

CREATE TABLE IF NOT EXISTS route_versions (
  route_id uuid NOT NULL REFERENCES routes(id) ON DELETE CASCADE,
  version integer NOT NULL,
  snapshot jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (route_id, version)
);

CREATE TABLE IF NOT EXISTS stops (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  route_id uuid NOT NULL REFERENCES routes(id) ON DELETE CASCADE,
  order_id uuid REFERENCES orders(id),
  seq integer NOT NULL,
  kind text NOT NULL DEFAULT 'delivery' CHECK (kind IN ('delivery', 'pickup', 'break')),
  planned_arrival_at timestamptz,
  waiting_s double precision NOT NULL DEFAULT 0,
  planned_departure_at timestamptz,
  locked boolean NOT NULL DEFAULT false,
  status text NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'arrived', 'delivered', 'failed', 'skipped')),
  actual_arrival_at timestamptz,
  actual_departure_at timestamptz,
  eta_at timestamptz,
  eta_low_at timestamptz,
  eta_high_at timestamptz,
  eta_updated_at timestamptz,
  violations jsonb NOT NULL DEFAULT '[]'
);
CREATE INDEX IF NOT EXISTS stops_route_idx ON stops (route_id, seq);
CREATE INDEX IF NOT EXISTS stops_order_idx ON stops (order_id);

CREATE TABLE IF NOT EXISTS unassigned_orders (
  plan_id uuid NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  order_id uuid NOT NULL REFERENCES orders(id),
  reason text NOT NULL,
  PRIMARY KEY (plan_id, order_id)
);

-- Per-driver sign-in links and codes for the PWA; stored hashed, revocable, expiring.
CREATE TABLE IF NOT EXISTS driver_access (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  driver_id uuid NOT NULL REFERENCES drivers(id),
  token_hash text NOT NULL UNIQUE,
  code_hash text,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Raw positions: append-only, de-duplicated by the device's UUID, purged after the retention.
CREATE TABLE IF NOT EXISTS positions (
  id bigserial PRIMARY KEY,
  client_id uuid NOT NULL UNIQUE,
  org_id uuid NOT NULL,
  driver_id uuid NOT NULL,
  route_id uuid,
  device_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  location geography(Point, 4326) NOT NULL,
  accuracy_m real,
  speed_mps real,
  heading real
);
CREATE INDEX IF NOT EXISTS positions_driver_at_idx ON positions (driver_id, device_at);
CREATE INDEX IF NOT EXISTS positions_received_idx ON positions (received_at);

-- The freshest position per driver; only ever moves forward in device time.
CREATE TABLE IF NOT EXISTS latest_positions (
  driver_id uuid PRIMARY KEY,
  org_id uuid NOT NULL,
  route_id uuid,
  device_at timestamptz NOT NULL,
  location geography(Point, 4326) NOT NULL,
  accuracy_m real,
  speed_mps real,
  heading real
);

CREATE TABLE IF NOT EXISTS stop_events (
  id uuid PRIMARY KEY, -- the device's UUID: a retried send is applied once
  stop_id uuid NOT NULL REFERENCES stops(id),
  driver_id uuid NOT NULL,
  type text NOT NULL CHECK (type IN ('started', 'arrived', 'delivered', 'failed', 'skipped')),
  reason text,
  note text,
  recipient_name text,
  device_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS proof_files (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  stop_event_id uuid NOT NULL REFERENCES stop_events(id),
  kind text NOT NULL CHECK (kind IN ('photo', 'signature')),
  content_type text NOT NULL,
  data bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Outbox: a message is written here first (idempotency key = order, trigger, version), then sent.
CREATE TABLE IF NOT EXISTS notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL,
  order_id uuid REFERENCES orders(id),
  channel text NOT NULL CHECK (channel IN ('sms', 'email')),
  trigger text NOT NULL,
  idempotency_key text NOT NULL UNIQUE,
  recipient text NOT NULL,
  locale text NOT NULL DEFAULT 'fr',
  subject text,
  body text NOT NULL,
  html text,
  status text NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'sending', 'sent', 'delivered', 'failed', 'suppressed')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  provider text,
  provider_id text,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);
CREATE INDEX IF NOT EXISTS notifications_due_idx ON notifications (status, next_attempt_at);

CREATE TABLE IF NOT EXISTS tracking_links (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL,
  order_id uuid NOT NULL REFERENCES orders(id),
  token_hash text NOT NULL UNIQUE,
  expires_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS ratings (
  order_id uuid PRIMARY KEY REFERENCES orders(id),
  rating smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
  comment text NOT NULL DEFAULT '',
  at timestamptz NOT NULL DEFAULT now()
);
