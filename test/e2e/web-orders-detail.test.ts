import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeededDay } from '../../server/test/support/seeded-driver-day.ts';
import { type ApiClient, signIn } from '../lib/api-client.ts';
import { saveScreenshot, screenshotFailures } from '../lib/artifacts.ts';
import { launchChromium, signInOnPage } from '../lib/browser.ts';
import { seedDriverInto, trackingLinkInto } from '../lib/driver-day.ts';
import { connectDriverPhone, type ScriptedPhone } from '../lib/driver-phone.ts';
import { startOnFreshDatabase } from '../lib/e2e-db.ts';
import type { ServerProcess } from '../lib/server-process.ts';

const ADMIN = { email: 'orders-detail@example.com', password: 'e2e-password-orders-detail' };

/** The API's status and trigger codes that must not reach a French screen as they are. */
const ENGLISH_WORDS =
  /(?<![\p{L}_])(imported|planned|dispatched|in_progress|in progress|on_hold|on hold|delivered|failed|skipped|cancelled|pending|sending|sent|suppressed|published|arrived|started|eta_moved|rescheduled)(?![\p{L}_])/giu;
const englishWords = async (page: Page) =>
  [...(await page.evaluate(() => document.body.innerText)).matchAll(ENGLISH_WORDS)].map((m) => m[1]);

