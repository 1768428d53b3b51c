import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeededDay } from '../../server/test/support/seeded-driver-day.ts';
import { saveScreenshot, screenshotFailures } from '../lib/artifacts.ts';
import { type ApiClient, signIn } from '../lib/api-client.ts';
import { launchChromium, signInOnPage } from '../lib/browser.ts';
import { seedDriverInto, trackingLinkInto } from '../lib/driver-day.ts';
import { startOnFreshDatabase } from '../lib/e2e-db.ts';
import { openPhone } from '../lib/phone.ts';
import type { ServerProcess } from '../lib/server-process.ts';

const ADMIN = { email: 'viewer-admin@example.com', password: 'e2e-password-viewer' };
const VIEWER = { email: 'vic@example.com', password: 'amber cactus ferry 5' };

// A viewer (read-only role, issue 18) in Chromium: the orders and the planner show the day's
// data but no button that would change it — the same screens show them to the admin. Then a
// customer's tracking page shows the delivery code an order requires (issue 16).
describe('dispatcher web app: a viewer sees no write actions', () => {
  let server: ServerProcess;
  let browser: Browser;
  let api: ApiClient;
  let day: SeededDay;
  let databaseUrl: string;
  let page: Page | undefined;

  beforeAll(async () => {
    const started = await startOnFreshDatabase('tournee_test_codes_viewer', ADMIN, { LOG_LEVEL: 'warn' });
    server = started.server;
    databaseUrl = started.databaseUrl;
    day = await seedDriverInto(databaseUrl, ADMIN.email, 3);
    api = await signIn(server.baseUrl, ADMIN.email, ADMIN.password);
    expect((await api.call('POST', '/users', { ...VIEWER, name: 'Vic', role: 'viewer' })).status).toBe(201);
    browser = await launchChromium();
  }, 120_000);

  screenshotFailures('web-viewer', () => page);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const openAs = async (user: { email: string; password: string }, locale = 'en-GB') => {
    page = await (await browser.newContext({ viewport: { width: 1400, height: 900 }, locale })).newPage();
    await page.goto(server.baseUrl);
    if (locale.startsWith('fr')) {
      await page.getByLabel('E-mail').fill(user.email);
      await page.getByLabel('Mot de passe').fill(user.password);
      await page.getByRole('button', { name: 'Se connecter' }).click();
    } else await signInOnPage(page, user);
    return page;
  };

  const writeButtons = {
    orders: (p: Page) => [
      p.getByRole('link', { name: 'New order' }),
      p.getByRole('button', { name: 'Import a file' }),
      p.getByRole('checkbox', { name: 'Select all orders on this page' }),
    ],
    order: (p: Page) => [p.getByRole('button', { name: 'Edit' }), p.getByRole('button', { name: 'Cancel order' })],
    planner: (p: Page) => [
      p.getByRole('button', { name: 'Plan', exact: true }),
      p.getByRole('button', { name: 'Publish the day' }),
      p.getByRole('button', { name: 'Lock', exact: true }),
      p.locator('.route-card li[draggable="true"]'),
    ],
  };
  const counts = async (locators: ReturnType<(typeof writeButtons)['orders']>) =>
    Promise.all(locators.map((l) => l.count()));

  const showDay = async (p: Page) => {
    await p.getByRole('link', { name: /^(Planner|Planification)$/ }).click();
    await p.locator(`.calendar-grid [data-date="${day.localDate}"]`).click();
    await p.locator('.route-card').first().waitFor();
    await p.locator('.route-card li.stop').first().waitFor();
  };

  it('shows the admin the write actions (the screens this test looks at have them)', async () => {
    const p = await openAs(ADMIN);
    await p.getByRole('link', { name: 'Orders' }).click();
    await p.getByRole('cell', { name: 'Client 1', exact: true }).waitFor();
    expect(await counts(writeButtons.orders(p))).toEqual([1, 1, 1]);
    await showDay(p);
    const [plan, publish] = await counts(writeButtons.planner(p));
    expect(plan).toBe(1);
    expect(publish).toBe(1);
    await p.context().close();
  });

  it('shows a viewer the orders and the planned day without any write action', async () => {
    const p = await openAs(VIEWER);
    await p.getByText('Read only', { exact: true }).waitFor();
    await p.getByRole('link', { name: 'Orders' }).click();
    // The data is there…
    await p.getByRole('cell', { name: 'Client 1', exact: true }).waitFor();
    await expect.poll(() => p.locator('table.orders tbody tr').count()).toBe(3);
    // …the buttons that would change it are not.
    expect(await counts(writeButtons.orders(p))).toEqual([0, 0, 0]);
    expect(await p.locator('table.orders tbody input[type="checkbox"]').count()).toBe(0);
    await saveScreenshot(p, 'web-viewer-orders-en');

    await p.locator('table.orders tbody tr a').first().click();
    await p.getByRole('heading', { name: /^Order / }).waitFor();
    expect(await counts(writeButtons.order(p))).toEqual([0, 0]);
    // Every read of the page answers a viewer (nothing left loading, no error).
    await expect.poll(() => p.getByText('Loading…').count(), { timeout: 15_000 }).toBe(0);
    expect(await p.getByRole('alert').count()).toBe(0);
    await saveScreenshot(p, 'web-viewer-order-en');

    await showDay(p);
    expect(await p.locator('.route-card li.stop').count()).toBeGreaterThanOrEqual(3);
    expect(await counts(writeButtons.planner(p))).toEqual([0, 0, 0, 0]);
    expect(await p.getByRole('button', { name: 'Undo' }).count()).toBe(0);
    expect(await p.getByRole('alert').count()).toBe(0);
    await saveScreenshot(p, 'web-viewer-planner-en');

    // Fleet and rules: read, not changed.
    await p.getByRole('link', { name: 'Fleet' }).click();
    await p.getByRole('tab', { name: 'Vehicles' }).click();
    await p.getByRole('cell', { name: 'Van of Camille', exact: true }).waitFor();
    expect(await p.getByRole('button', { name: 'Edit', exact: true }).count()).toBe(0);
    expect(await p.getByRole('button', { name: 'Delete', exact: true }).count()).toBe(0);
    expect(await p.getByRole('button', { name: 'Save', exact: true }).count()).toBe(0);
    await p.getByRole('link', { name: 'Rules' }).click();
    await p.getByRole('heading', { name: 'Rules' }).first().waitFor();
    expect(await p.getByRole('button', { name: 'New rule' }).count()).toBe(0);
    await p.context().close();
  });

  it('shows the same read-only screens in French', async () => {
    const p = await openAs(VIEWER, 'fr-FR');
    await p.getByText('Lecture seule', { exact: true }).waitFor();
    await p.getByRole('link', { name: 'Commandes' }).click();
    await p.getByRole('cell', { name: 'Client 1', exact: true }).waitFor();
    expect(await p.getByRole('link', { name: 'Nouvelle commande' }).count()).toBe(0);
    expect(await p.getByRole('button', { name: 'Importer un fichier' }).count()).toBe(0);
    await saveScreenshot(p, 'web-viewer-orders-fr');
    await showDay(p);
    expect(await p.getByRole('button', { name: 'Publier la journée' }).count()).toBe(0);
    expect(await p.getByRole('button', { name: 'Verrouiller', exact: true }).count()).toBe(0);
    await saveScreenshot(p, 'web-viewer-planner-fr');
    await p.context().close();
  });

  it("shows a dispatcher the order's delivery code and unlocks a stop locked by wrong codes; a viewer only reads it", async () => {
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      await db.query(`UPDATE orders SET require_proof = '{code}' WHERE id = $1`, [day.orderIds[2]]);
      await db.query('UPDATE stops SET code_failures = 5 WHERE id = $1', [day.stopIds[2]]);
      const code = (await db.query('SELECT delivery_code FROM orders WHERE id = $1', [day.orderIds[2]])).rows[0]
        .delivery_code as string;
      const failures = async () =>
        (await db.query('SELECT code_failures FROM stops WHERE id = $1', [day.stopIds[2]])).rows[0].code_failures;

      const viewer = await openAs(VIEWER);
      await viewer.getByText('Read only', { exact: true }).waitFor();
      await viewer.goto(`${server.baseUrl}/orders/${day.orderIds[2]}`);
      const viewerCard = viewer.getByRole('region', { name: 'Delivery code' });
      await viewerCard.getByText(code, { exact: true }).waitFor();
      await viewerCard.getByText(/Too many wrong codes/).waitFor();
      expect(await viewerCard.getByRole('button', { name: 'Unlock' }).count()).toBe(0);
      await viewer.context().close();

      const p = await openAs(ADMIN);
      await p.getByRole('link', { name: 'Orders' }).waitFor();
      await p.goto(`${server.baseUrl}/orders/${day.orderIds[2]}`);
      const card = p.getByRole('region', { name: 'Delivery code' });
      await card.getByText(code, { exact: true }).waitFor();
      await card.scrollIntoViewIfNeeded();
      await saveScreenshot(p, 'web-order-delivery-code-en');
      await card.getByRole('button', { name: 'Unlock' }).click();
      await expect.poll(failures).toBe(0);
      await expect.poll(() => card.getByText(/Too many wrong codes/).count()).toBe(0);
      await p.context().close();
    } finally {
      await db.end();
    }
  });

  it("shows the customer's tracking page the delivery code the order requires, in both languages", async () => {
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      await db.query(`UPDATE orders SET require_proof = '{code}' WHERE id = $1`, [day.orderIds[0]]);
      const code = (await db.query('SELECT delivery_code FROM orders WHERE id = $1', [day.orderIds[0]])).rows[0]
        .delivery_code as string;
      const token = await trackingLinkInto(databaseUrl, day.orderIds[0]!);
      for (const [locale, label] of [
        ['en-GB', 'Delivery code'],
        ['fr-FR', 'Code de livraison'],
      ] as const) {
        page = await (await openPhone(browser, locale)).newPage();
        await page.goto(`${server.baseUrl}/t/${token}`);
        const card = page.locator('#delivery-code');
        await card.getByText(label, { exact: true }).waitFor();
        expect(await card.locator('#code').innerText()).toBe(code);
        await saveScreenshot(page, `track-delivery-code-${locale.slice(0, 2)}`);
        await page.context().close();
      }
      // An order that requires no code: the page shows none.
      const other = await trackingLinkInto(databaseUrl, day.orderIds[1]!);
      page = await (await browser.newContext({ locale: 'en-GB' })).newPage();
      await page.goto(`${server.baseUrl}/t/${other}`);
      await page.locator('#status').waitFor();
      expect(await page.locator('#delivery-code').count()).toBe(0);
      await page.context().close();
    } finally {
      await db.end();
    }
  });
});
