// Generated from the migrated schema by `pnpm --filter @tournee/server db:row-types`: do not edit.

/** Table `driver_access`. */
export interface DriverAccessRow {
  id: string;
  driver_id: string;
  token_hash: string;
  code_hash: string | null;
  expires_at: Date;
  revoked_at: Date | null;
  created_at: Date;
  org_id: string | null;
  created_by: string | null;
}
