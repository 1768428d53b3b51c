import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot, screenshotFailures } from '../lib/artifacts.ts';
import { launchChromium } from '../lib/browser.ts';
import { type DayWithBreak, seedDayWithBreak } from '../lib/day-with-break.ts';
import { adminToken, issueDriverAccess } from '../lib/driver-day.ts';
import { startOnFreshDatabase } from '../lib/e2e-db.ts';
import { REPO_ROOT, type ServerProcess } from '../lib/server-process.ts';

const ADMIN = { email: 'next-stop@example.com', password: 'e2e-password-1' };

// A driver's day with a lunch break, on a phone in Chromium: the list numbered as the planner
// numbers it, the break as a break, then the next-stop screen and its one big button.
describe('driver app: stop list and next-stop screen', () => {
  let server: ServerProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let db: pg.Client;
  let day: DayWithBreak;

  beforeAll(async () => {
    if (!existsSync(join(REPO_ROOT, 'driver-pwa', 'dist', 'index.html')))
      throw new Error('The driver app is not built: run `pnpm --filter @tournee/driver-pwa build` first');
    // MAP_STYLE_URL unset: the default public style, unreachable in tests.
    const started = await startOnFreshDatabase('tournee_e2e_driver_next_stop', ADMIN, { LOG_LEVEL: 'warn' });
    server = started.server;
    day = await seedDayWithBreak(started.databaseUrl, ADMIN.email, { name: 'Camille', stops: 4, breakAfter: 2 });
    db = new pg.Client({ connectionString: started.databaseUrl });
    await db.connect();
    browser = await launchChromium();
    context = await browser.newContext({
      viewport: { width: 400, height: 860 },
      locale: 'en-GB',
      permissions: ['geolocation'],
      geolocation: { latitude: 45.7601, longitude: 4.8302, accuracy: 12 },
    });
    page = await context.newPage();
  });

  screenshotFailures('driver-pwa-next-stop', () => page);

  afterAll(async () => {
    await browser?.close();
    await db?.end();
    await server?.stop();
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
    // Route order: Client 1, Client 2, the break, Client 3, Client 4 — numbered with the planner's seq.
    expect(await items.locator('.seq').allTextContents()).toEqual(['1', '2', '☕', '4', '5']);
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
    // The public map style cannot load here: the SVG sketch takes over, with the stops numbered the same way.
    await expect
      .poll(() => page.locator('.day-map').getAttribute('data-map-state'), { timeout: 20_000 })
      .toBe('sketch');
    expect(await page.getByTestId('route-sketch').locator('text').allTextContents()).toEqual(['1', '2', '4', '5']);
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
});
