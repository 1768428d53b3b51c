// Generated from the migrated schema by `pnpm --filter @tournee/server db:row-types`: do not edit.

/** Table `shifts`. */
export interface ShiftsRow {
  id: string;
  org_id: string;
  vehicle_id: string;
  driver_id: string | null;
  pattern_id: string | null;
  local_date: string;
  start_local: unknown;
  end_local: unknown;
  start_at: Date;
  end_at: Date;
  breaks: unknown;
  is_override: boolean;
  cancelled: boolean;
  created_at: Date;
  updated_at: Date;
}
