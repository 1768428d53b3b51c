-- Rules of real fleets (issue 19):
-- Loading docks: at most `docks` vans load at the depot at once (NULL = as many as come), each
-- for `loading_min` minutes before it leaves; the planner staggers the departures of a day.
ALTER TABLE depots ADD COLUMN IF NOT EXISTS docks integer CHECK (docks IS NULL OR docks >= 1);
ALTER TABLE depots ADD COLUMN IF NOT EXISTS loading_min integer NOT NULL DEFAULT 0
  CHECK (loading_min >= 0 AND loading_min <= 600);

-- Multi-trip: a van may go back to its depot mid-shift to reload, for `reload_min` minutes
-- (NULL = it never reloads); capacity then holds per trip, `max_trips` trips at most.
ALTER TABLE vehicles ADD COLUMN IF NOT EXISTS reload_min integer CHECK (reload_min IS NULL OR reload_min >= 0);
ALTER TABLE vehicles ADD COLUMN IF NOT EXISTS max_trips integer NOT NULL DEFAULT 3
  CHECK (max_trips >= 1 AND max_trips <= 20);

-- A reload at the depot is a stop of its route, as a break is (no order).
ALTER TABLE stops DROP CONSTRAINT IF EXISTS stops_kind_check;
ALTER TABLE stops ADD CONSTRAINT stops_kind_check CHECK (kind IN ('delivery', 'pickup', 'break', 'reload'));

-- The organisation's working-time rules live in organisations.settings ('workingTime').
