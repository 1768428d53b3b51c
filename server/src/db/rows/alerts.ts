// Generated from the migrated schema by `pnpm --filter @tournee/server db:row-types`: do not edit.

/** Table `alerts`. */
export interface AlertsRow {
  id: string;
  org_id: string;
  type: string;
  subject: string;
  route_id: string | null;
  stop_id: string | null;
  order_id: string | null;
  driver_id: string | null;
  local_date: string;
  status: string;
  details: unknown;
  opened_at: Date;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
  resolved_at: Date | null;
}
