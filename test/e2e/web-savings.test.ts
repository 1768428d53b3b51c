import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot, screenshotFailures } from '../lib/artifacts.ts';
import { type ApiClient, signIn } from '../lib/api-client.ts';
import { launchChromium, signInOnPage } from '../lib/browser.ts';
import { startOnFreshDatabase } from '../lib/e2e-db.ts';
import type { ServerProcess } from '../lib/server-process.ts';

const ADMIN = { email: 'savings@example.com', password: 'e2e-password-savings' };

interface Order {
  ref: string;
  dateFrom: string;
  location: { coordinates: [number, number] };
  serviceS: number;
  demand: number[];
  timeWindows: { start: string; end: string }[];
}

// After a plan, the dispatcher sees it against the customer's own routes of that day.
describe('dispatcher web app: the Savings card', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let api: ApiClient;
  let day: string;

  beforeAll(async () => {
    ({ server } = await startOnFreshDatabase('tournee_e2e_savings', ADMIN, { SEED_DEMO: 'true' }));
    api = await signIn(server.baseUrl, ADMIN.email, ADMIN.password);
    const orders: Order[] = (await api.call('GET', '/orders?limit=1000')).body.items;
    day = orders.map((o) => o.dateFrom).sort()[0]!;
    const vans: { name: string }[] = (await api.call('GET', '/vehicles')).body.items;
    // The customer's routes: the day's orders dealt to the vans in turn, in the order they came.
    const rows = orders
      .filter((o) => o.dateFrom === day)
      .map((o, i) => ({
        ref: o.ref,
        lon: String(o.location.coordinates[0]),
        lat: String(o.location.coordinates[1]),
        service_min: String(o.serviceS / 60),
        tw_start: o.timeWindows[0]?.start ?? '',
        tw_end: o.timeWindows[0]?.end ?? '',
        vehicle: vans[i % vans.length]!.name,
        seq: String(i + 1),
      }));
    const baseline = await api.call('POST', `/baselines?date=${day}&name=Current%20routes`, rows);
    expect(baseline.status, JSON.stringify(baseline.body).slice(0, 500)).toBe(201);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1500, height: 1000 }, locale: 'en-GB' });
  });

  screenshotFailures('web-savings', () => page);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the plan against the imported routes, figure by figure, with the report', async () => {
    await page.goto(server.baseUrl);
    await signInOnPage(page, ADMIN);
    await page.getByRole('link', { name: 'Planner' }).click();
    await page.getByLabel('From', { exact: true }).fill(day);
    await page.getByLabel('To', { exact: true }).fill(day);
    await page.getByLabel('Time limit (s)').fill('3');
    await page.getByRole('button', { name: 'Plan', exact: true }).click();
    await page.getByRole('status', { name: 'Plan ready' }).waitFor({ timeout: 60_000 });
    const card = page.getByRole('region', { name: 'Savings' });
    await card.locator('tr[data-figure="distanceM"]').waitFor({ timeout: 15_000 });
    await expect.poll(() => card.locator('tbody tr').count()).toBe(6);
    // The optimised routes are shorter than dealing the orders out in turn.
    await expect.poll(() => card.locator('tr[data-figure="distanceM"] td').nth(2).innerText()).toMatch(/^−\d/);
    const report = await card.getByRole('link', { name: 'Print the report' }).getAttribute('href');
    const html = await page.evaluate(async (href) => (await fetch(href!)).text(), report);
    expect(html).toContain(`Savings on ${day}`);
    await saveScreenshot(page, 'planner-savings');
  });
});
