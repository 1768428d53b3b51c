import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { bandInside, type TrackView, utcToLocal } from '@tournee/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot, screenshotFailures } from '../lib/artifacts.ts';
import type { SeededDay } from '../../server/test/support/seeded-driver-day.ts';
import { launchChromium } from '../lib/browser.ts';
import { adminToken, seedDriverInto, trackingLinkInto } from '../lib/driver-day.ts';
import { connectDriverPhone, type ScriptedPhone } from '../lib/driver-phone.ts';
import { startOnFreshDatabase } from '../lib/e2e-db.ts';
import { REPO_ROOT, type ServerProcess } from '../lib/server-process.ts';

const ADMIN = { email: 'track@example.com', password: 'e2e-password-1' };

// A customer watches the third stop of a route in Chromium while a driver (the real /driver
// socket) runs it: ETA, then the driver on the map once one stop away, then delivery and rating.
describe('tracking page', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let day: SeededDay;
  let driver: ScriptedPhone;
  let token: string;
  let dbUrl: string;

  beforeAll(async () => {
    if (!existsSync(join(REPO_ROOT, 'web', 'dist', 'track.html')))
      throw new Error('The tracking page is not built: run `pnpm --filter @tournee/web build` first');
    ({ server, databaseUrl: dbUrl } = await startOnFreshDatabase('tournee_e2e_tracking_page', ADMIN, {
      LOG_LEVEL: 'warn',
      ETA_THROTTLE_MS: '0',
    }));
    day = await seedDriverInto(dbUrl, ADMIN.email, 3);
    token = await trackingLinkInto(dbUrl, day.orderIds[2]!);
    const staff = await adminToken(server.baseUrl, ADMIN.email, ADMIN.password);
    driver = await connectDriverPhone(server.baseUrl, staff, day.driverId);
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 390, height: 800 }, locale: 'en-GB' })).newPage();
  });

  screenshotFailures('tracking-page', () => page);

  afterAll(async () => {
    driver?.disconnect();
    await browser?.close();
    await server?.stop();
  });

  const position = (lon: number, lat: number) => driver.position(lon, lat);
  const stopEvent = (i: number, type: string) => driver.stopEvent(day.stopIds[i]!, type);
  const windowsOf = (v: TrackView) =>
    v.bookedWindows.map((w) => ({ startMs: Date.parse(w.start), endMs: Date.parse(w.end) }));
  const views = () => page.evaluate(() => (globalThis as { __track?: { views: TrackView[] } }).__track?.views ?? []);
  const driverMoves = () =>
    page.evaluate(
      () => (globalThis as { __track?: { driverMoves: TrackView['driver'][] } }).__track?.driverMoves ?? [],
    );

  it('shows the ETA, then the moving driver once one stop away, and nothing of other stops', async () => {
    await page.goto(`${server.baseUrl}/t/${token}`);
    await page.locator('#status').getByText('Delivery planned').waitFor();
    // The slot the customer booked, and apart from it the band announced inside it.
    const first = (await views())[0]!;
    const clock = (iso: string) => utcToLocal(new Date(iso), first.timeZone).localTime;
    expect(first.bookedWindows.map((w) => `${clock(w.start)}–${clock(w.end)}`)).toEqual(['09:00–12:00']);
    expect(await page.locator('#booked').textContent()).toBe('09:00 – 12:00');
    const band = first.window!;
    expect(bandInside({ startMs: Date.parse(band.from), endMs: Date.parse(band.to) }, windowsOf(first))).toBe(true);
    expect(await page.locator('#window').textContent()).toBe(`${clock(band.from)} – ${clock(band.to)}`);
    await saveScreenshot(page, 'tracking-page-booked-slot');
    await stopEvent(0, 'started');
    await position(4.8345, 45.7601);
    await page.locator('#eta').waitFor();
    await page.locator('#before').getByText('2 stops before yours').waitFor();
    expect((await views()).at(-1)!.driver).toBeNull();
    await stopEvent(0, 'arrived');
    await stopEvent(0, 'delivered');
    // One stop away: the driver shows, and moves.
    await position(4.8321, 45.7611);
    await page.locator('#before').getByText('1 stop before yours').waitFor();
    await expect
      .poll(async () => (await views()).at(-1)?.driver?.location.coordinates, { timeout: 10_000 })
      .toEqual([4.8321, 45.7611]);
    await position(4.8333, 45.7615);
    await expect
      .poll(async () => (await views()).at(-1)?.driver?.location.coordinates, { timeout: 10_000 })
      .toEqual([4.8333, 45.7615]);
    // Each position also comes on its own, without waiting for the next ETA.
    await expect
      .poll(async () => (await driverMoves()).map((d) => d?.location.coordinates), { timeout: 10_000 })
      .toContainEqual([4.8333, 45.7615]);
    await page.locator('#map').waitFor();
    await saveScreenshot(page, 'tracking-page-driver');

    // The page's data: this order only — no other stop, customer or route line.
    const data = JSON.stringify([await views(), await driverMoves()]);
    for (const other of [day.orderIds[0], day.orderIds[1], day.stopIds[0], day.stopIds[1], day.routeId, day.driverId])
      expect(data).not.toContain(other);
    for (const text of [
      'Client 1',
      'Client 2',
      '1 rue de la',
      '2 rue de la',
      'geometry',
      'LineString',
      '4.834,45.762',
      '4.83,45.76',
    ])
      expect(data).not.toContain(text);
    expect(Object.keys((await views()).at(-1)!).sort()).toEqual(
      [
        'address',
        'announced',
        'bookedWindows',
        'canRate',
        'customerName',
        'delivery',
        // null unless the order requires a delivery code (then the customer's own code)
        'deliveryCode',
        'destination',
        'driver',
        'eta',
        'localDate',
        'orgName',
        'rating',
        'reschedule',
        'status',
        'stopsBefore',
        'timeZone',
        'window',
      ].sort(),
    );
  });

  it('after delivery shows the proof and takes a rating', async () => {
    await stopEvent(1, 'arrived');
    await stopEvent(1, 'delivered');
    await stopEvent(2, 'arrived');
    await stopEvent(2, 'delivered');
    await page.locator('#status').getByText('Delivered').waitFor();
    await page.locator('#delivery').waitFor();
    await page.locator('[data-star="4"]').click();
    await page.locator('#rating textarea').fill('Parfait');
    await page.locator('#send-rating').click();
    await page.getByText('Thank you for your rating!').waitFor();
    const res = await fetch(`${server.baseUrl}/api/track/${token}`);
    expect(await res.json()).toMatchObject({
      status: 'delivered',
      rating: { rating: 4, comment: 'Parfait' },
      canRate: false,
    });
  });
});
