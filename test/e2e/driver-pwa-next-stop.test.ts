import { createServer, type Server } from 'node:http';
import pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot, screenshotFailures } from '../lib/artifacts.ts';
import { launchChromium } from '../lib/browser.ts';
import { type DayWithBreak, seedDayWithBreak } from '../lib/day-with-break.ts';
import { adminToken, issueDriverAccess } from '../lib/driver-day.ts';
import { startOnFreshDatabase } from '../lib/e2e-db.ts';
import { IN_LYON, openPhone, requireDriverAppBuilt } from '../lib/phone.ts';
import { freePort, type ServerProcess } from '../lib/server-process.ts';

const ADMIN = { email: 'next-stop@example.com', password: 'e2e-password-1' };

/**
 * A map style server on loopback standing in for OpenFreeMap: it refuses (503) until `up`, so the
 * app first falls back to its sketch, then shows MapLibre with the style's attribution.
 */
function styleServer(port: number) {
  const state = { up: false, asked: 0 };
  const style = {
    version: 8,
    name: 'local-test-streets',
    sources: {
      streets: {
        type: 'geojson',
        data: { type: 'FeatureCollection', features: [] },
        attribution: '© Test Streets contributors',
      },
    },
    layers: [
      { id: 'land', type: 'background', paint: { 'background-color': '#e4ecdf' } },
      { id: 'streets', type: 'line', source: 'streets' },
    ],
  };
  const server: Server = createServer((_req, res) => {
    res.setHeader('access-control-allow-origin', '*');
    state.asked++;
    if (!state.up) {
      res.writeHead(503).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(style));
  });
  server.listen(port, '127.0.0.1');
  return { state, server };
}

