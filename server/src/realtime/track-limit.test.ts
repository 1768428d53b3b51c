import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.ts';

describe('/track socket: unknown links per client address', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Behind a proxy on the loopback: the client's address is the X-Forwarded-For it adds.
    t = await startTestApp({ TRACK_LINK_MAX_FAILURES_PER_MINUTE: '3', TRUST_PROXY: 'loopback' });
  });
  afterAll(() => t.close());

  /** Opens /track with an unknown token as the client `from` (behind the proxy); the refusal. */
  const tryToken = (from: string) =>
    new Promise<string>((resolve) => {
      const s = connect(`${t.baseUrl}/track`, {
        auth: { token: 'x'.repeat(32) },
        extraHeaders: { 'x-forwarded-for': from },
        transports: ['websocket'],
        reconnection: false,
      });
      s.on('connect_error', (err) => {
        s.disconnect();
        resolve(err.message);
      });
    });

  it('refuses a client after 3 unknown links a minute, while another client behind the same proxy goes on', async () => {
    const first: string[] = [];
    for (let i = 0; i < 4; i++) first.push(await tryToken('203.0.113.7'));
    expect(first).toEqual(['not_found', 'not_found', 'not_found', 'too_many_requests']);
    expect(await tryToken('203.0.113.8')).toBe('not_found');
  });
});
