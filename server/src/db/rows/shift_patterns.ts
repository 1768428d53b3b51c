// Generated from the migrated schema by `pnpm --filter @tournee/server db:row-types`: do not edit.

/** Table `shift_patterns`. */
export interface ShiftPatternsRow {
  id: string;
  org_id: string;
  vehicle_id: string;
  driver_id: string | null;
  weekdays: number[];
  start_local: unknown;
  end_local: unknown;
  breaks: unknown;
  valid_from: string;
  valid_to: string | null;
  created_at: Date;
  updated_at: Date;
  deleted_at: Date | null;
}