// A driver's day with a lunch break, on a phone in Chromium: the list numbered as the planner
// numbers it, the break as a break, then the next-stop screen and its one big button.
describe('driver app: stop list and next-stop screen', () => {
  let server: ServerProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let db: pg.Client;
  let day: DayWithBreak;
  let styles: ReturnType<typeof styleServer>;

  beforeAll(async () => {
    requireDriverAppBuilt();
    const stylePort = await freePort();
    styles = styleServer(stylePort);
    const started = await startOnFreshDatabase('tournee_e2e_driver_next_stop', ADMIN, {
      LOG_LEVEL: 'warn',
      MAP_STYLE_URL: `http://127.0.0.1:${stylePort}/style.json`,
    });
    server = started.server;
    day = await seedDayWithBreak(started.databaseUrl, ADMIN.email, { name: 'Camille', stops: 4, breakAfter: 2 });
    db = new pg.Client({ connectionString: started.databaseUrl });
    await db.connect();
    browser = await launchChromium();
    context = await openPhone(browser, 'en-GB', IN_LYON);
    page = await context.newPage();
  });

  screenshotFailures('driver-pwa-next-stop', () => page);

  afterAll(async () => {
    await browser?.close();
    await db?.end();
    await server?.stop();
    styles?.server.close();
  });

  const statusOf = async (stopId: string) =>
    (await db.query<{ status: string }>('SELECT status FROM stops WHERE id = $1', [stopId])).rows[0]!.status;

  it('numbers the stops from 1 as the planner does, shows the break as a break, windows and planned times', async () => {
    const staff = await adminToken(server.baseUrl, ADMIN.email, ADMIN.password);
    const access = await issueDriverAccess(server.baseUrl, staff, day.driverId);
    await page.goto(access.link);
    await page.getByRole('listitem', { name: 'Client 1' }).waitFor();
    const items = page.locator('ol.stops > li');
    await expect.poll(() => items.count()).toBe(5);
    // Route order: Client 1, Client 2, the break, Client 3, Client 4 — numbered like the planner: the break takes no number.
    expect(await items.locator('.seq').allTextContents()).toEqual(['1', '2', '☕', '3', '4']);
    const breakItem = page.getByRole('listitem', { name: 'Break' });
    expect(await breakItem.innerText()).toMatch(/Break 09:30–10:00/);
    expect(await breakItem.getByRole('button').count()).toBe(0);
    const first = page.getByRole('listitem', { name: 'Client 1' });
    expect(await first.locator('.window').textContent()).toBe('Window 09:00–12:00');
    expect(await first.locator('.planned').textContent()).toBe('Planned 09:00');
    expect(await page.getByRole('listitem', { name: 'Client 3' }).locator('.planned').textContent()).toBe(
      'Planned 10:20',
    );
    // The customer's number as people write it in France.
    expect(await first.getByRole('link', { name: /Call/ }).textContent()).toBe('Call 04 78 00 00 00');
    // The map style cannot load (its server answers 503): the SVG sketch takes over, numbered the same way.
    await expect.poll(() => styles.state.asked, { timeout: 20_000 }).toBeGreaterThan(0);
    await expect
      .poll(() => page.locator('.day-map').getAttribute('data-map-state'), { timeout: 20_000 })
      .toBe('sketch');
    expect(await page.getByTestId('route-sketch').locator('text').allTextContents()).toEqual(['1', '2', '3', '4']);
    await saveScreenshot(page, 'driver-pwa-list-en', true);
  });

  it('delivers the next stop with the one big button, then offers the break before the stop after it', async () => {
    await page.getByRole('button', { name: 'Next stop' }).click();
    const screen = page.getByRole('region', { name: 'Next stop' });
    await screen.getByRole('heading', { name: /Client 1/ }).waitFor();
    expect(await screen.locator('.window').textContent()).toBe('09:00–12:00');
    await screen.getByRole('button', { name: 'Start route' }).click();
    await screen.getByRole('button', { name: 'Arrived' }).click();
    await expect.poll(() => statusOf(day.stopIds[0]!), { timeout: 15_000 }).toBe('arrived');
    await saveScreenshot(page, 'driver-pwa-next-stop-en', true);
    await screen.getByRole('button', { name: 'Delivered' }).click();
    const dialog = page.getByRole('dialog', { name: 'Proof of delivery' });
    await dialog.getByLabel('Recipient name').fill('Mme Durand');
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await screen.getByRole('heading', { name: /Client 2/ }).waitFor();
    await expect.poll(() => statusOf(day.stopIds[0]!), { timeout: 15_000 }).toBe('delivered');
    expect(await screen.locator('.next-progress').textContent()).toContain('1 of 4 done');
    // Stop 2, then the break comes before Client 3.
    await screen.getByRole('button', { name: 'Arrived' }).click();
    await screen.getByRole('button', { name: 'Delivered' }).click();
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await screen.getByRole('heading', { name: /Client 3/ }).waitFor();
    expect(await screen.getByRole('note').textContent()).toContain('Break planned 09:30–10:00 before this stop');
    await expect.poll(() => statusOf(day.stopIds[1]!), { timeout: 15_000 }).toBe('delivered');
    expect(await statusOf(day.breakId)).toBe('pending');
    await saveScreenshot(page, 'driver-pwa-next-stop-break-en', true);
  });

  it('speaks French in both views, and keeps the view chosen', async () => {
    await page.getByRole('button', { name: 'Français' }).click();
    const screen = page.getByRole('region', { name: 'Prochain arrêt' });
    await screen.getByText('Pause prévue 09:30–10:00 avant cet arrêt').waitFor();
    expect(await screen.getByRole('button', { name: 'Arrivé' }).isVisible()).toBe(true);
    expect(await screen.locator('.next-progress').textContent()).toContain('2 sur 4 faits');
    await saveScreenshot(page, 'driver-pwa-next-stop-fr', true);
    await page.reload();
    await page.getByRole('region', { name: 'Prochain arrêt' }).waitFor();
    await page.getByRole('button', { name: 'Liste' }).click();
    await page.getByRole('listitem', { name: 'Pause' }).getByText('Pause 09:30–10:00').waitFor();
    expect(await page.getByRole('listitem', { name: 'Client 3' }).locator('.planned').textContent()).toBe(
      'Prévu 10:20',
    );
    expect(await page.getByRole('listitem', { name: 'Client 1' }).locator('.badge').textContent()).toBe('Livré');
    await saveScreenshot(page, 'driver-pwa-list-fr', true);
  });

  it('shows the street map with its attribution once the style loads, the van turning as it moves', async () => {
    styles.state.up = true;
    await page.getByRole('button', { name: 'English' }).click();
    await page.reload();
    await page.getByRole('listitem', { name: 'Client 3' }).waitFor();
    await expect.poll(() => page.locator('.day-map').getAttribute('data-map-state'), { timeout: 20_000 }).toBe('map');
    await page.locator('.live-map canvas.maplibregl-canvas').waitFor();
    await expect
      .poll(() => page.locator('.live-map .maplibregl-ctrl-attrib').innerText())
      .toContain('© Test Streets contributors');
    expect(await page.locator('.live-map .marker-stop').allTextContents()).toEqual(['1', '2', '3', '4']);
    // The phone moves some 150 m north-east: the van's arrow points that way.
    await context.setGeolocation({ latitude: 45.7611, longitude: 4.8316, accuracy: 8 });
    await expect
      .poll(async () => Number(await page.locator('.live-map .marker-van').getAttribute('data-heading')), {
        timeout: 15_000,
      })
      .toBeGreaterThan(30);
    expect(Number(await page.locator('.live-map .marker-van').getAttribute('data-heading'))).toBeLessThan(60);
    await saveScreenshot(page, 'driver-pwa-map-en', true);
  });
});
