import type { AddressInfo } from 'node:net';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { clientAddress, trustProxySetting } from './trust-proxy.ts';

describe('trustProxySetting', () => {
  it('trusts no proxy when TRUST_PROXY is unset, empty or false', () => {
    expect(trustProxySetting(undefined)).toBe(false);
    expect(trustProxySetting('')).toBe(false);
    expect(trustProxySetting('false')).toBe(false);
  });

  it('reads true, a hop count and a list of addresses', () => {
    expect(trustProxySetting('true')).toBe(true);
    expect(trustProxySetting('2')).toBe(2);
    expect(trustProxySetting('loopback, 10.0.0.0/8')).toEqual(['loopback', '10.0.0.0/8']);
  });

  it('makes Express refuse a mistyped address at start-up', () => {
    expect(() => express().set('trust proxy', trustProxySetting('10.0.0.300'))).toThrow();
  });
});

describe('clientAddress', () => {
  /** What Express's req.ip and clientAddress each read for a request through the loopback. */
  async function both(setting: string | undefined, forwarded: string): Promise<[string, string]> {
    const app = express().set('trust proxy', trustProxySetting(setting));
    app.get('/', (req, res) => {
      res.json([req.ip, clientAddress(req, app.get('trust proxy fn'))]);
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/`, { headers: { 'x-forwarded-for': forwarded } });
      return (await res.json()) as [string, string];
    } finally {
      server.close();
    }
  }

  it('reads the address Express reads, whatever the proxies trusted', async () => {
    const cases: [string | undefined, string, string][] = [
      [undefined, '203.0.113.1', '127.0.0.1'],
      ['loopback', '203.0.113.1', '203.0.113.1'],
      ['loopback', '198.51.100.9, 203.0.113.1', '203.0.113.1'],
      ['loopback, 203.0.113.0/24', '198.51.100.9, 203.0.113.1', '198.51.100.9'],
      ['1', '198.51.100.9, 203.0.113.1', '203.0.113.1'],
      ['true', '198.51.100.9, 203.0.113.1', '198.51.100.9'],
    ];
    for (const [setting, forwarded, expected] of cases) {
      const [express, ours] = await both(setting, forwarded);
      expect([setting, ours]).toEqual([setting, express]);
      expect(ours).toBe(expected);
    }
  });
});
