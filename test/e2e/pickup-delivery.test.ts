import { todayIn } from '@tournee/shared';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, signIn } from '../lib/api-client.ts';
import { saveScreenshot, screenshotFailures } from '../lib/artifacts.ts';
import { launchChromium, signInOnPage } from '../lib/browser.ts';
import { issueDriverAccess } from '../lib/driver-day.ts';
import { startOnFreshDatabase } from '../lib/e2e-db.ts';
import { openPhone } from '../lib/phone.ts';
import type { ServerProcess } from '../lib/server-process.ts';

const ADMIN = { email: 'pickup@example.com', password: 'e2e-password-pickup' };

// Pickup and delivery orders, imported, planned and published by the real server and solver:
// the planner and the driver's phone show each order's two stops, labelled, in English and
// French; the driver's "Picked up" moves the order to in progress.
describe('pickup and delivery orders in the planner and the driver app', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let api: ApiClient;
  let db: pg.Client;
  let driverId: string;
  const today = todayIn('Europe/Paris');

  const statusOf = async (ref: string) =>
    (await db.query<{ status: string }>('SELECT status FROM orders WHERE ref = $1', [ref])).rows[0]?.status;

  beforeAll(async () => {
    const started = await startOnFreshDatabase('tournee_e2e_pickup', ADMIN, { LOG_LEVEL: 'warn' });
    server = started.server;
    db = new pg.Client({ connectionString: started.databaseUrl });
    await db.connect();
    api = await signIn(server.baseUrl, ADMIN.email, ADMIN.password);
    const dims = (await db.query<{ dimensions: string[] }>('SELECT dimensions FROM organisations LIMIT 1')).rows[0]!
      .dimensions;
    const depot = await api.call('POST', '/depots', {
      name: 'Lyon',
      address: 'Gerland, Lyon',
      location: { lon: 4.8322, lat: 45.7295 },
      timeZone: 'Europe/Paris',
    });
    expect(depot.status, JSON.stringify(depot.body)).toBe(201);
    const van = await api.call('POST', '/vehicles', {
      name: 'Van 1',
      depotId: depot.body.id,
      capacity: dims.map(() => 1000),
    });
    expect(van.status, JSON.stringify(van.body)).toBe(201);
    const driver = await api.call('POST', '/drivers', { name: 'Camille' });
    driverId = driver.body.id;
    // All day, so the plan fits whatever the hour of the run.
    const shift = await api.call('POST', '/shifts', {
      vehicleId: van.body.id,
      driverId,
      localDate: today,
      start: '00:30',
      end: '23:30',
    });
    expect(shift.status, JSON.stringify(shift.body)).toBe(201);
    // Only pickup and delivery orders: the route's first stop is necessarily a pickup.
    const imported = await api.call('POST', '/orders/import', [
      {
        ref: 'PD-1',
        name: 'Boulangerie Bellecour',
        address: 'Place Bellecour, Lyon',
        lat: '45.7578',
        lon: '4.8320',
        date: today,
        pickup_address: 'Minoterie, Vaise',
        pickup_lat: '45.7745',
        pickup_lon: '4.8055',
      },
      {
        ref: 'PD-2',
        name: 'Fleuriste Terreaux',
        address: 'Place des Terreaux, Lyon',
        lat: '45.7676',
        lon: '4.8344',
        date: today,
        pickup_address: 'Marché de gros, Corbas',
        pickup_lat: '45.6710',
        pickup_lon: '4.9010',
      },
    ]);
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    expect(imported.body.created).toBe(2);
    browser = await launchChromium();
  }, 120_000);

  screenshotFailures('pickup-delivery', () => page);

  afterAll(async () => {
    await browser?.close();
    await db?.end();
    await server?.stop();
  });

  /** The planner's day, in a browser of `locale`: the stops' labels in route order. */
  const plannerLabels = async (locale: string, plannerLink: string, signInAs: (p: Page) => Promise<void>) => {
    page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale });
    await page.goto(server.baseUrl);
    await signInAs(page);
    await page.getByRole('link', { name: plannerLink }).click();
    await page.locator(`.calendar-grid [data-date="${today}"]`).click();
    await page.locator('.route-card .stop .stop-kind').first().waitFor();
    return page.locator('.route-card .stop:not(.break)').evaluateAll((items) =>
      items.map((li) => {
        const kind = li.querySelector('.stop-kind');
        return `${kind?.textContent ?? ''}|${li.querySelector('.what')?.textContent?.replace(kind?.textContent ?? '', '')}`;
      }),
    );
  };

  it('plans both orders on the one van and publishes the day', async () => {
    const plan = await api.call('POST', '/plans', { from: today, to: today, timeLimitS: 1 });
    expect(plan.status).toBe(202);
    await expect
      .poll(async () => (await api.call('GET', `/plans/${plan.body.planId}`)).body.status, { timeout: 60_000 })
      .toBe('done');
    const done = (await api.call('GET', `/plans/${plan.body.planId}`)).body;
    expect(done.summary.assigned).toBe(2);
    expect((await api.call('POST', '/dispatch/publish', { date: today })).status).toBe(200);
  });

  /** The route card painted (the board skips painting cards off screen) for a full-page screenshot. */
  const showRouteCard = async () => {
    const card = page.locator('.route-card').first();
    await card.scrollIntoViewIfNeeded();
    await expect.poll(() => card.evaluate((c) => (c as HTMLElement).innerText)).toContain('PD-1');
  };

  it('the planner shows each order twice, its pickup labelled before its delivery (en, fr)', async () => {
    const en = await plannerLabels('en-GB', 'Planner', (p) => signInOnPage(p, ADMIN));
    expect(en).toHaveLength(4);
    for (const ref of ['PD-1', 'PD-2']) {
      const pickup = en.findIndex((l) => l.startsWith('Pickup|') && l.includes(ref));
      const delivery = en.findIndex((l) => l.startsWith('Delivery|') && l.includes(ref));
      expect(pickup, `${ref} in ${en.join(', ')}`).toBeGreaterThanOrEqual(0);
      expect(delivery, `${ref} in ${en.join(', ')}`).toBeGreaterThan(pickup);
    }
    await showRouteCard();
    await saveScreenshot(page, 'pickup-delivery-planner-en', true);
    await page.close();

    const fr = await plannerLabels('fr-FR', 'Planification', async (p) => {
      await p.getByLabel('E-mail').fill(ADMIN.email);
      await p.getByLabel('Mot de passe').fill(ADMIN.password);
      await p.getByRole('button', { name: 'Se connecter' }).click();
    });
    expect(fr.map((l) => l.split('|')[0]).sort()).toEqual(['Enlèvement', 'Enlèvement', 'Livraison', 'Livraison']);
    await showRouteCard();
    await saveScreenshot(page, 'pickup-delivery-planner-fr', true);
    await page.close();
  });

  it('the driver app labels both stops, and "Picked up" puts the order in progress (en)', async () => {
    const staff = api.token;
    const access = await issueDriverAccess(server.baseUrl, staff, driverId);
    const context = await openPhone(browser);
    page = await context.newPage();
    await page.goto(access.link);
    const items = page.locator('ol.stops > li:not(.break)');
    await expect.poll(() => items.count(), { timeout: 20_000 }).toBe(4);
    const kinds = await items.locator('.stop-kind').allTextContents();
    expect(kinds[0]).toBe('Pickup');
    expect([...kinds].sort()).toEqual(['Delivery', 'Delivery', 'Pickup', 'Pickup']);
    // The pickup card is at the pickup place.
    const firstAddress = await items.first().locator('.address').textContent();
    expect(['Minoterie, Vaise', 'Marché de gros, Corbas']).toContain(firstAddress);
    await saveScreenshot(page, 'pickup-delivery-driver-list-en', true);

    await page.getByRole('button', { name: 'Next stop' }).click();
    const screen = page.getByRole('region', { name: 'Next stop' });
    await screen.locator('.stop-kind.pickup').waitFor();
    const ref = firstAddress === 'Minoterie, Vaise' ? 'PD-1' : 'PD-2';
    const other = ref === 'PD-1' ? 'PD-2' : 'PD-1';
    await screen.getByRole('button', { name: 'Start route' }).click();
    await screen.getByRole('button', { name: 'Arrived' }).click();
    await screen.getByRole('button', { name: 'Picked up' }).waitFor();
    await saveScreenshot(page, 'pickup-delivery-driver-next-en', true);
    // Started, but nothing of this order is on board yet.
    await expect.poll(() => statusOf(ref), { timeout: 15_000 }).toBe('dispatched');
    await screen.getByRole('button', { name: 'Picked up' }).click();
    // The same confirmation as a delivery (a name, a photo or a signature may be given), for the pickup.
    const proof = page.getByRole('dialog', { name: 'Proof of pickup' });
    await proof.waitFor();
    await saveScreenshot(page, 'pickup-delivery-driver-proof-en', true);
    await proof.getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(() => statusOf(ref), { timeout: 15_000 }).toBe('in_progress');
    expect(await statusOf(other)).toBe('dispatched');
    await context.close();
  });

  it('the driver app speaks French: Enlèvement, Livraison, Enlevé (fr)', async () => {
    const access = await issueDriverAccess(server.baseUrl, api.token, driverId);
    const context = await openPhone(browser, 'fr-FR');
    page = await context.newPage();
    await page.goto(access.link);
    const items = page.locator('ol.stops > li:not(.break)');
    await expect.poll(() => items.count(), { timeout: 20_000 }).toBe(4);
    expect((await items.locator('.stop-kind').allTextContents()).sort()).toEqual([
      'Enlèvement',
      'Enlèvement',
      'Livraison',
      'Livraison',
    ]);
    // The pickup made in the English test is shown as collected, not delivered.
    expect(await items.first().locator('.badge').textContent()).toBe('Enlevé');
    await saveScreenshot(page, 'pickup-delivery-driver-list-fr', true);
    await context.close();
  });
});
