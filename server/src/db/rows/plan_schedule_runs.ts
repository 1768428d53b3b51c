// Generated from the migrated schema by `pnpm --filter @tournee/server db:row-types`: do not edit.

/** Table `plan_schedule_runs`. */
export interface PlanScheduleRunsRow {
  id: string;
  schedule_id: string;
  org_id: string;
  kind: string;
  tick: Date;
  status: string;
  plan_ids: string[];
  from_date: string | null;
  to_date: string | null;
  summary: unknown;
  error: string | null;
  started_at: Date;
  finished_at: Date | null;
}
