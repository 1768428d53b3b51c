// Generated from the migrated schema by `pnpm --filter @tournee/server db:row-types`: do not edit.

/** Table `webhook_events`. */
export interface WebhookEventsRow {
  id: string;
  org_id: string;
  type: string;
  subject_id: string;
  occurred_at: Date;
  data: unknown;
}
