import pg from 'pg';
import type { Db, QueryResult } from './db.ts';

// Dates stay calendar dates: the pg default turns them into midnight in the server's zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (v: string) => v);

type Queryable = pg.Pool | pg.PoolClient;

/**
 * Checks a connection out of the pool already listening for its `error`. The pool only watches
 * idle connections, and an `error` nobody hears ends the process: a connection cut while checked
 * out (an operator's restart) must fail its transaction instead. The listener is attached in the
 * pool's callback, not after an `await`: a shutdown message read together with the reply that
 * freed this connection is emitted before any promise continuation could run. A lost connection
 * is released with its error, so the pool drops it.
 */
function checkOutWatched(pool: pg.Pool): Promise<{
  conn: pg.PoolClient;
  lost: () => Error | undefined;
  stopWatching: () => void;
}> {
  return new Promise((resolve, reject) => {
    pool.connect((err, conn) => {
      if (err || !conn) return reject(err ?? new Error('the pool gave no connection'));
      let lostWith: Error | undefined;
      const onError = (e: Error) => {
        lostWith ??= e;
      };
      conn.on('error', onError);
      resolve({ conn, lost: () => lostWith, stopWatching: () => conn.off('error', onError) });
    });
  });
}

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
      const { conn, lost, stopWatching } = await checkOutWatched(client as pg.Pool);
      try {
        await conn.query('BEGIN');
        const out = await fn(wrap(conn, 'client', 1));
        await conn.query('COMMIT');
        return out;
      } catch (err) {
        await conn.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        stopWatching();
        conn.release(lost());
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
