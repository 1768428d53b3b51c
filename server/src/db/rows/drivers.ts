// Generated from the migrated schema by `pnpm --filter @tournee/server db:row-types`: do not edit.

/** Table `drivers`. */
export interface DriversRow {
  id: string;
  org_id: string;
  name: string;
  phone: string | null;
  email: string | null;
  default_vehicle_id: string | null;
  created_at: Date;
  updated_at: Date;
  deleted_at: Date | null;
}
