/**
 * The `/driver` socket's protocol version: an app cached before a protocol change is refused
 * with `outdated_client` (and told to reload) before its token is even looked at; the current
 * app, and one from before versioning (no version sent, protocol 1), connect.
 */
import { DRIVER_PROTOCOL, DRIVER_PROTOCOL_MIN, OUTDATED_CLIENT } from '@tournee/shared';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJson, startTestApp, type TestApp } from '../../test/harness.ts';
import { seedDriverDay } from '../../test/support/seeded-driver-day.ts';

describe('the driver socket protocol', () => {
  let t: TestApp;
  let token: string;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    t = await startTestApp();
    const day = await seedDriverDay(t.db, t.org.id);
    token = (await readJson(await t.api(`/drivers/${day.driverId}/access`, { method: 'POST', body: '{}' }))).token;
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await t.close();
  });

  /** Connects with `auth` and tells how the handshake ended. */
  const handshake = (auth: Record<string, unknown>) =>
    new Promise<{ ok: true } | { ok: false; message: string; data: unknown }>((resolve) => {
      const s = connect(`${t.baseUrl}/driver`, {
        auth,
        transports: ['websocket'],
        forceNew: true,
        reconnection: false,
      });
      sockets.push(s);
      s.on('connect', () => resolve({ ok: true }));
      s.on('connect_error', (err) =>
        resolve({ ok: false, message: err.message, data: (err as Error & { data?: unknown }).data }),
      );
    });

  it('refuses an app older than the server speaks, telling it to reload', async () => {
    const r = await handshake({ token, protocol: DRIVER_PROTOCOL_MIN - 1 });
    expect(r).toMatchObject({
      ok: false,
      message: expect.stringMatching(new RegExp(`^${OUTDATED_CLIENT}: .*reload`)),
      data: { code: OUTDATED_CLIENT, minProtocol: DRIVER_PROTOCOL_MIN },
    });
  });

  it('refuses a version that is not a number, the same way', async () => {
    expect(await handshake({ token, protocol: 'v2' })).toMatchObject({ ok: false, data: { code: OUTDATED_CLIENT } });
  });

  it('tells an outdated app to reload even when its token is no longer valid', async () => {
    expect(await handshake({ token: 'expired', protocol: 0 })).toMatchObject({
      ok: false,
      data: { code: OUTDATED_CLIENT },
    });
  });

  it('lets the current app in, and one from before versioning', async () => {
    expect(await handshake({ token, protocol: DRIVER_PROTOCOL })).toEqual({ ok: true });
    expect(await handshake({ token })).toEqual({ ok: true });
  });
});
