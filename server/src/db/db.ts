/**
 * The one database handle every repo receives. Two adapters implement it: `pg` (a real
 * PostgreSQL + PostGIS server, when DATABASE_URL is set) and PGlite (embedded, in DATA_DIR).
 * Value conventions are the same on both: `date` columns come back as 'YYYY-MM-DD' strings,
 * `timestamptz` as Date, `bigint` as string (cast counts with ::int), arrays and jsonb parsed.
 */
export interface QueryResult<R> {
  rows: R[];
  rowCount: number;
}

export interface Db {
  readonly kind: 'pg' | 'pglite';
  /** One parameterised statement ($1, $2, …). */
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<R>>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * Runs fn in a transaction: committed when fn resolves, rolled back when it throws.
   * Inside a transaction, `transaction` nests as a savepoint.
   */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
