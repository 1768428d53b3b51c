-- Proof of delivery an order requires (server/src/alerts/: `pod_missing`): the kinds of proof
-- file (as proof_files.kind: 'photo', 'signature') its delivered stop must have. Empty: none.
ALTER TABLE orders ADD COLUMN IF NOT EXISTS require_proof text[] NOT NULL DEFAULT '{}';
