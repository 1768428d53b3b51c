// Generated from the migrated schema by `pnpm --filter @tournee/server db:row-types`: do not edit.

/** Table `recovery_codes`. */
export interface RecoveryCodesRow {
  id: string;
  user_id: string;
  code_hash: string;
  used_at: Date | null;
}
