import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../lib/api-client.ts';
import { startServerPair } from '../lib/e2e-db.ts';
import type { ServerProcess } from '../lib/server-process.ts';
import { obliterateQueue, testQueueName, testRedisUrl } from '../lib/test-redis.ts';

// Issue 11, item 5: signing out ends that session's /dispatch sockets at once — on every server
// process (two here, sharing PostgreSQL and Redis as behind a load balancer) — and the token
// cannot open a new one. Other sessions of the same user keep streaming.

const ADMIN = { email: 'logout@example.com', password: 'fault-password-4' };
const REDIS_URL = testRedisUrl(2);
// The servers' plan queue, this run's own; its keys are removed when the file ends.
const PLAN_QUEUE_NAME = testQueueName('tournee-plans-fault-logout');

describe('/dispatch sockets after logout', () => {
  let a: ServerProcess;
  let b: ServerProcess;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    ({ a, b } = await startServerPair('tournee_fault_http_logout', ADMIN, { REDIS_URL, PLAN_QUEUE_NAME }));
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await Promise.all([a?.stop(), b?.stop()]);
    await obliterateQueue(REDIS_URL, PLAN_QUEUE_NAME);
  });

  const open = (server: ServerProcess, token: string) => {
    const s = io(`${server.baseUrl}/dispatch`, { auth: { token }, transports: ['websocket'], forceNew: true });
    sockets.push(s);
    return s;
  };
  const connected = (s: Socket) =>
    new Promise<void>((resolve, reject) => {
      s.once('connect', () => resolve());
      s.once('connect_error', reject);
    });

  it('disconnects the session’s sockets on every process, refuses the token again, and leaves other sessions alone', async () => {
    const session = await signIn(a.baseUrl, ADMIN.email, ADMIN.password);
    const other = await signIn(b.baseUrl, ADMIN.email, ADMIN.password);
    const onA = open(a, session.token);
    const onB = open(b, session.token);
    const otherOnB = open(b, other.token);
    await Promise.all([connected(onA), connected(onB), connected(otherOnB)]);

    const reasons: string[] = [];
    onA.on('disconnect', (reason) => reasons.push(`a:${reason}`));
    onB.on('disconnect', (reason) => reasons.push(`b:${reason}`));

    expect((await session.call('POST', '/auth/logout')).status).toBe(204);
    // The server ended them (the client does not retry after "io server disconnect").
    await expect.poll(() => reasons.sort()).toEqual(['a:io server disconnect', 'b:io server disconnect']);
    expect(onA.connected).toBe(false);
    expect(onB.connected).toBe(false);

    // The signed-out token cannot open a new socket, on either process.
    for (const server of [a, b]) {
      await expect(connected(open(server, session.token))).rejects.toThrow(/unauthorized/);
    }
    // The user's other session still streams.
    expect(otherOnB.connected).toBe(true);
    const ack = await otherOnB.timeout(5000).emitWithAck('day:join', '2026-12-01');
    expect(ack).toMatchObject({ ok: true });
  });
});
