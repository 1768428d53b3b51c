// Generated from the migrated schema by `pnpm --filter @tournee/server db:row-types`: do not edit.

/** Table `import_rejections`. */
export interface ImportRejectionsRow {
  import_id: string;
  row_number: number;
  errors: unknown;
  cells: unknown;
}
