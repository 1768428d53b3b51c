/**
 * Row types generated from the schema: one TypeScript interface per table, as `pg` returns its
 * rows (dates as `Date`, `date` columns as ISO strings, bigint and numeric as strings). Repos
 * declare a query's row with `Pick<…>` of these instead of retyping columns, so a migration that
 * changes a column shows up in typecheck. `pnpm --filter @tournee/server db:row-types` writes
 * them to `rows/`, one file per table (`rows/orders.ts`: `OrdersRow`); a test fails when one is
 * out of date, missing or left over.
 */
import type { Db } from './db.ts';

/**
 * Columns of a table read through a LEFT JOIN: each may be null (no row joined), whatever the
 * table declares (`OrNull<Pick<StopsRow, 'seq' | 'eta_at'>>`).
 */
export type OrNull<T> = { [K in keyof T]: T[K] | null };

export interface ColumnInfo {
  table: string;
  column: string;
  /** `udt_name` of information_schema (`int4`, `_text`, `timestamptz`, an enum's name…). */
  udt: string;
  nullable: boolean;
}

const SCALARS: Record<string, string> = {
  bool: 'boolean',
  int2: 'number',
  int4: 'number',
  float4: 'number',
  float8: 'number',
  // pg returns 64-bit and arbitrary-precision numbers as strings (no precision lost).
  int8: 'string',
  numeric: 'string',
  text: 'string',
  varchar: 'string',
  bpchar: 'string',
  citext: 'string',
  uuid: 'string',
  inet: 'string',
  // Parsed as ISO strings by both adapters (a local date has no time zone).
  date: 'string',
  timestamptz: 'Date',
  timestamp: 'Date',
  interval: 'string',
  bytea: 'Buffer',
  json: 'unknown',
  jsonb: 'unknown',
};

/** The TypeScript type of one column (unknown types: `unknown`, to be narrowed by the repo). */
export function columnType(udt: string, nullable: boolean): string {
  const base = udt.startsWith('_') ? `${SCALARS[udt.slice(1)] ?? 'unknown'}[]` : (SCALARS[udt] ?? 'unknown');
  return nullable && base !== 'unknown' ? `${base} | null` : base;
}

/** `route_stops` → `RouteStopsRow`. */
export function rowTypeName(table: string): string {
  return `${table.replace(/(^|_)([a-z0-9])/g, (_, _u: string, c: string) => c.toUpperCase())}Row`;
}

/** Where the row types are written (`rows/<table>.ts`), relative to this module. */
export const ROWS_DIR = new URL('./rows/', import.meta.url);

/** The files of `rows/` for these columns: file name (`<table>.ts`) → source. */
export function rowTypesFiles(columns: readonly ColumnInfo[]): Map<string, string> {
  const byTable = new Map<string, ColumnInfo[]>();
  for (const c of columns) byTable.set(c.table, [...(byTable.get(c.table) ?? []), c]);
  const files = new Map<string, string>();
  for (const t of [...byTable.keys()].sort()) {
    const fields = byTable.get(t)!.map((c) => `  ${c.column}: ${columnType(c.udt, c.nullable)};`);
    files.set(
      `${t}.ts`,
      `// Generated from the migrated schema by \`pnpm --filter @tournee/server db:row-types\`: do not edit.\n\n` +
        `/** Table \`${t}\`. */\nexport interface ${rowTypeName(t)} {\n${fields.join('\n')}\n}\n`,
    );
  }
  return files;
}

/** The columns of the public schema's tables, in table and column order. */
export async function readColumns(db: Db): Promise<ColumnInfo[]> {
  const { rows } = await db.query<{ table_name: string; column_name: string; udt_name: string; is_nullable: string }>(
    `SELECT c.table_name, c.column_name, c.udt_name, c.is_nullable
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
        AND c.table_name NOT IN ('spatial_ref_sys', 'schema_migrations')
      ORDER BY c.table_name, c.ordinal_position`,
  );
  return rows.map((r) => ({
    table: r.table_name,
    column: r.column_name,
    udt: r.udt_name,
    nullable: r.is_nullable === 'YES',
  }));
}
