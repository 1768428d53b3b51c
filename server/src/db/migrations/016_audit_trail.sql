-- Issue 15, an audit trail you can read. Orders say where they came from: `source` ('import' for a
-- file, 'api' for a JSON body, 'manual' for a row written any other way) and the import that
-- created them (`import_id`) and last changed them (`last_import_id`), so an order's history starts
-- with its import. Orders that exist already all came through the import pipeline (the only
-- writer so far): they get 'import'; rows that do not say otherwise from now on are 'manual'.
ALTER TABLE orders ADD COLUMN IF NOT EXISTS source text NOT NULL DEFAULT 'import';
ALTER TABLE orders ALTER COLUMN source SET DEFAULT 'manual';
ALTER TABLE orders ADD COLUMN IF NOT EXISTS import_id uuid REFERENCES imports(id) ON DELETE SET NULL;
ALTER TABLE orders ADD COLUMN IF NOT EXISTS last_import_id uuid REFERENCES imports(id) ON DELETE SET NULL;

-- GET /api/audit pages an organisation's events newest first on (at, id).
CREATE INDEX IF NOT EXISTS events_org_at_id_idx ON events (org_id, at DESC, id DESC);
-- An order's history reads its own events, and a plan's or a publication's by transaction time.
CREATE INDEX IF NOT EXISTS events_org_entity_idx ON events (org_id, entity, entity_id);
