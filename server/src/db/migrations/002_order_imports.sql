-- Orders import: the header and delimiter of each import, so its rejected rows can be handed
-- back as a CSV with the user's own columns; and the cursor the rejected-rows download pages by.
ALTER TABLE imports ADD COLUMN IF NOT EXISTS columns text[] NOT NULL DEFAULT '{}';
ALTER TABLE imports ADD COLUMN IF NOT EXISTS delimiter text NOT NULL DEFAULT ',';
ALTER TABLE imports ADD COLUMN IF NOT EXISTS total_rows integer NOT NULL DEFAULT 0;
CREATE INDEX IF NOT EXISTS imports_org_at_idx ON imports (org_id, at);
