-- Sign-in attempts are reserved before the password is checked: a row is written `pending`
-- (under a per-account advisory lock) and counts against the limits at once, so parallel
-- requests cannot all pass the check before any failure is recorded. A failed check turns it
-- into a plain failure; a successful one deletes it.
ALTER TABLE login_failures ADD COLUMN IF NOT EXISTS pending boolean NOT NULL DEFAULT false;
CREATE INDEX IF NOT EXISTS login_failures_email_ip_idx ON login_failures (email, ip, at);
