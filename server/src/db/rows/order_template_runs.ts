// Generated from the migrated schema by `pnpm --filter @tournee/server db:row-types`: do not edit.

/** Table `order_template_runs`. */
export interface OrderTemplateRunsRow {
  template_id: string;
  local_date: string;
  ran_at: Date;
}
