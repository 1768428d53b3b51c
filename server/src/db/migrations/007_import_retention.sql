-- Rejected import rows are kept IMPORT_REJECTIONS_RETENTION_DAYS, at most IMPORT_REJECTIONS_MAX_ROWS
-- per import: the import remembers how many it kept when the cap cut them short (null: all kept)
-- and when they were purged, so its rejected-rows CSV can say it is cut short or gone.
ALTER TABLE imports ADD COLUMN IF NOT EXISTS rejected_kept integer;
ALTER TABLE imports ADD COLUMN IF NOT EXISTS rejections_purged_at timestamptz;
-- The purge looks for old imports that still have rejected rows.
CREATE INDEX IF NOT EXISTS imports_unpurged_at_idx ON imports (at) WHERE rejections_purged_at IS NULL;
