// Generated from the migrated schema by `pnpm --filter @tournee/server db:row-types`: do not edit.

/** Table `positions`. */
export interface PositionsRow {
  id: string;
  client_id: string;
  org_id: string;
  driver_id: string;
  route_id: string | null;
  device_at: Date;
  received_at: Date;
  location: unknown;
  accuracy_m: number | null;
  speed_mps: number | null;
  heading: number | null;
}
