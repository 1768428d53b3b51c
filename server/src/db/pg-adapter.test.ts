/**
 * A connection cut while a transaction holds it (PostgreSQL restarted by an operator, an idle
 * session killed) must fail that transaction, not the process: the pool only watches idle
 * connections, and an `error` event nobody listens to ends Node.
 */
import { createServer, type Server, Socket } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASE_URL } from '../../test/test-db.ts';
import type { Db } from './db.ts';
import { createPgDb } from './pg-adapter.ts';

describe('createPgDb', () => {
  let db: Db;
  let admin: pg.Client;

  beforeAll(async () => {
    db = createPgDb(TEST_DATABASE_URL, { max: 1 });
    admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
  });

  afterAll(async () => {
    await db?.close();
    await admin?.end();
  });

  const backendGone = async (pid: number) =>
    (await admin.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid])).rowCount === 0;

  it('survives a shutdown message read with the reply that frees the only connection for a waiting transaction', async () => {
    // A restart's FATAL message can arrive in the same read as the last reply of another statement:
    // pg frees the connection and the pool hands it to the waiting transaction while that read is
    // still being parsed, before any promise callback could start listening for its errors.
    const proxy = await shutdownProxy(new URL(TEST_DATABASE_URL));
    const url = new URL(TEST_DATABASE_URL);
    url.host = `127.0.0.1:${proxy.port}`;
    const viaProxy = createPgDb(url.toString(), { max: 1 });
    try {
      await viaProxy.query('SELECT 1');
      proxy.arm();
      const first = viaProxy.query<{ n: number }>('SELECT 2 AS n');
      const waiting = viaProxy.transaction((tx) => tx.query('SELECT 3'));
      expect((await first).rows).toEqual([{ n: 2 }]);
      await expect(waiting).rejects.toThrow();
      // The dead connection is gone from the pool; a new one answers.
      expect((await viaProxy.query<{ n: number }>('SELECT 4 AS n')).rows).toEqual([{ n: 4 }]);
    } finally {
      await viaProxy.close();
      await proxy.close();
    }
  });

  it('fails a transaction whose connection is terminated between its statements, and the pool serves the next query', async () => {
    const done = db.transaction(async (tx) => {
      const { rows } = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      const pid = rows[0]!.pid;
      await admin.query('SELECT pg_terminate_backend($1)', [pid]);
      // The server's FATAL message reaches this idle-in-transaction connection while it waits here.
      await expect.poll(() => backendGone(pid), { timeout: 15_000 }).toBe(true);
      await tx.query('SELECT 1');
      return pid;
    });
    await expect(done).rejects.toThrow();
    // The pool of one connection handed out a new one, not the dead one.
    const { rows } = await db.query<{ ok: number }>('SELECT 1 AS ok');
    expect(rows).toEqual([{ ok: 1 }]);
  });
});

/** PostgreSQL's ErrorResponse for `pg_ctl stop -m fast`. */
function fatalShutdownMessage(): Buffer {
  const fields = [
    ['S', 'FATAL'],
    ['V', 'FATAL'],
    ['C', '57P01'],
    ['M', 'terminating connection due to administrator command'],
  ];
  const body = Buffer.concat([...fields.map(([k, v]) => Buffer.from(`${k}${v}\0`)), Buffer.from([0])]);
  const head = Buffer.alloc(5);
  head.write('E', 0);
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

/** True when `buf` ends with a complete ReadyForQuery message ('Z', length 5, status byte). */
const endsWithReadyForQuery = (buf: Buffer) =>
  buf.length >= 6 && buf[buf.length - 6] === 0x5a && buf.readInt32BE(buf.length - 5) === 5;

/**
 * A TCP proxy to the test server. Once armed, it holds the server's next reply until its
 * ReadyForQuery, then delivers it with a FATAL shutdown message in one write and cuts that
 * connection, as a server going down between two statements would. New connections pass.
 */
async function shutdownProxy(target: URL): Promise<{ port: number; arm(): void; close(): Promise<void> }> {
  let armed = false;
  const open = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = new Socket();
    upstream.connect(Number(target.port || 5432), target.hostname);
    open.add(client).add(upstream);
    let held: Buffer | null = null;
    client.on('data', (d) => upstream.write(d));
    upstream.on('data', (d: Buffer) => {
      if (!armed && held === null) return void client.write(d);
      held = Buffer.concat([held ?? Buffer.alloc(0), d]);
      if (!endsWithReadyForQuery(held)) return;
      armed = false;
      client.end(Buffer.concat([held, fatalShutdownMessage()]));
      upstream.destroy();
    });
    const drop = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    arm: () => {
      armed = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}
