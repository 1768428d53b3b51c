// Generated from the migrated schema by `pnpm --filter @tournee/server db:row-types`: do not edit.

/** Table `notify_order_state`. */
export interface NotifyOrderStateRow {
  order_id: string;
  told_eta_at: Date | null;
  eta_moves: number;
  announced_start_at: Date | null;
  announced_end_at: Date | null;
  announced_outside: string | null;
  eta_moved_sent_at: Date | null;
  started_sent_at: Date | null;
}
