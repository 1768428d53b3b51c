// Generated from the migrated schema by `pnpm --filter @tournee/server db:row-types`: do not edit.

/** Table `plan_schedules`. */
export interface PlanSchedulesRow {
  id: string;
  org_id: string;
  name: string;
  enabled: boolean;
  depot_id: string;
  cron: string;
  start_offset_days: number;
  horizon_days: number;
  options: unknown;
  time_limit_s: number | null;
  publish_at: string | null;
  publish_lead_days: number | null;
  armed_at: Date;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}
