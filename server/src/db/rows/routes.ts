// Generated from the migrated schema by `pnpm --filter @tournee/server db:row-types`: do not edit.

/** Table `routes`. */
export interface RoutesRow {
  id: string;
  org_id: string;
  plan_id: string | null;
  shift_id: string | null;
  vehicle_id: string;
  driver_id: string | null;
  depot_id: string;
  local_date: string;
  status: string;
  locked: boolean;
  version: number;
  start_at: Date | null;
  end_at: Date | null;
  distance_m: number;
  duration_s: number;
  geometry: unknown;
  violations: unknown;
  published_at: Date | null;
  started_at: Date | null;
  created_at: Date;
  updated_at: Date;
  start_any_day: boolean;
}
