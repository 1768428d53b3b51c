// Generated from the migrated schema by `pnpm --filter @tournee/server db:row-types`: do not edit.

/** Table `stop_events`. */
export interface StopEventsRow {
  id: string;
  stop_id: string;
  driver_id: string;
  type: string;
  reason: string | null;
  note: string | null;
  recipient_name: string | null;
  device_at: Date;
  received_at: Date;
  seq: string;
  org_id: string | null;
  route_id: string | null;
}
