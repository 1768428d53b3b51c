// Generated from the migrated schema by `pnpm --filter @tournee/server db:row-types`: do not edit.

/** Table `attempts`. */
export interface AttemptsRow {
  id: string;
  org_id: string;
  order_id: string;
  stop_id: string | null;
  route_id: string | null;
  local_date: string;
  n: number;
  outcome: string;
  reason: string | null;
  note: string | null;
  at: Date;
  event_id: string | null;
  created_at: Date;
  updated_at: Date;
}
