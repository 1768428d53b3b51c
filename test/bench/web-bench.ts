/**
 * `pnpm bench` (test package): the dispatcher app's main bundle size (gzip) and the time to
 * first render of a planned day with 2,000 stops in headless Chromium.
 * Targets: main JS ≤ 500 kB gzip; the day renders in ≤ 2 s. Beside the render, the same app
 * opening its orders list in the same run, so the figure reads on any machine.
 *
 * Needs the web build (pnpm --filter @tournee/web build) and PostgreSQL (TEST_DATABASE_URL's
 * server; a database `<its name>_bench_web` is recreated empty and migrated by the server).
 * WEB_BENCH_STOPS changes the stop count.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { signIn } from '../lib/api-client.ts';
import { launchChromium } from '../lib/browser.ts';
import { afterEachMapFrame } from '../lib/map-frames.ts';
import { startOnEmptyDatabase } from '../lib/e2e-db.ts';
import { REPO_ROOT } from '../lib/server-process.ts';

const STOPS = Number(process.env.WEB_BENCH_STOPS ?? 2000);

declare global {
  interface Window {
    /** When (performance.now()) the map first had stops drawn; set by STOPS_DRAWN_PROBE. */
    __stopsDrawnAt?: number;
  }
}

/**
 * Notes when the day's map first has stops drawn, looking after each frame the map renders: a
 * poll of queryRenderedFeatures on every animation frame took ~0.15 s of the page's main thread
 * while it drew the day, slowing what it measured.
 */
const STOPS_DRAWN_PROBE = afterEachMapFrame(`(m) => {
  if (!m.getLayer('stops-circle') || m.queryRenderedFeatures({ layers: ['stops-circle'] }).length === 0) return false;
  window.__stopsDrawnAt = performance.now();
  return true;
}`);
const VEHICLES = Math.ceil(STOPS / 50);

function mainBundleGzip(): { file: string; bytes: number } {
  const dist = join(REPO_ROOT, 'web', 'dist');
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const src = /<script[^>]+src="\/([^"]+\.js)"/.exec(html)?.[1];
  if (!src) throw new Error('web/dist/index.html has no module script: build the web app first');
  return { file: src, bytes: gzipSync(readFileSync(join(dist, src))).length };
}

function tomorrow(zone: string): string {
  const d = new Date(Date.now() + 86_400_000);
  return d.toLocaleDateString('sv-SE', { timeZone: zone });
}

async function main() {
  const bundle = mainBundleGzip();
  const admin = { email: 'bench@example.com', password: 'bench-password-1' };
  const server = await startOnEmptyDatabase('bench_web', admin);
  try {
    const api = await signIn(server.baseUrl, admin.email, admin.password);
    const day = tomorrow('Europe/Paris');
    const depot = await api.call('POST', '/depots', {
      name: 'Bench',
      location: { lon: 4.85, lat: 45.75 },
      timeZone: 'Europe/Paris',
    });
    for (let v = 0; v < VEHICLES; v++) {
      const vehicle = await api.call('POST', '/vehicles', {
        name: `V${String(v + 1).padStart(2, '0')}`,
        depotId: depot.body.id,
        capacity: [10_000, 100, 1000],
      });
      await api.call('POST', '/shifts', { vehicleId: vehicle.body.id, localDate: day, start: '07:00', end: '20:00' });
    }
    // Stops spread over a 20 km square around the depot, windows morning or afternoon.
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const rows = Array.from({ length: STOPS }, (_, i) => ({
      ref: `B${i}`,
      name: `Client ${i}`,
      lat: (45.66 + rand() * 0.18).toFixed(5),
      lon: (4.72 + rand() * 0.26).toFixed(5),
      date: day,
      service_min: '3',
      demand_kg: '5',
      ...(i % 2 ? { tw_start: '08:00', tw_end: '13:00' } : { tw_start: '12:00', tw_end: '19:00' }),
    }));
    const imported = await api.call('POST', '/orders/import', rows);
    if (imported.status !== 200) throw new Error(`import failed: ${JSON.stringify(imported.body).slice(0, 300)}`);
    const plan = await api.call('POST', '/plans', { from: day, to: day, timeLimitS: 20 });
    let status = 'queued';
    while (status === 'queued' || status === 'running') {
      await new Promise((r) => setTimeout(r, 1000));
      status = (await api.call('GET', `/plans/${plan.body.planId}`)).body.status;
    }
    const routes = (await api.call('GET', `/routes?date=${day}`)).body.routes as Array<{ stops: unknown[] }>;
    const stops = routes.reduce((n, r) => n + r.stops.length, 0);

    const browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1500, height: 1000 } });
    await context.addCookies([{ name: 'tournee_session', value: api.token, url: server.baseUrl }]);
    const page = await context.newPage();
    const ordersPage = async () => {
      const t = Date.now();
      await page.goto(`${server.baseUrl}/orders`);
      await page.locator('table.orders').first().waitFor();
      return Date.now() - t;
    };
    await ordersPage(); // warm the app shell and session, like a dispatcher already signed in
    // The limit measured in this run: the same app opening a page of data (the orders list) warm.
    const floorMs = await ordersPage();
    await page.addInitScript(STOPS_DRAWN_PROBE);
    const t0 = Date.now();
    await page.goto(`${server.baseUrl}/planner`);
    await page.locator('.route-card').first().waitFor({ timeout: 60_000 });
    const cardsMs = Date.now() - t0;
    await page.waitForFunction(() => window.__stopsDrawnAt !== undefined, null, { timeout: 60_000, polling: 100 });
    const stopsMs = (await page.evaluate(() => performance.timeOrigin + window.__stopsDrawnAt!)) - t0;
    const renderMs = Math.max(cardsMs, stopsMs);
    await browser.close();

    console.log('web bench');
    console.log(`  main bundle       ${bundle.file}: ${(bundle.bytes / 1024).toFixed(1)} kB gzip (target ≤ 500 kB)`);
    console.log(`  planned day       ${routes.length} routes, ${stops} stops (plan ${status})`);
    console.log(
      `  first render      ${(renderMs / 1000).toFixed(2)} s from navigation to routes and stops drawn (target ≤ 2 s): route cards ${(cardsMs / 1000).toFixed(2)} s, stops on the map ${(stopsMs / 1000).toFixed(2)} s`,
    );
    console.log(
      `  beside            the orders list opens in ${(floorMs / 1000).toFixed(2)} s in this run: the planned day takes ${(renderMs / floorMs).toFixed(1)}× it`,
    );
  } finally {
    await server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
