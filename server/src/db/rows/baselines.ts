// Generated from the migrated schema by `pnpm --filter @tournee/server db:row-types`: do not edit.

/** Table `baselines`. */
export interface BaselinesRow {
  id: string;
  org_id: string;
  name: string;
  local_date: string;
  filename: string | null;
  totals: unknown;
  routes: unknown;
  created_by: string | null;
  created_at: Date;
}
