// Generated from the migrated schema by `pnpm --filter @tournee/server db:row-types`: do not edit.

/** Table `mfa_challenges`. */
export interface MfaChallengesRow {
  token_hash: string;
  user_id: string;
  ip: string;
  user_agent: string | null;
  failures: number;
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
}