// The order page and the order form, in Chromium against the real server and PostgreSQL: a
// dispatcher creates an order with the form (a bad field named under it), opens it from the
// list, reloads, edits it; sees a delivered order's visit, driver events, photo, signature and
// rating; sees Cancel and Edit disabled with the server's reason on orders with a driver.
describe('dispatcher web app: order page and order form', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let api: ApiClient;
  let day: SeededDay;
  let driver: ScriptedPhone;
  let formOrderId: string;

  const order = async (id: string) => (await api.call('GET', `/orders/${id}`)).body;
  const field = (label: string) => page.getByLabel(label, { exact: true });

  /** A PNG drawn by the browser: a photo-like block, or a signature's stroke. */
  const drawnPng = (p: Page, kind: 'photo' | 'signature') =>
    p.evaluate((k) => {
      const c = document.createElement('canvas');
      c.width = 200;
      c.height = 120;
      const g = c.getContext('2d')!;
      g.fillStyle = k === 'photo' ? '#7aa7d8' : '#ffffff';
      g.fillRect(0, 0, 200, 120);
      g.strokeStyle = k === 'photo' ? '#5a3d1e' : '#1d2433';
      g.lineWidth = k === 'photo' ? 30 : 3;
      g.beginPath();
      g.moveTo(20, 90);
      g.bezierCurveTo(60, 10, 120, 120, 180, 30);
      g.stroke();
      return c.toDataURL('image/png').slice('data:image/png;base64,'.length);
    }, kind);

  beforeAll(async () => {
    let databaseUrl: string;
    ({ server, databaseUrl } = await startOnFreshDatabase('tournee_e2e_orders_detail', ADMIN, { LOG_LEVEL: 'warn' }));
    api = await signIn(server.baseUrl, ADMIN.email, ADMIN.password);
    // A published route of today with three dispatched orders; the driver delivers the first.
    day = await seedDriverInto(databaseUrl, ADMIN.email, 3);
    driver = await connectDriverPhone(server.baseUrl, api.token, day.driverId);
    const { access } = driver;
    const session = await fetch(`${server.baseUrl}/api/driver/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: access.code }),
    });
    expect(session.status).toBe(200);
    const driverToken = ((await session.json()) as { token: string }).token;
    const stopEvent = (type: string, extra: Record<string, unknown> = {}) =>
      driver.stopEvent(day.stopIds[0]!, type, extra);
    await stopEvent('started');
    await stopEvent('arrived');
    const delivered = await stopEvent('delivered', { recipientName: 'M. Durand', note: 'Laissé à la loge' });

    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    for (const kind of ['photo', 'signature'] as const) {
      const up = await fetch(`${server.baseUrl}/api/driver/stops/${day.stopIds[0]}/proof`, {
        method: 'POST',
        headers: { authorization: `Bearer ${driverToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ eventId: delivered, kind, contentType: 'image/png', data: await drawnPng(page, kind) }),
      });
      expect(up.status, await up.text()).toBe(201);
    }
    // The customer rates the delivery on the tracking page.
    const link = await trackingLinkInto(databaseUrl, day.orderIds[0]!);
    const rated = await fetch(`${server.baseUrl}/api/track/${link}/rating`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rating: 4, comment: 'Très aimable' }),
    });
    expect(rated.status, await rated.text()).toBeLessThan(300);

    await page.goto(server.baseUrl);
    await signInOnPage(page, ADMIN);
    await page.getByRole('link', { name: 'Orders' }).click();
    await page.getByRole('heading', { name: 'Orders' }).waitFor();
  });

  screenshotFailures('web-orders-detail', () => page);

  afterAll(async () => {
    driver?.disconnect();
    await browser?.close();
    await server?.stop();
  });

  it('creates an order with the form, showing a bad field under it by name first', async () => {
    await page.getByRole('link', { name: 'New order' }).click();
    await page.getByRole('heading', { name: 'New order' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/orders/new');
    await field('Reference').fill('FORM-1');
    await field('Customer').fill('Hélène Martin');
    await field('Phone').fill('06 12 34 56 78');
    await field('Email').fill('helene@');
    await field('Address').fill('12 rue Mercière, Lyon');
    await field('Latitude').fill('45.7625');
    await field('Longitude').fill('4.8336');
    await field('From day').fill('2026-06-02');
    await field('Window from').fill('09:00');
    await field('Window to').fill('12:00');
    await field('Quantity (kg)').fill('12');
    await field('Skills (comma-separated)').fill('frigo');
    await field('Notes for the driver').fill('Code 1234B');
    await page.getByRole('button', { name: 'Create the order' }).click();

    // The server's message lands under the field it names; nothing is created.
    await expect.poll(() => field('Email').getAttribute('aria-invalid')).toBe('true');
    const emailError = await page.locator('#order-form-email-error').textContent();
    expect(emailError).toMatch(/email/i);
    expect(await field('Customer').getAttribute('aria-invalid')).toBeNull();
    expect((await api.call('GET', '/orders?q=FORM-1')).body.total).toBe(0);
    await saveScreenshot(page, 'orders-form-error-en', true);

    await field('Email').fill('helene@example.com');
    await page.getByRole('button', { name: 'Create the order' }).click();
    await page.getByRole('heading', { name: 'Order FORM-1', exact: true }).waitFor();
    const notice = page.getByRole('status').filter({ hasText: 'Order FORM-1 created.' });
    // What the fleet cannot do for it comes with it: no van has the skill.
    expect(await notice.getByRole('paragraph').allTextContents()).toContainEqual(expect.stringMatching(/frigo/));
    const list = (await api.call('GET', '/orders?q=FORM-1')).body;
    expect(list.total).toBe(1);
    formOrderId = list.items[0].id;
    expect(new URL(page.url()).pathname).toBe(`/orders/${formOrderId}`);
    expect(list.items[0]).toMatchObject({
      ref: 'FORM-1',
      name: 'Hélène Martin',
      phone: '+33612345678',
      email: 'helene@example.com',
      location: { coordinates: [4.8336, 45.7625] },
      dateFrom: '2026-06-02',
      dateTo: '2026-06-02',
      timeWindows: [{ start: '09:00', end: '12:00' }],
      demand: [12, 0, 0],
      skills: ['frigo'],
      notes: 'Code 1234B',
      status: 'imported',
    });
    // Every field is on the page, as the dispatcher's locale writes it.
    const fields = page.getByRole('region', { name: 'Details' });
    for (const text of ['Hélène Martin', '06 12 34 56 78', 'helene@example.com', '02/06/2026', '09:00–12:00', '12 kg'])
      expect(await fields.getByText(text, { exact: true }).count(), text).toBe(1);
    // The pin, on the same MapLibre map as the planner (offline style: the tests have no network).
    await page.locator('.order-map .maplibregl-marker').waitFor();
    await saveScreenshot(page, 'order-detail-new-en', true);
  });

  it('opens the order from a row of the list, survives a reload, and edits it', async () => {
    await page.getByRole('link', { name: 'All orders' }).click();
    await page.getByRole('heading', { name: 'Orders' }).waitFor();
    await page.getByRole('cell', { name: 'Hélène Martin' }).click();
    await page.getByRole('heading', { name: 'Order FORM-1', exact: true }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/orders/${formOrderId}`);
    await page.reload();
    await page.getByRole('heading', { name: 'Order FORM-1', exact: true }).waitFor();

    await page.getByRole('button', { name: 'Edit' }).click();
    await page.getByRole('heading', { name: 'Edit order FORM-1' }).waitFor();
    // The form fills in once the order has loaded.
    await expect.poll(() => field('Reference').inputValue()).toBe('FORM-1');
    await field('Notes for the driver').fill('Sonner deux fois');
    await field('Priority (0–100)').fill('5');
    await field('Window to').fill('13:00');
    await saveScreenshot(page, 'orders-form-edit-en', true);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').getByText('Changes saved.').waitFor();
    await page.getByRole('heading', { name: 'Order FORM-1', exact: true }).waitFor();
    expect(await order(formOrderId)).toMatchObject({
      notes: 'Sonner deux fois',
      priority: 5,
      timeWindows: [{ start: '09:00', end: '13:00' }],
      email: 'helene@example.com',
    });
    await expect
      .poll(() => page.getByRole('region', { name: 'Details' }).getByText('Sonner deux fois').count())
      .toBe(1);

    // Back returns to the list, filters and all.
    await page.goBack();
    await page.getByRole('heading', { name: 'Orders' }).waitFor();
  });

  it("shows a delivered order's visit, the driver's events, the photo, the signature and the rating", async () => {
    await page.goto(`${server.baseUrl}/orders/${day.orderIds[0]}`);
    const title = page.getByRole('heading', { level: 1 });
    await expect.poll(() => title.textContent()).toMatch(/^Order /);
    const visits = page.getByRole('region', { name: 'Visits' });
    await expect.poll(() => visits.getByRole('row').count()).toBe(2);
    expect(await visits.getByRole('row').nth(1).textContent()).toContain('delivered');
    const events = page.getByRole('region', { name: 'Stop events' });
    await expect.poll(() => events.getByRole('row').count()).toBe(4);
    expect(await events.getByRole('cell', { name: 'Delivered', exact: true }).count()).toBe(1);
    expect(await events.getByRole('cell', { name: 'M. Durand' }).count()).toBe(1);
    const proofs = page.getByRole('region', { name: 'Proof of delivery' });
    const photo = proofs.getByRole('img', { name: /^Photo taken at the delivery/ });
    const signature = proofs.getByRole('img', { name: /^Signature of the recipient/ });
    // The images are the files the driver sent, loaded through the API.
    for (const img of [photo, signature])
      await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(200);
    await page.getByRole('img', { name: '4 out of 5' }).waitFor();
    expect(await page.getByRole('region', { name: 'Customer rating' }).getByText('Très aimable').count()).toBe(1);
    const routes = page.getByRole('region', { name: 'On routes' });
    expect(await routes.getByRole('cell', { name: /^Van of Camille/ }).count()).toBe(1);
    // Delivered: neither editable nor cancellable, and the page says why.
    expect(await page.getByRole('button', { name: 'Edit' }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Cancel order' }).isDisabled()).toBe(true);
    expect(await page.locator('#order-cancel-why').textContent()).toBe(
      'Cancel order — It cannot be cancelled: the order is delivered.',
    );
    await page.getByRole('region', { name: /^History of order/ }).waitFor();
    await page.locator('.order-map .maplibregl-marker').waitFor();
    await saveScreenshot(page, 'order-detail-delivered-en', true);
  });

  it('shows Cancel and Edit disabled with the reason on an order with a driver', async () => {
    // The driver has started the route: the order is in progress.
    const id = day.orderIds[1]!;
    await page.goto(`${server.baseUrl}/orders/${id}`);
    const cancel = page.getByRole('button', { name: 'Cancel order' });
    await cancel.waitFor();
    expect(await cancel.isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Edit' }).isDisabled()).toBe(true);
    expect(await page.locator('#order-cancel-why').textContent()).toBe(
      'Cancel order — It cannot be cancelled: the order is in progress; take its stop off the route first.',
    );
    expect(await page.locator('#order-edit-why').textContent()).toBe(
      'Edit — It can no longer be changed: the order is in progress.',
    );
    // The server's own words are the button's tooltip, and DELETE answers the same.
    const { actions } = await order(id);
    expect(await cancel.getAttribute('title')).toBe(actions.cancel.reason);
    const del = await api.call('DELETE', `/orders/${id}`);
    expect(del.status).toBe(409);
    expect(del.body.error.message).toBe(actions.cancel.reason);
  });

  it('follows the driver live: a delivery shows on the open order without a reload', async () => {
    await page.goto(`${server.baseUrl}/orders/${day.orderIds[2]}`);
    const badge = page.locator('.order-page .title-row .status');
    await expect.poll(() => badge.textContent()).toBe('In progress');
    // Once the page follows the day, no event is missed.
    await page.locator('.order-page[data-live="true"]').waitFor();
    for (const type of ['arrived', 'delivered']) await driver.stopEvent(day.stopIds[2]!, type);
    await expect.poll(() => badge.textContent()).toBe('Delivered');
    const events = page.getByRole('region', { name: 'Stop events' });
    await expect.poll(() => events.getByRole('cell', { name: 'Delivered', exact: true }).count()).toBe(1);
    expect(await page.locator('#order-cancel-why').textContent()).toBe(
      'Cancel order — It cannot be cancelled: the order is delivered.',
    );
  });

  it('in French: the order page, the form with its errors, and an empty list that says its filter', async () => {
    await page.goto(`${server.baseUrl}/orders/${day.orderIds[0]}`);
    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('heading', { name: 'Preuve de livraison' }).waitFor();
    expect(await page.locator('#order-cancel-why').textContent()).toBe(
      'Annuler la commande — Elle ne peut pas être annulée : la commande est livrée.',
    );
    expect(await page.getByText('Livrée', { exact: true }).first().isVisible()).toBe(true);
    await page.getByRole('img', { name: '4 sur 5' }).waitFor();
    await page.locator('.order-map .maplibregl-marker').waitFor();
    await page
      .getByRole('region', { name: /^Historique de la commande/ })
      .getByRole('listitem')
      .first()
      .waitFor();
    // Statuses, events, triggers and message statuses are all in words.
    expect(await englishWords(page)).toEqual([]);
    await saveScreenshot(page, 'order-detail-delivered-fr', true);

    await page.goto(`${server.baseUrl}/orders/${day.orderIds[1]}`);
    await page.locator('#order-cancel-why').waitFor();
    expect(await page.locator('#order-cancel-why').textContent()).toBe(
      'Annuler la commande — Elle ne peut pas être annulée : la commande est en cours de livraison ; retirez d’abord son arrêt de la tournée.',
    );
    await page.locator('.order-map .maplibregl-marker').waitFor();
    await saveScreenshot(page, 'order-detail-dispatched-fr', true);

    await page.goto(`${server.baseUrl}/orders/new`);
    await page.getByRole('heading', { name: 'Nouvelle commande' }).waitFor();
    await field('Client').fill('Jean Dupont');
    await field('Adresse').fill('3 place Bellecour, Lyon');
    await field('Latitude').fill('45.7578');
    await field('Longitude').fill('4.8320');
    await field('Créneau de').fill('14:00');
    await field('Créneau à').fill('12:00');
    await page.getByRole('button', { name: 'Créer la commande' }).click();
    // No day, and a window that ends before it starts: each named under its field, in French.
    await expect.poll(() => field('Du jour').getAttribute('aria-invalid')).toBe('true');
    expect(await field('Créneau à').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#order-form-tw_end-error').textContent()).not.toMatch(/\bbefore\b|\bafter\b/);
    await saveScreenshot(page, 'orders-form-error-fr', true);

    await page.getByRole('link', { name: 'Toutes les commandes' }).click();
    await page.getByRole('heading', { name: 'Commandes' }).waitFor();
    const filters = page.getByRole('search');
    await filters.getByLabel('Statut').selectOption('delivered');
    await filters.getByLabel('Du').fill('2026-06-01');
    await filters.getByLabel('Au').fill('2026-06-03');
    await page.getByText('Aucune commande livrée du 01/06/2026 au 03/06/2026.').waitFor();
    await saveScreenshot(page, 'orders-empty-filter-fr');
    await page.getByRole('button', { name: 'Effacer les filtres' }).click();
    await page.getByRole('cell', { name: 'FORM-1', exact: true }).waitFor();
  });

  it('cancels an order that allows it, after confirmation; then Cancel is disabled', async () => {
    await page.goto(`${server.baseUrl}/orders/${formOrderId}`);
    page.once('dialog', (d) => d.accept());
    await page.getByRole('button', { name: 'Annuler la commande' }).click();
    await page.getByRole('status').getByText('La commande FORM-1 est annulée.').waitFor();
    expect((await order(formOrderId)).status).toBe('cancelled');
    await expect.poll(() => page.getByRole('button', { name: 'Annuler la commande' }).isDisabled()).toBe(true);
    expect(await page.locator('#order-cancel-why').textContent()).toBe(
      'Annuler la commande — La commande est déjà annulée.',
    );
  });
});
