-- Sign-in and driver-code attempts are counted by the one rate limiter (http/rate-limit.ts, over
-- Redis or memory) since issue 20; these tables are no longer read or written.
DROP TABLE IF EXISTS login_failures;
DROP TABLE IF EXISTS driver_code_failures;
