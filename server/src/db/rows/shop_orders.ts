// Generated from the migrated schema by `pnpm --filter @tournee/server db:row-types`: do not edit.

/** Table `shop_orders`. */
export interface ShopOrdersRow {
  org_id: string;
  platform: string;
  shop_order_id: string;
  order_id: string | null;
  shipping_method: string | null;
  received_at: Date;
}
