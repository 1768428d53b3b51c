// Generated from the migrated schema by `pnpm --filter @tournee/server db:row-types`: do not edit.

/** Table `notifications`. */
export interface NotificationsRow {
  id: string;
  org_id: string;
  order_id: string | null;
  channel: string;
  trigger: string;
  idempotency_key: string;
  recipient: string;
  locale: string;
  subject: string | null;
  body: string;
  html: string | null;
  status: string;
  attempts: number;
  next_attempt_at: Date;
  provider: string | null;
  provider_id: string | null;
  last_error: string | null;
  created_at: Date;
  sent_at: Date | null;
  route_id: string | null;
  updated_at: Date;
  redacted_at: Date | null;
}
