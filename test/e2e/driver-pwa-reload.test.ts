import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot, screenshotFailures } from '../lib/artifacts.ts';
import { launchChromium } from '../lib/browser.ts';
import { type DayWithBreak, seedDayWithBreak } from '../lib/day-with-break.ts';
import { adminToken, issueDriverAccess } from '../lib/driver-day.ts';
import { startOnFreshDatabase } from '../lib/e2e-db.ts';
import { openPhone, requireDriverAppBuilt } from '../lib/phone.ts';
import { freePort, type ServerProcess } from '../lib/server-process.ts';

const ADMIN = { email: 'reload@example.com', password: 'e2e-password-1' };

// A multi-trip van's day (issue 19) on a phone in Chromium: Client 1, back to the depot to
// reload, Client 2, Client 3. The reload is a row of its own (↻), no numbered stop, not counted in
// the progress, announced before the stop after it, and the route finishes with it left pending.
describe('driver app: a reload at the depot', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let db: pg.Client;
  let day: DayWithBreak;
  let reloadId: string;

  beforeAll(async () => {
    requireDriverAppBuilt();
    // No map style server: the app draws its offline sketch.
    const started = await startOnFreshDatabase('tournee_e2e_driver_reload', ADMIN, {
      LOG_LEVEL: 'warn',
      MAP_STYLE_URL: `http://127.0.0.1:${await freePort()}/style.json`,
    });
    server = started.server;
    // The day-with-break seed, its break (09:05–09:35 Paris, after the first stop) made a reload.
    day = await seedDayWithBreak(started.databaseUrl, ADMIN.email, { name: 'Dominique', stops: 3, breakAfter: 1 });
    reloadId = day.breakId;
    db = new pg.Client({ connectionString: started.databaseUrl });
    await db.connect();
    await db.query(`UPDATE stops SET kind = 'reload', break_index = NULL WHERE id = $1`, [reloadId]);
    browser = await launchChromium();
    const context = await openPhone(browser);
    page = await context.newPage();
  });

  screenshotFailures('driver-pwa-reload', () => page);

  afterAll(async () => {
    await browser?.close();
    await db?.end();
    await server?.stop();
  });

  const statusOf = async (table: 'stops' | 'routes', id: string) =>
    (await db.query<{ status: string }>(`SELECT status FROM ${table} WHERE id = $1`, [id])).rows[0]!.status;

  it('lists the reload as a ↻ row between the stops, numbered around like the planner', async () => {
    const staff = await adminToken(server.baseUrl, ADMIN.email, ADMIN.password);
    const access = await issueDriverAccess(server.baseUrl, staff, day.driverId);
    await page.goto(access.link);
    await page.getByRole('listitem', { name: 'Client 1' }).waitFor();
    const items = page.locator('ol.stops > li');
    await expect.poll(() => items.count()).toBe(4);
    expect(await items.locator('.seq').allTextContents()).toEqual(['1', '↻', '2', '3']);
    const reload = page.getByRole('listitem', { name: 'Reload at the depot' });
    expect(await reload.innerText()).toMatch(/Reload at the depot 09:05–09:35/);
    expect(await reload.getByRole('button').count()).toBe(0);
    await expect
      .poll(() => page.locator('.day-map').getAttribute('data-map-state'), { timeout: 20_000 })
      .toBe('sketch');
    expect(await page.getByTestId('route-sketch').locator('text').allTextContents()).toEqual(['1', '2', '3']);
    await saveScreenshot(page, 'driver-pwa-reload-list-en', true);
  });

  it('announces the reload before the stop after it, in English and French; 1 of 3 done', async () => {
    await page.getByRole('button', { name: 'Next stop' }).click();
    const screen = page.getByRole('region', { name: 'Next stop' });
    await screen.getByRole('heading', { name: /Client 1/ }).waitFor();
    await screen.getByRole('button', { name: 'Start route' }).click();
    await screen.getByRole('button', { name: 'Arrived' }).click();
    await screen.getByRole('button', { name: 'Delivered' }).click();
    const dialog = page.getByRole('dialog', { name: 'Proof of delivery' });
    await dialog.getByLabel('Recipient name').fill('M. Martin');
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await screen.getByRole('heading', { name: /Client 2/ }).waitFor();
    expect(await screen.getByRole('note').textContent()).toContain(
      'Back to the depot to reload 09:05–09:35 before this stop',
    );
    expect(await screen.locator('.next-progress').textContent()).toContain('1 of 3 done');
    await saveScreenshot(page, 'driver-pwa-reload-next-en', true);

    await page.getByRole('button', { name: 'Français' }).click();
    const fr = page.getByRole('region', { name: 'Prochain arrêt' });
    await fr.getByText('Retour au dépôt pour recharger 09:05–09:35 avant cet arrêt').waitFor();
    await page.getByRole('button', { name: 'Liste' }).click();
    await page
      .getByRole('listitem', { name: 'Rechargement au dépôt' })
      .getByText('Rechargement au dépôt 09:05–09:35')
      .waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Next stop' }).click();
  });

  it('finishes the route after the last stop, the reload left pending', async () => {
    const screen = page.getByRole('region', { name: 'Next stop' });
    for (const client of ['Client 2', 'Client 3']) {
      await screen.getByRole('heading', { name: new RegExp(client) }).waitFor();
      await screen.getByRole('button', { name: 'Arrived' }).click();
      await screen.getByRole('button', { name: 'Delivered' }).click();
      await page.getByRole('dialog', { name: 'Proof of delivery' }).getByRole('button', { name: 'Confirm' }).click();
    }
    await screen.getByText('All stops are done. Thank you!').waitFor();
    expect(await screen.textContent()).toContain('3 of 3 done');
    await expect.poll(() => statusOf('routes', day.routeId), { timeout: 15_000 }).toBe('done');
    expect(await statusOf('stops', reloadId)).toBe('pending');
  });
});
