-- Delivery codes (issue 16: requireProof 'code'): every order gets a random 4-digit code the
-- customer is told in the messages and on the tracking page; when the order requires it
-- ('code' in require_proof), the driver must type it to confirm the delivery. The volatile
-- default gives each existing row its own code.
ALTER TABLE orders ADD COLUMN IF NOT EXISTS delivery_code text NOT NULL
  DEFAULT lpad((floor(random() * 10000))::int::text, 4, '0');

-- Wrong codes typed at a stop: after 5 the stop needs a dispatcher to unlock it (guessing a
-- 4-digit code is then out of reach). Reset by the unlock.
ALTER TABLE stops ADD COLUMN IF NOT EXISTS code_failures int NOT NULL DEFAULT 0;
