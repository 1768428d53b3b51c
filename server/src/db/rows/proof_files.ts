// Generated from the migrated schema by `pnpm --filter @tournee/server db:row-types`: do not edit.

/** Table `proof_files`. */
export interface ProofFilesRow {
  id: string;
  stop_event_id: string;
  kind: string;
  content_type: string;
  data: Buffer;
  created_at: Date;
  size_bytes: number | null;
}
