// Generated from the migrated schema by `pnpm --filter @tournee/server db:row-types`: do not edit.

/** Table `webhook_subscriptions`. */
export interface WebhookSubscriptionsRow {
  id: string;
  org_id: string;
  url: string;
  events: string[];
  secret: string;
  description: string;
  enabled: boolean;
  disabled_reason: string | null;
  failing_since: Date | null;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}
