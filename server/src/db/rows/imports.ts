// Generated from the migrated schema by `pnpm --filter @tournee/server db:row-types`: do not edit.

/** Table `imports`. */
export interface ImportsRow {
  id: string;
  org_id: string;
  user_id: string | null;
  filename: string | null;
  format: string;
  partial: boolean;
  committed: boolean;
  created: number;
  updated: number;
  unchanged: number;
  rejected_rows: number;
  at: Date;
  columns: string[];
  delimiter: string;
  total_rows: number;
  rejected_kept: number | null;
  rejections_purged_at: Date | null;
}
