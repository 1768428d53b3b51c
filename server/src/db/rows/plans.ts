// Generated from the migrated schema by `pnpm --filter @tournee/server db:row-types`: do not edit.

/** Table `plans`. */
export interface PlansRow {
  id: string;
  org_id: string;
  status: string;
  from_date: string;
  to_date: string;
  depot_ids: string[] | null;
  order_ids: string[] | null;
  options: unknown;
  progress: unknown;
  summary: unknown;
  error: string | null;
  created_by: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  owner_host: string | null;
  owner_pid: number | null;
  owner_started_at: Date | null;
  heartbeat_at: Date | null;
  queue_name: string | null;
}
