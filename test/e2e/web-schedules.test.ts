import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, signIn } from '../lib/api-client.ts';
import { saveScreenshot, screenshotFailures } from '../lib/artifacts.ts';
import { launchChromium, signInOnPage } from '../lib/browser.ts';
import { startOnFreshDatabase } from '../lib/e2e-db.ts';
import type { ServerProcess } from '../lib/server-process.ts';

const ADMIN = { email: 'rounds@example.com', password: 'e2e-password-rounds' };
const TUE = '2027-03-02';

// The Rules screen's Schedules and Recurring orders tabs in Chromium, against a server whose
// scheduler reads a test clock (TEST_CLOCK_FILE): a schedule added in the form runs at 18:00 in
// Lyon and its run is shown in words; a weekly round is added and makes its orders.
describe('dispatcher web app: scheduled planning and recurring orders', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let api: ApiClient;
  const clockFile = join(mkdtempSync(join(tmpdir(), 'tournee-clock-')), 'now');

  beforeAll(async () => {
    writeFileSync(clockFile, '2027-03-01T16:00:00Z'); // Monday 17:00 in Lyon
    ({ server } = await startOnFreshDatabase('tournee_e2e_web_schedules', ADMIN, {
      TEST_CLOCK_FILE: clockFile,
      SCHEDULER_TICK_MS: '200',
      PLAN_TIME_LIMIT_S: '2',
    }));
    api = await signIn(server.baseUrl, ADMIN.email, ADMIN.password);
    const depot = await api.call('POST', '/depots', {
      name: 'Lyon',
      location: { lon: 4.8322, lat: 45.7295 },
      timeZone: 'Europe/Paris',
    });
    const van = await api.call('POST', '/vehicles', { name: 'Van 1', depotId: depot.body.id, capacity: [800, 6, 60] });
    await api.call('POST', '/shifts', { vehicleId: van.body.id, localDate: TUE, start: '08:00', end: '17:00' });
    const rows = [1, 2, 3].map((i) => ({
      ref: `C${i}`,
      name: `Client ${i}`,
      date: TUE,
      lat: 45.75 + i / 100,
      lon: 4.84,
    }));
    expect((await api.call('POST', '/orders/import', rows)).status).toBe(200);

    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1360, height: 1000 }, locale: 'en-GB' });
    await page.goto(server.baseUrl);
    await signInOnPage(page, ADMIN);
    await page.getByRole('link', { name: 'Rules' }).click();
  });

  screenshotFailures('web-schedules', () => page);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('adds a schedule in the form, and shows its 18:00 run in words', async () => {
    await page.getByRole('tab', { name: 'Scheduled planning' }).click();
    await page.getByText('No schedule yet.').waitFor();
    const form = page.getByRole('form', { name: 'Add schedule' });
    await form.getByLabel('Name').fill('Evening plan');
    await form.getByLabel('At', { exact: true }).fill('18:00');
    for (const day of ['Sat', 'Sun']) await form.getByLabel(day).check();
    await expect.poll(() => form.getByLabel('Cron (depot time)').inputValue()).toBe('0 18 * * *');
    await form.getByRole('button', { name: 'Save schedule' }).click();
    const row = page.locator('table.automation-table tbody tr').first();
    await expect.poll(() => row.textContent()).toContain('18:00, every day');
    await expect.poll(() => row.textContent()).toContain('06:00, that day itself');
    await expect.poll(() => row.textContent()).toContain('Not run yet');

    writeFileSync(clockFile, '2027-03-01T17:00:30Z'); // 18:00:30 in Lyon
    const id = (await api.call('GET', '/plan-schedules')).body.items[0].id;
    await expect
      .poll(async () => (await api.call('GET', `/plan-schedules/${id}`)).body.lastRuns[0]?.status, { timeout: 30_000 })
      .toBe('done');
    await page.reload();
    await expect
      .poll(() => page.locator('table.automation-table tbody tr').first().textContent())
      .toContain('Planned 02/03/2027: 3 placed, 0 unassigned');
    // Changed in the same form: publishing the next day instead.
    await row.getByRole('button', { name: 'Change' }).click();
    const edit = page.getByRole('form', { name: 'Change “Evening plan”' });
    await expect.poll(() => edit.getByLabel('Cron (depot time)').inputValue()).toBe('0 18 * * *');
    await edit.getByLabel('Day published').selectOption('1');
    await edit.getByRole('button', { name: 'Save schedule' }).click();
    await expect.poll(() => row.textContent()).toContain('06:00, the next day');
    await saveScreenshot(page, 'web-schedules-en', true);
  });

  it('adds a weekly round every Tuesday and Friday, and refuses a backwards window under its field', async () => {
    await page.getByRole('tab', { name: 'Recurring orders' }).click();
    await page.getByText('No recurring order yet.').waitFor();
    const form = page.getByRole('form', { name: 'Add recurring order' });
    await form.getByLabel('Reference').fill('DUPONT');
    await form.getByLabel('Customer').fill('Boulangerie Dupont');
    await form.getByLabel('Address').fill('3 rue Mercière, Lyon');
    await form.getByLabel('Latitude').fill('45.7626');
    await form.getByLabel('Longitude').fill('4.8331');
    await form.getByLabel('From').fill('2027-03-01');
    await expect.poll(() => form.locator('fieldset.days .sub').textContent()).toBe('Every Tuesday and Friday');
    await form.locator('#tpl-window').fill('10:00');
    await form.getByLabel('Time window').nth(1).fill('09:00');
    await form.getByRole('button', { name: 'Save template' }).click();
    await expect.poll(() => form.locator('#tpl-window-err').textContent()).toMatch(/10:00/);

    await form.locator('#tpl-window').fill('06:00');
    await form.getByLabel('Time window').nth(1).fill('08:00');
    await form.getByRole('button', { name: 'Save template' }).click();
    // Today is Monday 1 March in Lyon (the test clock): 14 days ahead holds four rounds.
    await expect.poll(() => form.getByRole('status').textContent()).toBe('4 orders made now.');
    const row = page.locator('table.automation-table tbody tr').first();
    await expect.poll(() => row.textContent()).toContain('Every Tuesday and Friday');
    await expect.poll(() => row.textContent()).toContain('Active');
    const refs = (await api.call('GET', '/orders?limit=50')).body.items.map((o: { ref: string }) => o.ref);
    expect(refs.filter((r: string) => r.startsWith('DUPONT-')).sort()).toEqual([
      'DUPONT-2027-03-02',
      'DUPONT-2027-03-05',
      'DUPONT-2027-03-09',
      'DUPONT-2027-03-12',
    ]);
    await saveScreenshot(page, 'web-recurring-en', true);

    // The round changes hands: its orders to come, none edited by hand, follow.
    await row.getByRole('button', { name: 'Change' }).click();
    const edit = page.getByRole('form', { name: 'Change DUPONT' });
    await expect.poll(() => edit.getByLabel('Customer').inputValue()).toBe('Boulangerie Dupont');
    await edit.getByLabel('Customer').fill('Boulangerie Dupont & fils');
    await edit.getByRole('button', { name: 'Save template' }).click();
    await expect
      .poll(() => edit.getByRole('status').textContent())
      .toBe('4 orders to come follow the change (orders edited by hand stay as they are).');
    const names = (await api.call('GET', '/orders?limit=50')).body.items
      .filter((o: { ref: string }) => o.ref.startsWith('DUPONT-'))
      .map((o: { name: string }) => o.name);
    expect(new Set(names)).toEqual(new Set(['Boulangerie Dupont & fils']));
    await saveScreenshot(page, 'web-recurring-edit-en', true);
  });

  it('reads both panels in French', async () => {
    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('tab', { name: 'Commandes récurrentes' }).click();
    await expect
      .poll(() => page.locator('table.automation-table tbody tr').first().textContent())
      .toContain('Chaque mardi et vendredi');
    await saveScreenshot(page, 'web-recurring-fr', true);
    await page.getByRole('tab', { name: 'Planification automatique' }).click();
    await expect
      .poll(() => page.locator('table.automation-table tbody tr').first().textContent())
      .toContain('02/03/2027 planifié : 3 placées, 0 non affectées');
    await saveScreenshot(page, 'web-schedules-fr', true);
  });
});
