// Generated from the migrated schema by `pnpm --filter @tournee/server db:row-types`: do not edit.

/** Table `depots`. */
export interface DepotsRow {
  id: string;
  org_id: string;
  name: string;
  address: string;
  location: unknown;
  time_zone: string;
  created_at: Date;
  updated_at: Date;
  deleted_at: Date | null;
  docks: number | null;
  loading_min: number;
}
