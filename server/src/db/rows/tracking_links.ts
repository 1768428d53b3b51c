// Generated from the migrated schema by `pnpm --filter @tournee/server db:row-types`: do not edit.

/** Table `tracking_links`. */
export interface TrackingLinksRow {
  id: string;
  org_id: string;
  order_id: string;
  token_hash: string;
  expires_at: Date | null;
  created_at: Date;
  token: string | null;
}
