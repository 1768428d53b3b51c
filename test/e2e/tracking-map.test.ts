import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot, screenshotFailures } from '../lib/artifacts.ts';
import type { SeededDay } from '../../server/test/support/seeded-driver-day.ts';
import { launchChromium } from '../lib/browser.ts';
import { adminToken, seedDriverInto, trackingLinkInto } from '../lib/driver-day.ts';
import { connectDriverPhone, type ScriptedPhone } from '../lib/driver-phone.ts';
import { startOnFreshDatabase } from '../lib/e2e-db.ts';
import { REPO_ROOT, type ServerProcess } from '../lib/server-process.ts';

const ADMIN = { email: 'track-map@example.com', password: 'e2e-password-1' };

// The customer's page once the driver is one stop away: a MapLibre map (offline here, so the
// plain fallback style) with the address and the driver, whose arrow turns as they move; then a
// failed visit explained in French.
describe('tracking page: the live map and the words', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let day: SeededDay;
  let driver: ScriptedPhone;
  let token: string;

  beforeAll(async () => {
    if (!existsSync(join(REPO_ROOT, 'web', 'dist', 'track.html')))
      throw new Error('The tracking page is not built: run `pnpm --filter @tournee/web build` first');
    // MAP_STYLE_URL unset: the default public style (OpenFreeMap), unreachable in tests.
    const started = await startOnFreshDatabase('tournee_e2e_tracking_map', ADMIN, {
      LOG_LEVEL: 'warn',
      ETA_THROTTLE_MS: '0',
    });
    server = started.server;
    day = await seedDriverInto(started.databaseUrl, ADMIN.email, 3);
    token = await trackingLinkInto(started.databaseUrl, day.orderIds[2]!);
    const staff = await adminToken(server.baseUrl, ADMIN.email, ADMIN.password);
    driver = await connectDriverPhone(server.baseUrl, staff, day.driverId);
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 390, height: 800 }, locale: 'en-GB' })).newPage();
  });

  screenshotFailures('tracking-map', () => page);

  afterAll(async () => {
    driver?.disconnect();
    await browser?.close();
    await server?.stop();
  });

  const position = (lon: number, lat: number) => driver.position(lon, lat);
  const stopEvent = (i: number, type: string, reason?: string) =>
    driver.stopEvent(day.stopIds[i]!, type, reason ? { reason } : {});
  const marker = () => page.locator('#driver-marker');

  it('shows a MapLibre map that falls back offline, with attribution, and the driver moving with a heading', async () => {
    await page.goto(`${server.baseUrl}/t/${token}`);
    await page.locator('#status').getByText('Delivery planned').waitFor();
    await stopEvent(0, 'started');
    await stopEvent(0, 'arrived');
    await stopEvent(0, 'delivered');
    await position(4.8321, 45.7611);
    await page.locator('#before').getByText('1 stop before yours').waitFor();
    await page.locator('#map canvas.maplibregl-canvas').waitFor({ timeout: 15_000 });
    // The public style cannot load here: the offline style replaces it (within 5 s), the markers stay.
    await expect.poll(() => page.locator('#map').getAttribute('data-map-style'), { timeout: 20_000 }).toBe('offline');
    await expect
      .poll(
        () =>
          page.evaluate(
            () => (window as unknown as { __trackMap?: { getStyle(): { name?: string } } }).__trackMap?.getStyle().name,
          ),
        {
          timeout: 20_000,
        },
      )
      .toBe('tournee-offline');
    expect(await page.locator('#map .maplibregl-ctrl-attrib').count()).toBe(1);
    await marker().waitFor();
    const before = (await marker().boundingBox())!;
    // North-east by some 100 m: the marker moves and its arrow points that way (about 64°).
    await position(4.8333, 45.7615);
    await expect.poll(() => marker().getAttribute('data-lng-lat'), { timeout: 10_000 }).toBe('4.8333,45.7615');
    await expect
      .poll(async () => Number(await marker().getAttribute('data-heading')), { timeout: 10_000 })
      .toBeGreaterThan(55);
    expect(Number(await marker().getAttribute('data-heading'))).toBeLessThan(75);
    const after = (await marker().boundingBox())!;
    expect(Math.hypot(after.x - before.x, after.y - before.y)).toBeGreaterThan(5);
    await saveScreenshot(page, 'tracking-map-en', true);
  });

  it('speaks French with ?lang=fr, and says why a visit failed in words', async () => {
    await page.goto(`${server.baseUrl}/t/${token}?lang=fr`);
    await page.locator('#status').getByText('Votre livreur est en route').waitFor();
    await page.locator('#before').getByText('1 arrêt avant vous.').waitFor();
    await page.locator('#map canvas.maplibregl-canvas').waitFor({ timeout: 15_000 });
    await expect.poll(() => page.locator('#map').getAttribute('data-map-style'), { timeout: 20_000 }).toBe('offline');
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await saveScreenshot(page, 'tracking-map-fr', true);
    await stopEvent(1, 'arrived');
    await stopEvent(1, 'delivered');
    await stopEvent(2, 'arrived');
    await stopEvent(2, 'failed', 'absent');
    await page.locator('#reason').waitFor();
    expect(await page.locator('#reason').textContent()).toBe('Motif : personne n’était présent');
    const text = await page.locator('main').innerText();
    for (const word of ['absent', 'failed', 'rescheduled', 'Reason']) expect(text).not.toContain(word);
    await saveScreenshot(page, 'tracking-failed-fr', true);
  });
});
