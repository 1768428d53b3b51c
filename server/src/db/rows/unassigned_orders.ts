// Generated from the migrated schema by `pnpm --filter @tournee/server db:row-types`: do not edit.

/** Table `unassigned_orders`. */
export interface UnassignedOrdersRow {
  plan_id: string;
  order_id: string;
  reason: string;
}
