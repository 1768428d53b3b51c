// Generated from the migrated schema by `pnpm --filter @tournee/server db:row-types`: do not edit.

/** Table `notify_opt_outs`. */
export interface NotifyOptOutsRow {
  org_id: string;
  recipient: string;
  at: Date;
}
