// Generated from the migrated schema by `pnpm --filter @tournee/server db:row-types`: do not edit.

/** Table `order_templates`. */
export interface OrderTemplatesRow {
  id: string;
  org_id: string;
  ref: string;
  depot_id: string;
  rrule: string;
  starts_on: string;
  ends_on: string | null;
  ahead_days: number;
  paused: boolean;
  order_fields: unknown;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}
