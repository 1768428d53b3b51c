// Generated from the migrated schema by `pnpm --filter @tournee/server db:row-types`: do not edit.

/** Table `order_template_occurrences`. */
export interface OrderTemplateOccurrencesRow {
  template_id: string;
  local_date: string;
  order_id: string | null;
  content_hash: string | null;
  created_at: Date;
}
