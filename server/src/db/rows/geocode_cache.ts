// Generated from the migrated schema by `pnpm --filter @tournee/server db:row-types`: do not edit.

/** Table `geocode_cache`. */
export interface GeocodeCacheRow {
  query: string;
  location: unknown;
  label: string | null;
  created_at: Date;
}
