import { todayIn } from '@tournee/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, signIn } from '../lib/api-client.ts';
import { saveScreenshot, screenshotFailures } from '../lib/artifacts.ts';
import { launchChromium, signInOnPage } from '../lib/browser.ts';
import { startOnFreshDatabase } from '../lib/e2e-db.ts';
import type { ServerProcess } from '../lib/server-process.ts';

const ADMIN = { email: 'order-pickup@example.com', password: 'e2e-password-order-pickup' };

// Pickup and delivery orders in the dispatcher's order screens, in Chromium against the real
// server, PostgreSQL and solver: a dispatcher creates one with the order form, sees its pickup
// (address, window) on the order page and in the list, changes the window, plans the day and
// sees the planned pickup stop; clears another order's pickup; the page in French.
describe('dispatcher web app: an order with a pickup', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let api: ApiClient;
  let orderId: string;
  const today = todayIn('Europe/Paris');
  const field = (label: string) => page.getByLabel(label, { exact: true });
  const card = (name: string) => page.getByRole('region', { name, exact: true });
  /** A definition list's rows as "term: value" lines. */
  const rowsOf = (name: string) =>
    card(name)
      .locator('dl > div')
      .evaluateAll((divs) =>
        divs.map((d) => `${d.querySelector('dt')?.textContent}: ${d.querySelector('dd')?.textContent}`),
      );

  beforeAll(async () => {
    ({ server } = await startOnFreshDatabase('tournee_e2e_order_pickup', ADMIN, { LOG_LEVEL: 'warn' }));
    api = await signIn(server.baseUrl, ADMIN.email, ADMIN.password);
    const depot = await api.call('POST', '/depots', {
      name: 'Lyon',
      address: 'Gerland, Lyon',
      location: { lon: 4.8322, lat: 45.7295 },
      timeZone: 'Europe/Paris',
    });
    expect(depot.status, JSON.stringify(depot.body)).toBe(201);
    const org = (await api.call('GET', '/organisation')).body as { dimensions: string[] };
    const van = await api.call('POST', '/vehicles', {
      name: 'Van 1',
      depotId: depot.body.id,
      capacity: org.dimensions.map(() => 1000),
    });
    expect(van.status, JSON.stringify(van.body)).toBe(201);
    const driver = await api.call('POST', '/drivers', { name: 'Camille' });
    // All day, so the plan fits whatever the hour of the run.
    const shift = await api.call('POST', '/shifts', {
      vehicleId: van.body.id,
      driverId: driver.body.id,
      localDate: today,
      start: '00:30',
      end: '23:30',
    });
    expect(shift.status, JSON.stringify(shift.body)).toBe(201);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, locale: 'en-GB' });
    await page.goto(server.baseUrl);
    await signInOnPage(page, ADMIN);
    await page.getByRole('link', { name: 'Orders' }).click();
    await page.getByRole('heading', { name: 'Orders' }).waitFor();
  }, 120_000);

  screenshotFailures('web-order-pickup', () => page);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('creates an order with a pickup in the form and shows the pickup on its page, after a reload too', async () => {
    await page.getByRole('link', { name: 'New order' }).click();
    await page.getByRole('heading', { name: 'New order' }).waitFor();
    await field('Reference').fill('PICK-1');
    await field('Customer').fill('Boulangerie Bellecour');
    await field('Address').fill('Place Bellecour, Lyon');
    await field('Latitude').fill('45.7578');
    await field('Longitude').fill('4.8320');
    await field('From day').fill(today);
    // No pickup fields until the order is said to have one.
    expect(await field('Pickup address').count()).toBe(0);
    await page.getByLabel('Collect the goods elsewhere first (pickup and delivery)').check();
    await field('Pickup address').fill('Minoterie, Vaise');
    await field('Pickup latitude').fill('45.7745');
    // One coordinate without the other is named under the missing one, nothing is sent.
    await page.getByRole('button', { name: 'Create the order' }).click();
    await expect
      .poll(() => page.locator('#order-form-pickup_lon-error').textContent())
      .toBe('Give both the latitude and the longitude, or neither.');
    await field('Pickup longitude').fill('4.8055');
    await field('Pickup from').fill('01:00');
    await field('Pickup until').fill('23:00');
    await saveScreenshot(page, 'web-order-pickup-form-en', true);
    await page.getByRole('button', { name: 'Create the order' }).click();

    await page.getByRole('heading', { name: 'Order PICK-1', exact: true }).waitFor();
    orderId = new URL(page.url()).pathname.split('/').pop()!;
    const pickupRows = [
      'Address: Minoterie, Vaise',
      'Coordinates: 45.77450, 4.80550',
      'Pickup window: 01:00–23:00',
      'Planned pickup: Not planned yet',
    ];
    await expect.poll(() => rowsOf('Pickup')).toEqual(pickupRows);
    await page.reload();
    await page.getByRole('heading', { name: 'Order PICK-1', exact: true }).waitFor();
    await expect.poll(() => rowsOf('Pickup')).toEqual(pickupRows);
    const stored = (await api.call('GET', `/orders/${orderId}`)).body;
    expect(stored.pickup).toEqual({
      address: 'Minoterie, Vaise',
      location: { type: 'Point', coordinates: [4.8055, 45.7745] },
      timeWindows: [{ start: '01:00', end: '23:00' }],
    });
  });

  it('changes the pickup window in the edit form, and lists the order with its pickup', async () => {
    await page.getByRole('button', { name: 'Edit' }).click();
    await page.getByRole('heading', { name: 'Edit order PICK-1' }).waitFor();
    expect(await page.getByLabel('Collect the goods elsewhere first (pickup and delivery)').isChecked()).toBe(true);
    expect(await field('Pickup address').inputValue()).toBe('Minoterie, Vaise');
    await field('Pickup from').fill('02:00');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Changes saved.').waitFor();
    await expect.poll(() => rowsOf('Pickup')).toContain('Pickup window: 02:00–23:00');
    expect((await api.call('GET', `/orders/${orderId}`)).body.pickup.timeWindows).toEqual([
      { start: '02:00', end: '23:00' },
    ]);

    await page.getByRole('link', { name: '← All orders' }).click();
    const row = page.locator('tr.order-row', { hasText: 'PICK-1' });
    await expect.poll(() => row.locator('.pickup-line').textContent()).toBe('Pickup: Minoterie, Vaise');
  });

  it('shows the planned pickup stop, before the delivery, once the day is planned (en, fr)', async () => {
    const plan = await api.call('POST', '/plans', { from: today, to: today, timeLimitS: 1 });
    expect(plan.status, JSON.stringify(plan.body)).toBe(202);
    await expect
      .poll(async () => (await api.call('GET', `/plans/${plan.body.planId}`)).body.status, { timeout: 60_000 })
      .toBe('done');
    await page.goto(`${server.baseUrl}/orders/${orderId}`);
    await page.getByRole('heading', { name: 'Order PICK-1', exact: true }).waitFor();
    await expect.poll(async () => (await rowsOf('Pickup'))[3]).toMatch(/^Planned pickup: .+ · Van 1, stop 1$/);
    const stops = card('On routes').locator('tbody tr');
    await expect.poll(() => stops.locator('td.order-stop-kind').allTextContents()).toEqual(['Pickup', 'Delivery']);
    await card('Pickup').scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'web-order-pickup-detail-en', true);

    const fr = await browser.newPage({ viewport: { width: 1280, height: 1000 }, locale: 'fr-FR' });
    await fr.goto(`${server.baseUrl}/orders/${orderId}`);
    await fr.getByLabel('E-mail').fill(ADMIN.email);
    await fr.getByLabel('Mot de passe').fill(ADMIN.password);
    await fr.getByRole('button', { name: 'Se connecter' }).click();
    const frCard = fr.getByRole('region', { name: 'Enlèvement', exact: true });
    await expect
      .poll(() => frCard.locator('dt').allTextContents())
      .toEqual(['Adresse', 'Coordonnées', 'Créneau d’enlèvement', 'Enlèvement prévu']);
    expect(await frCard.locator('dd').nth(1).textContent()).toBe('45,77450 ; 4,80550');
    expect(await frCard.locator('dd').nth(3).textContent()).toMatch(/ · Van 1, arrêt 1$/);
    await expect.poll(() => fr.locator('td.order-stop-kind').allTextContents()).toEqual(['Enlèvement', 'Livraison']);
    await saveScreenshot(fr, 'web-order-pickup-detail-fr', true);
    await fr.getByRole('button', { name: 'Modifier' }).click();
    await fr.getByRole('heading', { name: 'Modifier la commande PICK-1' }).waitFor();
    expect(await fr.getByLabel('Adresse d’enlèvement', { exact: true }).inputValue()).toBe('Minoterie, Vaise');
    await saveScreenshot(fr, 'web-order-pickup-form-fr', true);
    await fr.close();
  });

  it('clears a pickup: the order is a plain delivery again, after a reload too', async () => {
    const created = await api.call('POST', '/orders', {
      orders: [
        {
          ref: 'PICK-2',
          name: 'Fleuriste Terreaux',
          address: 'Place des Terreaux, Lyon',
          lat: 45.7676,
          lon: 4.8344,
          date: today,
          pickup_address: 'Marché de gros, Corbas',
          pickup_lat: 45.671,
          pickup_lon: 4.901,
        },
      ],
    });
    const id = created.body.results[0].id as string;
    await page.goto(`${server.baseUrl}/orders/${id}`);
    await page.getByRole('heading', { name: 'Order PICK-2', exact: true }).waitFor();
    await expect.poll(() => rowsOf('Pickup')).toContain('Pickup window: Any time');
    await page.getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('Collect the goods elsewhere first (pickup and delivery)').uncheck();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Changes saved.').waitFor();
    await expect.poll(() => card('Pickup').count()).toBe(0);
    await page.reload();
    await page.getByRole('heading', { name: 'Order PICK-2', exact: true }).waitFor();
    await card('Details').waitFor();
    expect(await card('Pickup').count()).toBe(0);
    expect((await api.call('GET', `/orders/${id}`)).body.pickup).toBeNull();
  });
});
