import { mkdirSync } from 'node:fs';
import { PGlite, types, type Transaction } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import type { Db, QueryResult } from './db.ts';

type Conn = PGlite | Transaction;

const parsers = {
  [types.DATE]: (v: string) => v,
};

function wrap(conn: Conn, root: PGlite | null, depth: number): Db {
  return {
    kind: 'pglite',
    async query<R>(sql: string, params?: unknown[]): Promise<QueryResult<R>> {
      const res = await conn.query<R>(sql, params, { parsers });
      return { rows: res.rows, rowCount: res.affectedRows ?? res.rows.length };
    },
    async exec(sql: string) {
      await conn.exec(sql);
    },
    async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      if (root) return root.transaction((tx) => fn(wrap(tx, null, 1)));
      const name = `sp_${depth}`;
      await conn.exec(`SAVEPOINT ${name}`);
      try {
        const out = await fn(wrap(conn, null, depth + 1));
        await conn.exec(`RELEASE SAVEPOINT ${name}`);
        return out;
      } catch (err) {
        await conn.exec(`ROLLBACK TO SAVEPOINT ${name}`);
        throw err;
      }
    },
    async close() {
      if (root) await root.close();
    },
  };
}

/** The embedded database: PGlite with PostGIS, persisted in dataDir (or in memory for 'memory://'). */
export async function createPgliteDb(dataDir: string): Promise<Db> {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const pg = await PGlite.create(dataDir, { extensions: { postgis }, parsers });
  return wrap(pg, pg, 0);
}
