-- Scheduled planning and publishing (server/src/schedules/) and recurring orders
-- (server/src/recurring/).
--
-- A plan schedule plans a depot's next days on a cron (in the depot's zone) and may publish a
-- day at a local cut-off. Every tick it acts on is one row of plan_schedule_runs, inserted
-- before acting: the unique key (schedule, kind, tick) is what makes one process — of however
-- many share the database — run it, with Redis or without.
CREATE TABLE IF NOT EXISTS plan_schedules (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  name text NOT NULL,
  enabled boolean NOT NULL DEFAULT true,
  depot_id uuid NOT NULL REFERENCES depots(id),
  cron text NOT NULL,
  start_offset_days int NOT NULL DEFAULT 1,
  horizon_days int NOT NULL DEFAULT 1,
  options jsonb NOT NULL DEFAULT '{}',
  time_limit_s real,
  -- Auto-publish: at this local time (HH:MM) every day, the day `publish_lead_days` ahead.
  publish_at text,
  publish_lead_days int,
  -- Ticks at or before this instant (the scheduler's clock when the schedule was created or its
  -- timing changed) are never run: a new schedule does not catch up on its past.
  armed_at timestamptz NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS plan_schedules_org_idx ON plan_schedules (org_id);

CREATE TABLE IF NOT EXISTS plan_schedule_runs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  schedule_id uuid NOT NULL REFERENCES plan_schedules(id) ON DELETE CASCADE,
  org_id uuid NOT NULL REFERENCES organisations(id),
  kind text NOT NULL CHECK (kind IN ('plan', 'publish')),
  tick timestamptz NOT NULL,
  -- running: being started; planning: its plans are queued or running; done/failed: summarised.
  status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'planning', 'done', 'failed')),
  plan_ids uuid[] NOT NULL DEFAULT '{}',
  from_date date,
  to_date date,
  summary jsonb,
  error text,
  started_at timestamptz NOT NULL,
  finished_at timestamptz,
  UNIQUE (schedule_id, kind, tick)
);
CREATE INDEX IF NOT EXISTS plan_schedule_runs_open_idx ON plan_schedule_runs (status) WHERE status IN ('running', 'planning');

-- Order templates: one order per occurrence of the RRULE, `ref` = `<template ref>-<YYYY-MM-DD>`.
-- `order_fields` holds the order as the template API takes it (shared/src/schedules.ts).
CREATE TABLE IF NOT EXISTS order_templates (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations(id),
  ref text NOT NULL,
  depot_id uuid NOT NULL REFERENCES depots(id),
  rrule text NOT NULL,
  starts_on date NOT NULL,
  ends_on date,
  ahead_days int NOT NULL DEFAULT 14,
  paused boolean NOT NULL DEFAULT false,
  order_fields jsonb NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, ref)
);

-- One row per occurrence ever generated: an occurrence is generated once, so an order edited
-- (or cancelled) since is never written over by the next generation. `content_hash` is the
-- order's as the template last wrote it: an order still holding it was not edited by anyone, and
-- follows a change of the template.
CREATE TABLE IF NOT EXISTS order_template_occurrences (
  template_id uuid NOT NULL REFERENCES order_templates(id) ON DELETE CASCADE,
  local_date date NOT NULL,
  order_id uuid REFERENCES orders(id) ON DELETE SET NULL,
  content_hash text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (template_id, local_date)
);
ALTER TABLE order_template_occurrences ADD COLUMN IF NOT EXISTS content_hash text;

-- The daily generation of a template, once per local day whatever the number of processes.
CREATE TABLE IF NOT EXISTS order_template_runs (
  template_id uuid NOT NULL REFERENCES order_templates(id) ON DELETE CASCADE,
  local_date date NOT NULL,
  ran_at timestamptz NOT NULL,
  PRIMARY KEY (template_id, local_date)
);
