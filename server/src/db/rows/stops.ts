// Generated from the migrated schema by `pnpm --filter @tournee/server db:row-types`: do not edit.

/** Table `stops`. */
export interface StopsRow {
  id: string;
  route_id: string;
  order_id: string | null;
  seq: number;
  kind: string;
  planned_arrival_at: Date | null;
  waiting_s: number;
  planned_departure_at: Date | null;
  locked: boolean;
  status: string;
  actual_arrival_at: Date | null;
  actual_departure_at: Date | null;
  eta_at: Date | null;
  eta_low_at: Date | null;
  eta_high_at: Date | null;
  eta_updated_at: Date | null;
  violations: unknown;
  break_index: number | null;
  actual_arrival_source: string | null;
  code_failures: number;
}
