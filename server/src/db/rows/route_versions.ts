// Generated from the migrated schema by `pnpm --filter @tournee/server db:row-types`: do not edit.

/** Table `route_versions`. */
export interface RouteVersionsRow {
  route_id: string;
  version: number;
  snapshot: unknown;
  created_at: Date;
}
