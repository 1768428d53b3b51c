-- Who holds a plan that is not finished: the server or worker process running it (or holding it
-- in its in-memory queue), as host + pid + that process's start time, and a heartbeat the owner
-- refreshes every few seconds. A process starting (or sweeping) fails only the plans whose owner
-- is gone: a stale heartbeat, or a dead pid on its own host. `queue_name` marks a plan waiting on
-- a BullMQ queue (no process holds it yet; the queue does).
ALTER TABLE plans ADD COLUMN IF NOT EXISTS owner_host text;
ALTER TABLE plans ADD COLUMN IF NOT EXISTS owner_pid integer;
ALTER TABLE plans ADD COLUMN IF NOT EXISTS owner_started_at timestamptz;
ALTER TABLE plans ADD COLUMN IF NOT EXISTS heartbeat_at timestamptz;
ALTER TABLE plans ADD COLUMN IF NOT EXISTS queue_name text;
CREATE INDEX IF NOT EXISTS plans_unfinished_idx ON plans (status) WHERE status IN ('queued', 'running');
