// Generated from the migrated schema by `pnpm --filter @tournee/server db:row-types`: do not edit.

/** Table `shop_connections`. */
export interface ShopConnectionsRow {
  id: string;
  org_id: string;
  platform: string;
  shop: string;
  secret: string;
  created_by: string | null;
  created_at: Date;
  last_order_at: Date | null;
}
