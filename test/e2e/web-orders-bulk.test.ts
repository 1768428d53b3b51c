import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, signIn } from '../lib/api-client.ts';
import { saveScreenshot, screenshotFailures } from '../lib/artifacts.ts';
import { launchChromium, signInOnPage } from '../lib/browser.ts';
import { startOnFreshDatabase } from '../lib/e2e-db.ts';
import type { ServerProcess } from '../lib/server-process.ts';

const ADMIN = { email: 'bulk@example.com', password: 'e2e-password-bulk' };

// Bulk edit from the orders table, in Chromium against the real server and PostgreSQL: 50 orders
// imported through the API, all ticked, changed in one action; the API shows all 50 changed.
describe('dispatcher web app: bulk edit of orders', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let api: ApiClient;

  const orders = async () => {
    const items: Array<Record<string, unknown>> = (await api.call('GET', '/orders?limit=100')).body.items;
    return items;
  };

  beforeAll(async () => {
    ({ server } = await startOnFreshDatabase('tournee_e2e_orders_bulk', ADMIN));
    api = await signIn(server.baseUrl, ADMIN.email, ADMIN.password);
    const rows = Array.from({ length: 50 }, (_, i) => ({
      ref: `BULK-${String(i + 1).padStart(2, '0')}`,
      name: `Client ${i + 1}`,
      address: `${i + 1} rue de la République, Lyon`,
      lat: 45.76 + i / 10_000,
      lon: 4.835,
      date_from: '2026-06-01',
      date_to: '2026-06-01',
    }));
    const imported = await api.call('POST', '/orders/import', rows);
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    expect(imported.body.created).toBe(50);

    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    await page.goto(server.baseUrl);
    await signInOnPage(page, ADMIN);
    await page.getByRole('link', { name: 'Orders' }).click();
    await page.getByRole('heading', { name: 'Orders' }).waitFor();
  });

  screenshotFailures('web-orders-bulk', () => page);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('sets a priority and a day on 50 orders in one action: the API shows all 50 changed', async () => {
    await page.getByRole('checkbox', { name: 'Select order BULK-50' }).waitFor();
    await page.getByRole('checkbox', { name: 'Select all orders on this page' }).check();
    const bar = page.getByRole('region', { name: 'Change the selected orders' });
    await expect.poll(() => bar.getByText('Selected: 50').count()).toBe(1);
    await bar.getByLabel('From day').fill('2026-06-03');
    await bar.getByLabel('Priority').fill('7');
    await bar.getByRole('button', { name: 'Apply to 50 orders' }).click();
    await expect.poll(() => bar.getByRole('status').textContent()).toBe('Changed: 50 · Refused: 0');

    const after = await orders();
    expect(after).toHaveLength(50);
    for (const o of after) expect(o).toMatchObject({ priority: 7, dateFrom: '2026-06-03', dateTo: '2026-06-03' });
    // The table shows the new day too, as the locale writes it.
    await expect.poll(() => page.getByRole('cell', { name: '03/06/2026' }).count()).toBe(50);
    await saveScreenshot(page, 'orders-bulk-en', true);
  });

  it('in French: sets a time window on the same 50 orders and names the result in French', async () => {
    await page.getByLabel('Language').selectOption('fr');
    const bar = page.getByRole('region', { name: 'Modifier les commandes sélectionnées' });
    await bar.getByLabel('Créneau de').fill('09:00');
    await bar.getByLabel('Créneau à').fill('12:00');
    await bar.getByRole('button', { name: 'Appliquer aux 50 commandes' }).click();
    await expect.poll(() => bar.getByRole('status').textContent()).toBe('Modifiées : 50 · Refusées : 0');
    await saveScreenshot(page, 'orders-bulk-fr', true);
    for (const o of await orders())
      expect(o).toMatchObject({ priority: 7, timeWindows: [{ start: '09:00', end: '12:00' }] });
  });

  it('says which order was refused and why, and changes the others', async () => {
    const cancelled = (await orders()).find((o) => o.ref === 'BULK-01')!;
    expect((await api.call('DELETE', `/orders/${cancelled.id}`)).status).toBe(200);
    const bar = page.getByRole('region', { name: 'Modifier les commandes sélectionnées' });
    await bar.getByLabel('Notes').fill('Sonner deux fois');
    await bar.getByRole('button', { name: 'Appliquer aux 50 commandes' }).click();
    const summary = bar.getByRole('status');
    await expect.poll(() => summary.locator('p').textContent()).toBe('Modifiées : 49 · Refusées : 1');
    expect(await summary.getByRole('listitem').allTextContents()).toEqual([
      'BULK-01 : ne peut plus être modifiée (partie en livraison, livrée ou annulée)',
    ]);
    // Once the list has reloaded, BULK-01's status cell no longer reads as an imported order.
    const row = page.getByRole('row').filter({ has: page.getByRole('cell', { name: 'BULK-01', exact: true }) });
    await expect.poll(() => row.getByRole('cell').nth(6).textContent()).not.toMatch(/^import/i);
    await saveScreenshot(page, 'orders-bulk-refused-fr');
    const after = await orders();
    expect(after.filter((o) => o.notes === 'Sonner deux fois')).toHaveLength(49);
    expect(after.find((o) => o.ref === 'BULK-01')).toMatchObject({ status: 'cancelled', notes: '' });
  });

  it('exports the filtered list as CSV from the Export link', async () => {
    await page.getByRole('searchbox').fill('BULK-0');
    const href = await page.getByRole('link', { name: 'Exporter en CSV' }).getAttribute('href');
    expect(href).toMatch(/^\/api\/orders\/export\?.*q=BULK-0.*format=csv/);
    const csv = await page.evaluate(async (url) => (await fetch(url!)).text(), href);
    // The header and BULK-01 … BULK-09.
    expect(csv.trim().split('\r\n')).toHaveLength(10);
  });
});
