-- Security (server/src/security): two-factor sign-in, visible sessions, the viewer role, single sign-on.

-- The viewer: the dispatcher's screens, read-only.
ALTER TABLE users DROP CONSTRAINT IF EXISTS users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('admin', 'dispatcher', 'driver', 'viewer'));

-- TOTP (RFC 6238): the secret while enrolling and after; enabled once a first code confirmed it.
-- The last accepted time step refuses a code used twice within its window.
ALTER TABLE users ADD COLUMN IF NOT EXISTS totp_secret text;
ALTER TABLE users ADD COLUMN IF NOT EXISTS totp_enabled_at timestamptz;
ALTER TABLE users ADD COLUMN IF NOT EXISTS totp_last_step bigint;
-- The subject (`iss sub`) of the single sign-on account linked to this user.
ALTER TABLE users ADD COLUMN IF NOT EXISTS oidc_subject text;
CREATE UNIQUE INDEX IF NOT EXISTS users_oidc_subject_key ON users (oidc_subject);

-- Ten single-use recovery codes per enrolment, kept hashed.
CREATE TABLE IF NOT EXISTS recovery_codes (
  id bigserial PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id),
  code_hash text NOT NULL,
  used_at timestamptz
);
CREATE INDEX IF NOT EXISTS recovery_codes_user_idx ON recovery_codes (user_id);

-- A password accepted, the second factor awaited: the challenge token is kept hashed, lives
-- five minutes and takes a few wrong codes.
CREATE TABLE IF NOT EXISTS mfa_challenges (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id),
  ip text NOT NULL,
  user_agent text,
  failures integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);

-- Sessions the user can see and end: an id to name them, the device and address, last seen.
ALTER TABLE sessions ADD COLUMN IF NOT EXISTS id uuid NOT NULL DEFAULT gen_random_uuid();
CREATE UNIQUE INDEX IF NOT EXISTS sessions_id_key ON sessions (id);
ALTER TABLE sessions ADD COLUMN IF NOT EXISTS user_agent text;
ALTER TABLE sessions ADD COLUMN IF NOT EXISTS ip text;
ALTER TABLE sessions ADD COLUMN IF NOT EXISTS last_seen_at timestamptz;
