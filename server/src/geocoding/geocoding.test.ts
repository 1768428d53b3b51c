import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { type ManualTime, manualTime } from '../../test/support/manual-time.ts';
import { geocoderFromConfig } from './geocoder.ts';

// A stand-in for Nominatim at its HTTP boundary: /search?q=…&format=jsonv2 → [{lat, lon, display_name}].
const places: Record<string, { lat: string; lon: string }> = {};
const requests: { q: string; userAgent: string; countrycodes: string | null; at: number | null }[] = [];
// The pacing test's clock: each request notes its time on it (null for the others).
let limiterTime: ManualTime | null = null;
let failing = false;
let nominatim: Server;
// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked by the assertions
type Json = any;

let t: TestApp;
let noGeocoder: TestApp;
const tag = Math.random().toString(36).slice(2, 8); // the cache is shared by every test run

beforeAll(async () => {
  nominatim = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const q = url.searchParams.get('q') ?? '';
    requests.push({
      q,
      userAgent: String(req.headers['user-agent']),
      countrycodes: url.searchParams.get('countrycodes'),
      at: limiterTime?.now() ?? null,
    });
    if (failing) {
      res.writeHead(503).end();
      return;
    }
    const key = Object.keys(places).find((k) => q.toLowerCase().startsWith(k.toLowerCase()));
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(key ? [{ ...places[key], display_name: `${key}, France` }] : []));
  });
  await new Promise<void>((r) => nominatim.listen(0, '127.0.0.1', r));
  const port = (nominatim.address() as AddressInfo).port;
  t = await startTestApp({
    GEOCODER_URL: `http://127.0.0.1:${port}`,
    GEOCODER_RATE_PER_S: '10',
    GEOCODER_USER_AGENT: 'TourneeTest/1',
  });
  noGeocoder = await startTestApp();
});
afterAll(async () => {
  await t.close();
  await noGeocoder.close();
  await new Promise((r) => nominatim.close(r));
});

const csv = (rows: string[]) => ['ref;Adresse;Code postal;Ville;Date', ...rows].join('\n');
const post = async (app: TestApp, body: string) => {
  const res = await app.api('/orders/import?partial=true', {
    method: 'POST',
    body,
    headers: { 'content-type': 'text/csv' },
  });
  return (await res.json()) as Json;
};

describe('geocoding of imported orders', () => {
  it('geocodes rows with only an address, with our User-Agent and country', async () => {
    places[`10 rue A ${tag}`] = { lat: '45.75', lon: '4.85' };
    places[`20 rue B ${tag}`] = { lat: '45.76', lon: '4.86' };
    places[`30 rue C ${tag}`] = { lat: '45.77', lon: '4.87' };
    const body = await post(
      t,
      csv([
        `G1;10 rue A ${tag};69002;Lyon;12/03/2026`,
        `G2;20 rue B ${tag};69002;Lyon;12/03/2026`,
        `G3;30 rue C ${tag};69003;Lyon;12/03/2026`,
      ]),
    );
    expect(body).toMatchObject({ created: 3, rejected: 0 });
    const mine = requests.filter((r) => r.q.includes(tag));
    expect(mine).toHaveLength(3);
    expect(mine[0]).toMatchObject({ userAgent: 'TourneeTest/1', countrycodes: 'fr', q: `10 rue A ${tag}, 69002 Lyon` });
    const o = await t.db.query<{ lon: number; lat: number; geocoded: boolean }>(
      "SELECT ST_X(location::geometry) AS lon, ST_Y(location::geometry) AS lat, geocoded FROM orders WHERE org_id = $1 AND ref = 'G1'",
      [t.org.id],
    );
    expect(o.rows[0]).toEqual({ lon: 4.85, lat: 45.75, geocoded: true });
  });

  it('paces lookups at GEOCODER_RATE_PER_S (10 per second: 100 ms apart), in the order asked', async () => {
    // The import's geocoder (geocoderFromConfig of the app's config), on a clock moved by hand:
    // each lookup reaches the stand-in only once the clock has reached its slot.
    const time = manualTime();
    limiterTime = time;
    try {
      const geocoder = geocoderFromConfig(t.config, time)!;
      const addresses = ['1 allée P', '2 allée P', '3 allée P'].map((a) => `${a} ${tag}`);
      const mine = () => requests.filter((r) => r.q.includes('allée P') && r.q.includes(tag));
      const lookups = addresses.map((a) => geocoder.geocode(a, 'FR'));
      await expect.poll(() => mine().length).toBe(1);
      time.advance(100);
      await expect.poll(() => mine().length).toBe(2);
      time.advance(100);
      await expect.poll(() => mine().length).toBe(3);
      await Promise.all(lookups);
      expect(mine().map((r) => [r.q, r.at])).toEqual(addresses.map((a, i) => [a, i * 100]));
    } finally {
      limiterTime = null;
    }
  });

  it('gives every module of one app the same geocoder, so together they keep to its pace', () => {
    // Orders, bulk edits, shops, savings and schedules each ask for the app's geocoder.
    expect(geocoderFromConfig(t.config)).toBe(geocoderFromConfig(t.config));
    expect(geocoderFromConfig({ ...t.config })).not.toBe(geocoderFromConfig(t.config));
  });

  it('answers the same address from the cache next time', async () => {
    const before = requests.length;
    const body = await post(t, csv([`G4;10 RUE A ${tag};69002;Lyon;13/03/2026`]));
    expect(body).toMatchObject({ created: 1, rejected: 0 });
    expect(requests.length).toBe(before);
  });

  it('rejects an address the geocoder does not know, naming the address column', async () => {
    const body = await post(t, csv([`G5;99 nowhere ${tag};00000;Atlantis;12/03/2026`]));
    expect(body).toMatchObject({ created: 0, rejected: 1 });
    expect(body.errors[0]).toMatchObject({
      row: 2,
      column: 'Adresse',
      message: expect.stringMatching(/not found by the geocoder/),
    });
  });

  it('rejects rows when the geocoder fails, and does not cache the failure', async () => {
    places[`40 rue D ${tag}`] = { lat: '45.78', lon: '4.88' };
    failing = true;
    const down = await post(t, csv([`G6;40 rue D ${tag};69004;Lyon;12/03/2026`]));
    expect(down.errors[0].message).toMatch(/could not be geocoded.*503/);
    failing = false;
    const up = await post(t, csv([`G6;40 rue D ${tag};69004;Lyon;12/03/2026`]));
    expect(up).toMatchObject({ created: 1, rejected: 0 });
  });

  it('rejects address-only rows when no geocoder is configured, saying so', async () => {
    const body = await post(noGeocoder, csv([`N1;10 rue A ${tag};69002;Lyon;12/03/2026`]));
    expect(body).toMatchObject({ created: 0, rejected: 1 });
    expect(body.errors[0].message).toMatch(/no geocoder is configured \(GEOCODER_URL\)/);
  });
});
