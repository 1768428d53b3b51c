import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot, screenshotFailures } from '../lib/artifacts.ts';
import { type ApiClient, signIn } from '../lib/api-client.ts';
import { launchChromium } from '../lib/browser.ts';
import { startOnFreshDatabase } from '../lib/e2e-db.ts';
import type { ServerProcess } from '../lib/server-process.ts';

const ADMIN = { email: 'francais@example.com', password: 'e2e-password-fr' };

/**
 * The API's codes that must never reach a French screen as they are: order, stop, route, plan
 * and message statuses, and the notification triggers (in code form and in English words).
 */
const ENGLISH_WORDS = [
  'imported',
  'planned',
  'dispatched',
  'in_progress',
  'in progress',
  'on_hold',
  'on hold',
  'delivered',
  'failed',
  'skipped',
  'cancelled',
  'queued',
  'running',
  'pending',
  'sending',
  'sent',
  'suppressed',
  'unassigned',
  'published',
  'arrived',
  'started',
  'eta_moved',
  'rescheduled',
  'proximity',
  'driver_access',
];
const WORDS = new RegExp(`(?<![\\p{L}_])(${ENGLISH_WORDS.join('|')})(?![\\p{L}_])`, 'giu');

/** The English status or trigger words in the page's visible text. */
const englishWords = async (page: Page): Promise<string[]> =>
  [...(await page.evaluate(() => document.body.innerText)).matchAll(WORDS)].map((m) => m[1]!.toLowerCase());

// A French dispatcher's day after a plan is made and published: in Chromium, against the real
// server, solver and PostgreSQL, the orders, planner and messages screens speak French only.
describe('dispatcher web app in French: no English status word', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let api: ApiClient;
  let day: string;

  beforeAll(async () => {
    ({ server } = await startOnFreshDatabase('tournee_e2e_french', ADMIN, { SEED_DEMO: 'true' }));
    api = await signIn(server.baseUrl, ADMIN.email, ADMIN.password);
    day = (await api.call('GET', '/orders?limit=1000')).body.items
      .map((o: { dateFrom: string }) => o.dateFrom)
      .sort()[0];
    browser = await launchChromium();
    // A French browser: the app opens in French without being told.
    page = await browser.newPage({ viewport: { width: 1500, height: 1000 }, locale: 'fr-FR' });
    await page.goto(server.baseUrl);
    await page.getByLabel('E-mail').fill(ADMIN.email);
    await page.getByLabel('Mot de passe').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('link', { name: 'Planification' }).waitFor();
  }, 120_000);

  screenshotFailures('web-french', () => page);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('publishes the day from the planner, saying it with French plurals', async () => {
    const plan = await api.call('POST', '/plans', { from: day, to: day, timeLimitS: 3 });
    expect(plan.status).toBe(202);
    await expect
      .poll(async () => (await api.call('GET', `/plans/${plan.body.planId}`)).body.status, { timeout: 60_000 })
      .toBe('done');
    await page.getByRole('link', { name: 'Planification' }).click();
    await page.locator(`[data-date="${day}"]`).first().click();
    await page.locator('.route-card').first().waitFor();
    await page.getByRole('button', { name: 'Publier la journée' }).click();
    const dialog = page.getByRole('dialog', { name: 'Publier la journée ?' });
    await dialog.getByRole('button', { name: 'Publier', exact: true }).click();
    const done = page.getByRole('status').filter({ hasText: /publiées?,/ });
    await done.waitFor({ timeout: 30_000 });
    const routes: Array<{ status: string; stops: Array<{ kind: string }> }> = (
      await api.call('GET', `/routes?date=${day}`)
    ).body.routes;
    const published = routes.filter((r) => r.status === 'published').length;
    expect(published).toBeGreaterThan(0);
    // Intl.PluralRules('fr'): "1 tournée publiée", "3 tournées publiées".
    expect(await done.innerText()).toMatch(
      published === 1 ? /^1 tournée publiée, / : new RegExp(`^${published} tournées publiées, `),
    );
    await expect.poll(() => englishWords(page)).toEqual([]);
    await saveScreenshot(page, 'web-french-planner', true);
  });

  it('lists the orders with their statuses in French', async () => {
    await page.getByRole('navigation', { name: 'main' }).getByRole('link', { name: 'Commandes' }).click();
    await expect.poll(() => page.locator('table tbody tr').count(), { timeout: 15_000 }).toBeGreaterThan(5);
    // Every status cell is in words (the published day's orders are with their drivers now).
    const statuses = await page.locator('table tbody tr .status').allInnerTexts();
    expect(statuses.length).toBeGreaterThan(5);
    expect(new Set(statuses).size).toBeGreaterThan(1);
    expect(await englishWords(page)).toEqual([]);
    // The status filter offers French words too.
    const options = await page.locator('select option').allInnerTexts();
    expect(options.join(' ')).toContain('Livrée');
    expect(options.filter((o) => new RegExp(WORDS.source, 'iu').test(o))).toEqual([]);
    await saveScreenshot(page, 'web-french-orders', true);
  });

  it('lists the messages the publication wrote, with French statuses, triggers and dates', async () => {
    await page.getByRole('navigation', { name: 'main' }).getByRole('link', { name: 'Messages' }).click();
    const rows = page.locator('table.orders tbody tr');
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBeGreaterThan(0);
    const text = await page.evaluate(() => document.body.innerText);
    expect(text).toContain('Livraison prévue'); // the `published` trigger in words
    expect(text).toMatch(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/); // Intl date-time, day first
    expect(await englishWords(page)).toEqual([]);
    await saveScreenshot(page, 'web-french-messages', true);
  });

  it('writes figures with a French decimal comma', async () => {
    await page.goto(`${server.baseUrl}/analytics?from=${day}&to=${day}`);
    const kpis = page.getByRole('region', { name: 'Chiffres clés' });
    // The planned distance of the published day: "prévu 24,6 km".
    await expect.poll(() => kpis.innerText(), { timeout: 15_000 }).toMatch(/prévu \d+,\d\s?km/);
    expect(await englishWords(page)).toEqual([]);
  });

  it('finds the English words when the app is in English (the check can fail)', async () => {
    await page.getByLabel('Langue').selectOption('en');
    await page.getByRole('navigation', { name: 'main' }).getByRole('link', { name: 'Orders' }).click();
    await expect.poll(() => page.locator('table tbody tr').count(), { timeout: 15_000 }).toBeGreaterThan(5);
    await expect.poll(() => englishWords(page)).toContain('dispatched');
    await page.getByLabel('Language').selectOption('fr');
  });
});
