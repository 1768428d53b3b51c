// Generated from the migrated schema by `pnpm --filter @tournee/server db:row-types`: do not edit.

/** Table `ratings`. */
export interface RatingsRow {
  order_id: string;
  rating: number;
  comment: string;
  at: Date;
}
