// Generated from the migrated schema by `pnpm --filter @tournee/server db:row-types`: do not edit.

/** Table `webhook_eta_marks`. */
export interface WebhookEtaMarksRow {
  stop_id: string;
  eta_at: Date;
  sent_at: Date;
}
