// Generated from the migrated schema by `pnpm --filter @tournee/server db:row-types`: do not edit.

/** Table `sessions`. */
export interface SessionsRow {
  token_hash: string;
  user_id: string;
  created_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  id: string;
  user_agent: string | null;
  ip: string | null;
  last_seen_at: Date | null;
}
