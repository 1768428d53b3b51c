// Generated from the migrated schema by `pnpm --filter @tournee/server db:row-types`: do not edit.

/** Table `organisations`. */
export interface OrganisationsRow {
  id: string;
  name: string;
  dimensions: string[];
  default_service_s: number;
  default_country: string;
  locale: string;
  settings: unknown;
  created_at: Date;
}
