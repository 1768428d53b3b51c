import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJson, startTestApp, type TestApp } from '../../test/harness.ts';
import { insertUser } from '../auth/repo.ts';
import { openSession } from '../auth/service.ts';
import { hashToken } from '../auth/tokens.ts';
import { recheckSessions } from './session-watch.ts';

describe('/dispatch sockets follow their session', () => {
  let t: TestApp;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await t.close();
  });

  const open = (token: string) =>
    new Promise<Socket>((resolve, reject) => {
      const s = connect(`${t.baseUrl}/dispatch`, { auth: { token }, transports: ['websocket'], forceNew: true });
      sockets.push(s);
      s.once('connect', () => resolve(s));
      s.once('connect_error', reject);
    });
  const newDispatcher = async (ttlHours = 1) => {
    const user = await insertUser(t.db, {
      orgId: t.org.id,
      email: `d-${Math.random().toString(36).slice(2)}@test.local`,
      name: 'd',
      role: 'dispatcher',
      passwordHash: 'x',
    });
    return { user, token: (await openSession(t.db, user, ttlHours)).token };
  };

  it('ends the socket when its session is signed out', async () => {
    const { token } = await newDispatcher();
    const s = await open(token);
    const res = await fetch(`${t.baseUrl}/api/auth/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(204);
    await expect.poll(() => s.connected).toBe(false);
    await expect(open(token)).rejects.toThrow(/unauthorized/);
  });

  it('ends the socket when its session expires', async () => {
    // A session of ~1.5 s: the timer set at the handshake ends the socket without any re-check.
    const { token } = await newDispatcher(1.5 / 3600);
    const s = await open(token);
    expect(s.connected).toBe(true);
    await expect.poll(() => s.connected, { timeout: 10_000 }).toBe(false);
  });

  it('ends the sockets of a disabled user or a session revoked elsewhere at the next re-check, and keeps the others', async () => {
    const disabled = await newDispatcher();
    const revoked = await newDispatcher();
    const kept = await newDispatcher();
    const [a, b, c] = await Promise.all([open(disabled.token), open(revoked.token), open(kept.token)]);
    await t.db.query('UPDATE users SET disabled_at = now() WHERE id = $1', [disabled.user.id]);
    await t.db.query('UPDATE sessions SET revoked_at = now() WHERE token_hash = $1', [hashToken(revoked.token)]);
    expect(await recheckSessions(t.app.io.of('/dispatch'), t.db)).toBe(2);
    await expect.poll(() => [a!.connected, b!.connected]).toEqual([false, false]);
    expect(c!.connected).toBe(true);
    expect((await readJson(await t.api('/auth/me', { as: 'admin' }))).user.role).toBe('admin');
  });
});
