import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot, screenshotFailures } from '../lib/artifacts.ts';
import { type ApiClient, signIn } from '../lib/api-client.ts';
import { launchChromium, signInOnPage } from '../lib/browser.ts';
import { startOnFreshDatabase } from '../lib/e2e-db.ts';
import type { ServerProcess } from '../lib/server-process.ts';

const ADMIN = { email: 'publish@example.com', password: 'e2e-password-14' };

// Planning a demo day with an objective in words, then publishing it through a confirmation
// that says what will happen, in Chromium against the real server, solver and PostgreSQL.
describe('dispatcher web app: objective, publish confirmation, re-plan warning', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let api: ApiClient;
  let day: string;

  const language = (l: 'fr' | 'en') => page.locator('.language-switch select').selectOption(l);

  beforeAll(async () => {
    ({ server } = await startOnFreshDatabase('tournee_e2e_publish', ADMIN, { SEED_DEMO: 'true' }));
    api = await signIn(server.baseUrl, ADMIN.email, ADMIN.password);
    day = (await api.call('GET', '/orders?limit=1000')).body.items
      .map((o: { dateFrom: string }) => o.dateFrom)
      .sort()[0];
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1500, height: 1000 }, locale: 'en-GB' });
    await page.goto(server.baseUrl);
    await signInOnPage(page, ADMIN);
    await page.getByRole('link', { name: 'Planner' }).click();
  });

  screenshotFailures('web-publish', () => page);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('plans with "Balanced workload" and a stop limit: the stored plan carries them', async () => {
    await page.getByLabel('From', { exact: true }).fill(day);
    await page.getByLabel('To', { exact: true }).fill(day);
    await page.getByLabel('Time limit (s)').fill('3');
    await page.getByLabel('Objective').selectOption({ label: 'Balanced workload' });
    await page.getByLabel('Max stops per route').fill('12');
    await saveScreenshot(page, 'publish-objective-en');
    const posted = page.waitForResponse((r) => r.url().endsWith('/api/plans') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Plan', exact: true }).click();
    const { planId } = await (await posted).json();
    await page.getByRole('status', { name: 'Plan ready' }).waitFor({ timeout: 60_000 });
    const plan = (await api.call('GET', `/plans/${planId}`)).body;
    expect(plan.options).toMatchObject({ balance: true, minimiseVehicles: false, maxStopsPerRoute: 12 });
    const routes: Array<{ stops: Array<{ kind: string }> }> = (await api.call('GET', `/routes?date=${day}`)).body
      .routes;
    for (const r of routes) expect(r.stops.filter((s) => s.kind !== 'break').length).toBeLessThanOrEqual(12);
  });

  it('publishes after a confirmation that states the counts, in both languages', async () => {
    const preview = (await api.call('GET', `/dispatch/publish/preview?date=${day}`)).body;
    expect(preview.routes).toBeGreaterThan(0);
    expect(preview.sms + preview.email).toBeGreaterThan(0);
    await page.locator(`.calendar-grid [data-date="${day}"]`).click();
    await page.locator('.route-card').first().waitFor();

    await page.getByRole('button', { name: 'Publish the day' }).click();
    const dialog = page.getByRole('dialog', { name: 'Publish the day?' });
    await expect.poll(() => dialog.innerText()).toContain(`${preview.orders} orders will be dispatched.`);
    await expect.poll(() => dialog.innerText()).toMatch(/customers? will be (texted|emailed)/);
    await saveScreenshot(page, 'publish-confirm-en');
    // Cancel publishes nothing.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await api.call('GET', `/dispatch/publish/preview?date=${day}`)).body.routes).toBe(preview.routes);

    await language('fr');
    await page.getByRole('button', { name: 'Publier la journée' }).click();
    const fr = page.getByRole('dialog', { name: 'Publier la journée ?' });
    await expect.poll(() => fr.innerText()).toContain(`${preview.orders} commandes seront expédiées.`);
    await expect.poll(() => fr.innerText()).toMatch(/clients? recevr/);
    await saveScreenshot(page, 'publish-confirm-fr');
    await fr.getByRole('button', { name: 'Publier', exact: true }).click();
    await fr.waitFor({ state: 'detached' });
    await expect
      .poll(async () => {
        const routes: Array<{ status: string; stops: unknown[] }> = (await api.call('GET', `/routes?date=${day}`)).body
          .routes;
        return routes.filter((r) => r.stops.length > 0 && r.status === 'published').length;
      })
      .toBe(preview.routes);
  });

  it('warns before re-planning a day with published routes, and plans only when told to', async () => {
    const plansBefore = (await api.call('GET', `/plans?limit=50`)).body;
    await page.getByRole('button', { name: 'Planifier', exact: true }).click();
    const warning = page.getByRole('alert').filter({ hasText: 'tournées publiées vont changer' });
    await warning.waitFor();
    await saveScreenshot(page, 'publish-replan-warning-fr');
    await warning.getByRole('button', { name: 'Annuler' }).click();
    await language('en');
    await page.getByRole('button', { name: 'Plan', exact: true }).click();
    const en = page
      .getByRole('alert')
      .filter({ hasText: 'published routes will change; drivers will see the new order' });
    await en.waitFor();
    await saveScreenshot(page, 'publish-replan-warning-en');
    // Nothing was launched while the warning stood.
    expect((await api.call('GET', `/plans?limit=50`)).body).toEqual(plansBefore);
    const posted = page.waitForResponse((r) => r.url().endsWith('/api/plans') && r.request().method() === 'POST');
    await en.getByRole('button', { name: 'Re-plan anyway' }).click();
    expect((await posted).status()).toBe(202);
  });
});
