import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot, screenshotFailures } from '../lib/artifacts.ts';
import { type ApiClient, signIn } from '../lib/api-client.ts';
import { launchChromium, signInOnPage } from '../lib/browser.ts';
import { startOnFreshDatabase } from '../lib/e2e-db.ts';
import type { ServerProcess } from '../lib/server-process.ts';

const ADMIN = { email: 'audit@example.com', password: 'e2e-password-audit' };
const DISPATCHER = { email: 'disp-audit@example.com', password: 'e2e-password-disp' };
const DRIVERS = 55;

// The admin's Audit screen, in Chromium against the real server and PostgreSQL: the trail of an
// organisation with more events than one page (drivers created through the API, a dispatcher's
// failed and successful sign-ins), filtered, paged with "Load more", exported as CSV, in French.
describe('dispatcher web app: the audit trail', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let api: ApiClient;

  const rows = () => page.locator('table.audit-table tbody tr');
  const login = (who: { email: string; password: string }) =>
    fetch(`${server.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(who),
    });

  beforeAll(async () => {
    ({ server } = await startOnFreshDatabase('tournee_e2e_audit', ADMIN));
    api = await signIn(server.baseUrl, ADMIN.email, ADMIN.password);
    const created = await api.call('POST', '/users', { ...DISPATCHER, name: 'Dana', role: 'dispatcher' });
    expect(created.status).toBe(201);
    for (let i = 1; i <= DRIVERS; i++) {
      expect((await api.call('POST', '/drivers', { name: `Driver ${i}` })).status).toBe(201);
    }
    // One order sent by an API client (a JSON body), then changed by the admin.
    const day = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const row = { ref: 'AUD-1', name: 'Mme Martin', address: '1 place Bellecour, Lyon', lat: '45.7578', lon: '4.8320' };
    const imported = await api.call('POST', '/orders/import', [
      { ...row, date_from: day, date_to: day, service_min: '5' },
    ]);
    expect(imported.status).toBe(200);
    const orders = (await api.call('GET', `/orders?from=${day}&to=${day}`)).body.items as Array<{ id: string }>;
    expect((await api.call('PATCH', `/orders/${orders[0]!.id}`, { notes: 'Sonner deux fois' })).status).toBe(200);
    expect((await login({ ...DISPATCHER, password: 'not-the-password' })).status).toBe(401);
    expect((await login(DISPATCHER)).status).toBe(200);

    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    await page.goto(server.baseUrl);
    await signInOnPage(page, ADMIN);
    await page.getByRole('link', { name: 'Audit' }).click();
    await page.getByRole('heading', { name: 'Audit trail' }).waitFor();
  });

  screenshotFailures('web-audit', () => page);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lists the newest events first, 50 at a time, and loads the rest on demand', async () => {
    const total = (await api.call('GET', '/audit?limit=500')).body.items.length as number;
    expect(total).toBeGreaterThan(DRIVERS);
    await expect.poll(() => rows().count()).toBe(50);
    // The admin's own sign-in in this browser is the newest event.
    await expect.poll(() => rows().first().textContent()).toContain('auth.sign_in');
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(() => rows().count()).toBe(total);
    await page.getByText('End of the trail.').waitFor();
    expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);
  });

  it('filters by subject and user, and exports exactly what it shows as CSV', async () => {
    const form = page.getByRole('form', { name: 'Audit trail' });
    await form.getByLabel('Subject', { exact: true }).selectOption({ label: 'User / sign-in' });
    await form.getByRole('button', { name: 'Filter', exact: true }).click();
    const userEvents = (await api.call('GET', '/audit?entity=user&limit=500')).body.items.length as number;
    expect(userEvents).toBeGreaterThanOrEqual(4); // the dispatcher created, failed, signed in; the admin signed in
    await expect.poll(() => rows().count()).toBe(userEvents);
    const failed = rows().filter({ hasText: 'auth.sign_in_failed' });
    await expect.poll(() => failed.textContent()).toContain(`email: ${DISPATCHER.email}`);
    expect(await failed.textContent()).toContain('reason: wrong_password');
    expect(await failed.textContent()).not.toContain('not-the-password');
    await saveScreenshot(page, 'web-audit', true);

    const href = await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
    expect(href).toMatch(/^\/api\/audit\?entity=user&format=csv$/);
    // The link works with the browser's session cookie alone.
    const csv = await page.request.get(`${server.baseUrl}${href}`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
    const lines = (await csv.text())
      .replace(/^\ufeff/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines).toHaveLength(userEvents + 1);
    expect(lines[0]).toBe('at,action,entity,entity_id,user_id,user_email,details');
    expect(lines.filter((l) => l.includes('auth.sign_in_failed'))).toHaveLength(1);

    await form.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => rows().count()).toBe(50);
  });

  it("opens an order's history from its row: the import that brought it, then the change", async () => {
    const form = page.getByRole('form', { name: 'Audit trail' });
    await form.getByLabel('Subject', { exact: true }).selectOption({ label: 'Order' });
    await form.getByRole('button', { name: 'Filter', exact: true }).click();
    await expect.poll(() => rows().count()).toBe(1);
    await rows().first().getByRole('button', { name: 'History' }).click();
    const panel = page.getByRole('region', { name: 'History of order AUD-1' });
    const entries = panel.getByRole('listitem');
    await expect.poll(() => entries.count()).toBe(2);
    expect(await entries.nth(0).textContent()).toContain('Created by the import of a JSON request');
    expect(await entries.nth(1).textContent()).toMatch(/Change.*Changed: Notes for the driver.*by Administrator/);
    await saveScreenshot(page, 'web-audit-history');
    await panel.getByRole('button', { name: 'Close' }).click();
    await form.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => rows().count()).toBe(50);
  });

  it('speaks French, and is not offered to dispatchers', async () => {
    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('heading', { name: 'Journal d’audit' }).waitFor();
    await page.getByRole('button', { name: 'Afficher plus' }).waitFor();
    await saveScreenshot(page, 'web-audit-fr');

    const other = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    await other.goto(server.baseUrl);
    await signInOnPage(other, DISPATCHER);
    await other.getByRole('link', { name: 'Orders' }).waitFor();
    expect(await other.getByRole('link', { name: 'Audit' }).count()).toBe(0);
    const refused = await other.request.get(`${server.baseUrl}/api/audit`);
    expect(refused.status()).toBe(403);
    await other.close();
  });
});
