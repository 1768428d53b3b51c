// Generated from the migrated schema by `pnpm --filter @tournee/server db:row-types`: do not edit.

/** Table `tracker_devices`. */
export interface TrackerDevicesRow {
  id: string;
  org_id: string;
  driver_id: string;
  name: string;
  key_hash: string;
  prefix: string;
  created_at: Date;
  last_seen_at: Date | null;
  revoked_at: Date | null;
}
