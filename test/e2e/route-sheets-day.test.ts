import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot, screenshotFailures } from '../lib/artifacts.ts';
import { launchChromium, signInOnPage } from '../lib/browser.ts';
import { type DayWithBreak, seedDayWithBreak } from '../lib/day-with-break.ts';
import { startOnFreshDatabase } from '../lib/e2e-db.ts';
import { REPO_ROOT, type ServerProcess } from '../lib/server-process.ts';

const ADMIN = { email: 'sheets@example.com', password: 'e2e-password-1' };

/** The English words a French sheet must not show (statuses, headings, links). */
const ENGLISH = [
  'To do',
  'Delivered',
  'Arrived',
  'Failed',
  'Skipped',
  'pending',
  'delivered',
  'Break',
  'Status',
  'Time',
  'Customer',
  'Open the route',
  'window',
  'navigate',
  'parcels',
  'No driver',
];

// A dispatcher prints the whole day: every driver on a page of their own, in French.
describe('route sheets of the day', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let camille: DayWithBreak;
  let karim: DayWithBreak;

  beforeAll(async () => {
    if (!existsSync(join(REPO_ROOT, 'web', 'dist', 'index.html')))
      throw new Error('The web app is not built: run `pnpm --filter @tournee/web build` first');
    const started = await startOnFreshDatabase('tournee_e2e_route_sheets', ADMIN, { LOG_LEVEL: 'warn' });
    server = started.server;
    camille = await seedDayWithBreak(started.databaseUrl, ADMIN.email, { name: 'Camille', stops: 4 });
    karim = await seedDayWithBreak(started.databaseUrl, ADMIN.email, { name: 'Karim', stops: 3, breakAfter: 1 });
    const db = new pg.Client({ connectionString: started.databaseUrl });
    await db.connect();
    await db.query(`UPDATE stops SET status = 'delivered' WHERE id = $1`, [camille.stopIds[0]]);
    await db.query(`UPDATE organisations SET dimensions = '{kg,m3,parcels}' WHERE id = $1`, [camille.orgId]);
    await db.end();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1100, height: 900 }, locale: 'en-GB' });
    await page.goto(server.baseUrl);
    await signInOnPage(page, ADMIN);
    await page.getByRole('link', { name: 'Planner' }).waitFor();
  });

  screenshotFailures('route-sheets', () => page);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('prints every driver of the day on a page of their own, in French, with a print button', async () => {
    await page.goto(`${server.baseUrl}/api/route-sheets?date=${camille.localDate}&lang=fr`);
    const sheets = page.locator('section.sheet');
    await expect.poll(() => sheets.count()).toBe(2);
    expect(await sheets.locator('h2').allTextContents()).toEqual([
      expect.stringMatching(/^Camille — \S+ \d+ \S+ 20\d\d$/),
      expect.stringMatching(/^Karim — /),
    ]);
    expect(await sheets.first().evaluate((e) => getComputedStyle(e).breakAfter)).toBe('page');
    // Numbered as the planner numbers them, the break in its place.
    expect(await sheets.first().locator('tbody td:first-child').allTextContents()).toEqual(['1', '2', '☕', '3', '4']);
    // (Phone numbers are printed with no-break spaces, so they never split across lines.)
    const text = (await page.locator('body').innerText()).replace(/\u00a0/g, ' ');
    for (const word of [
      'À faire',
      'Livré',
      'Pause',
      'Statut',
      'créneau 09:00–12:00',
      '04 78 00 00 00',
      '1 colis',
      '18,4 km',
    ])
      expect(text).toContain(word);
    for (const word of ENGLISH) expect(text).not.toContain(word);
    // The print button opens the browser's print dialog (stubbed here), and is not printed.
    await page.evaluate(() => {
      window.print = () => {
        document.body.dataset.printed = 'yes';
      };
    });
    await page.getByRole('button', { name: 'Imprimer' }).click();
    await expect.poll(() => page.locator('body').getAttribute('data-printed')).toBe('yes');
    await saveScreenshot(page, 'route-sheets-day-fr', true);
    // Printed: one A4 page per driver, without the button.
    const pdf = (await page.pdf({ format: 'A4' })).toString('latin1');
    expect(pdf.match(/\/Type\s*\/Page\b/g)?.length).toBe(2);
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: 'Imprimer' }).isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });
  });

  it("prints one driver's sheet in English when asked", async () => {
    await page.goto(`${server.baseUrl}/api/route-sheets?date=${karim.localDate}&driverId=${karim.driverId}&lang=en`);
    await page.getByRole('button', { name: 'Print' }).waitFor();
    expect(await page.locator('section.sheet').count()).toBe(1);
    const text = await page.locator('body').innerText();
    for (const word of ['Karim', 'To do', 'Break', 'window 09:00–12:00']) expect(text).toContain(word);
    expect(text).not.toContain('Camille');
    await saveScreenshot(page, 'route-sheets-driver-en', true);
  });

  it("opens the whole day's sheets from the planner's day, in the language of the screen", async () => {
    await page.goto(server.baseUrl);
    await page.getByRole('link', { name: 'Planner' }).click();
    await page.locator(`.calendar-grid [data-date="${camille.localDate}"]`).click();
    await page.locator('.route-card').first().waitFor();
    await page.locator('.language-switch select').selectOption('fr');
    const link = page.getByRole('link', { name: 'Feuilles de route du jour' });
    expect(await link.getAttribute('target')).toBe('_blank');
    await saveScreenshot(page, 'planner-day-sheets-link-fr');
    const [tab] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
    await tab.waitForLoadState();
    expect(new URL(tab.url()).searchParams.get('lang')).toBe('fr');
    expect(new URL(tab.url()).searchParams.get('date')).toBe(camille.localDate);
    await expect.poll(() => tab.locator('section.sheet').count()).toBe(2);
    await tab.getByRole('button', { name: 'Imprimer' }).waitFor();
    await tab.close();
    await page.locator('.language-switch select').selectOption('en');
    const en = page.getByRole('link', { name: 'Route sheets for the day' });
    expect(new URL(`${server.baseUrl}${await en.getAttribute('href')}`).searchParams.get('lang')).toBe('en');
  });
});
