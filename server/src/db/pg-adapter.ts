import pg from 'pg';
import type { Db, QueryResult } from './db.ts';

// Dates stay calendar dates: the pg default turns them into midnight in the server's zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (v: string) => v);

type Queryable = pg.Pool | pg.PoolClient;

function wrap(client: Queryable, kind: 'pool' | 'client', depth: number): Db {
  const db: Db = {
    kind: 'pg',
    async query<R>(sql: string, params?: unknown[]): Promise<QueryResult<R>> {
      const res = await client.query(sql, params as unknown[]);
      return { rows: res.rows as R[], rowCount: res.rowCount ?? 0 };
    },
    async exec(sql: string) {
      await client.query(sql);
    },
    async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      if (kind === 'client') {
        const name = `sp_${depth}`;
        await client.query(`SAVEPOINT ${name}`);
        try {
          const out = await fn(wrap(client, 'client', depth + 1));
          await client.query(`RELEASE SAVEPOINT ${name}`);
          return out;
        } catch (err) {
          await client.query(`ROLLBACK TO SAVEPOINT ${name}`);
          throw err;
        }
      }
      const conn = await (client as pg.Pool).connect();
      try {
        await conn.query('BEGIN');
        const out = await fn(wrap(conn, 'client', 1));
        await conn.query('COMMIT');
        return out;
      } catch (err) {
        await conn.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        conn.release();
      }
    },
    async close() {
      if (kind === 'pool') await (client as pg.Pool).end();
    },
  };
  return db;
}

/** A pooled connection to a PostgreSQL server with PostGIS. */
export function createPgDb(connectionString: string, options: { max?: number } = {}): Db {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10 });
  // An idle client losing its connection must not crash the process.
  pool.on('error', () => {});
  return wrap(pool, 'pool', 0);
}
