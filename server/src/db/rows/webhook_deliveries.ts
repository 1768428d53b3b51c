// Generated from the migrated schema by `pnpm --filter @tournee/server db:row-types`: do not edit.

/** Table `webhook_deliveries`. */
export interface WebhookDeliveriesRow {
  id: string;
  subscription_id: string;
  event_id: string;
  subject_id: string;
  status: string;
  attempts: number;
  next_attempt_at: Date;
  lease_until: Date | null;
  last_attempt_at: Date | null;
  last_status_code: number | null;
  last_error: string | null;
  delivered_at: Date | null;
  created_at: Date;
}
