import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAnalyticsFixture } from '../../server/test/support/analytics-fixture.ts';
import { createPgDb } from '../../server/src/db/pg-adapter.ts';
import { saveScreenshot, screenshotFailures } from '../lib/artifacts.ts';
import { launchChromium, signInOnPage } from '../lib/browser.ts';
import { startOnFreshDatabase } from '../lib/e2e-db.ts';
import type { ServerProcess } from '../lib/server-process.ts';

const ADMIN = { email: 'analytics@example.com', password: 'e2e-password-analytics' };

// The Analytics screen in Chromium against the real server and PostgreSQL, over two seeded days
// with known outcomes (server/test/support/analytics-fixture.ts): 20 stops, 17 on time, 3 failed.
describe('dispatcher web app: analytics', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    let databaseUrl: string;
    ({ server, databaseUrl } = await startOnFreshDatabase('tournee_e2e_analytics', ADMIN));
    const db = createPgDb(databaseUrl, { max: 2 });
    const org = await db.query<{ org_id: string }>('SELECT org_id FROM users WHERE lower(email) = $1', [ADMIN.email]);
    await seedAnalyticsFixture(db, org.rows[0]!.org_id);
    await db.close();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 1100 }, locale: 'en-GB' });
    await page.goto(server.baseUrl);
    await signInOnPage(page, ADMIN);
    await page.getByRole('link', { name: 'Orders' }).waitFor();
  });

  screenshotFailures('web-analytics', () => page);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** The KPI card whose label reads exactly `label`. */
  const kpi = (label: string) =>
    page
      .getByRole('region', { name: 'Key figures' })
      .locator('.kpi')
      .filter({ has: page.locator('.kpi-label', { hasText: new RegExp(`^${label.replace(/[()]/g, '\\$&')}$`) }) });

  it('shows the key figures, the daily trend and each driver for the chosen days', async () => {
    await page.getByRole('link', { name: 'Analytics' }).click();
    await page.getByRole('heading', { name: 'Analytics' }).waitFor();
    await page.getByLabel('From', { exact: true }).fill('2026-03-02');
    await page.getByLabel('To', { exact: true }).fill('2026-03-03');
    await expect.poll(() => kpi('On time').innerText()).toContain('85.0%');
    expect(await kpi('On time').innerText()).toContain('17 of 20 arrivals');
    expect(await kpi('Failed').innerText()).toMatch(/3\s+Customer absent 2 · No access 1/);
    expect(await kpi('Rating').innerText()).toContain('4.25 / 5');
    expect(await kpi('Late (avg)').innerText()).toMatch(/20 min\s+p90 28 min/);
    // The trend is drawn by uPlot on a canvas, with its legend of the three series.
    const chart = page.getByTestId('trend-chart');
    await chart.locator('canvas').waitFor();
    expect(await chart.locator('.u-legend').innerText()).toMatch(/On time[\s\S]*Delivered[\s\S]*Km driven/);
    const rows = page.getByRole('table', { name: 'By driver' }).getByRole('row');
    await expect
      .poll(() => rows.nth(1).getByRole('cell').allInnerTexts())
      .toEqual(['Bruno Petit', '8', '8', '0', '100.0%', '0', '—', '0.0 / 8.0', '0.0 h', '—']);
    expect(await rows.nth(2).getByRole('cell').nth(4).innerText()).toBe('75.0%');
    // Customers' ratings with their comments (four on Alice's deliveries).
    const ratings = page.getByRole('region', { name: 'Customer ratings' });
    await expect.poll(() => ratings.locator('tbody tr').count()).toBe(4);
    expect(await ratings.locator('tbody td:nth-child(6)').allInnerTexts()).toEqual(
      expect.arrayContaining(['Comment 1', 'Comment 2', 'Comment 3', 'Comment 4']),
    );
    expect(await ratings.getByRole('cell', { name: '3 / 5' }).innerText()).toBe('★★★☆☆');
    await saveScreenshot(page, 'web-analytics', true);
  });

  it('opens the failed stops behind the failed count, with their reasons', async () => {
    await kpi('Failed').getByRole('button').click();
    const drill = page.getByRole('region', { name: 'Failed' });
    const body = drill.getByRole('row');
    await expect.poll(() => body.count()).toBe(4);
    const reasons = await drill.locator('tbody tr td:nth-child(6)').allInnerTexts();
    expect(reasons).toEqual(['Customer absent', 'Customer absent', 'No access']);
    expect(await drill.locator('tbody tr td:nth-child(3)').allInnerTexts()).toEqual([
      '2026-03-02-2',
      '2026-03-02-3',
      '2026-03-02-4',
    ]);
    await saveScreenshot(page, 'web-analytics-failed', true);
    // From a driver's row: Alice's late stops.
    await drill.getByRole('button', { name: 'Close' }).click();
    const alice = page.getByRole('table', { name: 'By driver' }).getByRole('row', { name: /Alice Martin/ });
    await alice.getByRole('cell').nth(5).getByRole('button').click();
    const late = page.getByRole('region', { name: 'Alice Martin — Late stops' });
    await expect
      .poll(() => late.locator('tbody tr td:nth-child(9)').allInnerTexts())
      .toEqual(['10 min', '20 min', '30 min']);
  });

  it('reads in French', async () => {
    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('link', { name: 'Analyse' }).waitFor();
    await expect.poll(() => page.getByRole('region', { name: 'Chiffres clés' }).innerText()).toContain('À l’heure');
    // Figures as French writes them: a decimal comma and a space before the percent sign.
    expect(await page.getByRole('region', { name: 'Chiffres clés' }).innerText()).toMatch(/85,0\s%/);
    await saveScreenshot(page, 'web-analytics-fr', true);
  });
});
