import type pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeededDay } from '../../server/test/support/seeded-driver-day.ts';
import { saveScreenshot, screenshotFailures } from '../lib/artifacts.ts';
import { launchChromium } from '../lib/browser.ts';
import { adminToken, issueDriverAccess } from '../lib/driver-day.ts';
import { IN_LYON, openPhone, startWithDriverDay } from '../lib/phone.ts';
import type { ServerProcess } from '../lib/server-process.ts';

const ADMIN = { email: 'codes@example.com', password: 'e2e-password-codes' };

// The driver's phone, in Chromium: an order requiring a delivery code cannot be confirmed
// without one typed; a wrong code is refused by the server (the driver is told, the stop is not
// delivered), the customer's code delivers it. The phone is never given the code.
describe('driver app: delivery codes', () => {
  let server: ServerProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let db: pg.Client;
  let day: SeededDay;
  let code: string;
  const stopStatus = async (i: number) =>
    (await db.query('SELECT status FROM stops WHERE id = $1', [day.stopIds[i]])).rows[0].status;

  beforeAll(async () => {
    ({ server, day, db } = await startWithDriverDay('tournee_test_codes_pwa', ADMIN, 2));
    await db.query(`UPDATE orders SET require_proof = '{code}' WHERE id = ANY($1)`, [day.orderIds]);
    code = (await db.query('SELECT delivery_code FROM orders WHERE id = $1', [day.orderIds[0]])).rows[0].delivery_code;
    browser = await launchChromium();
    context = await openPhone(browser, 'en-GB', IN_LYON);
    page = await context.newPage();
  });

  screenshotFailures('driver-pwa-delivery-code', () => page);

  afterAll(async () => {
    await browser?.close();
    await db?.end();
    await server?.stop();
  });

  it('keeps Confirm disabled until a code is typed, refuses a wrong code, delivers with the right one', async () => {
    const staff = await adminToken(server.baseUrl, ADMIN.email, ADMIN.password);
    const access = await issueDriverAccess(server.baseUrl, staff, day.driverId);
    const dayResponse = page.waitForResponse((r) => r.url().includes('/api/driver/routes/today'));
    await page.goto(access.link);
    // The phone is told a code is needed, never the code.
    expect(await (await dayResponse).text()).not.toContain(`"${code}"`);
    await page.getByRole('listitem', { name: 'Client 1' }).waitFor();
    await page.getByRole('button', { name: 'Start route' }).click();

    const deliver = async () => {
      await page.getByRole('listitem', { name: 'Client 1' }).getByRole('button', { name: 'Delivered' }).click();
      const dialog = page.getByRole('dialog', { name: 'Proof of delivery' });
      await dialog.waitFor();
      return dialog;
    };
    let dialog = await deliver();
    await dialog.getByRole('alert').getByText('This delivery requires the customer’s delivery code.').waitFor();
    const confirm = dialog.getByRole('button', { name: 'Confirm' });
    expect(await confirm.isDisabled()).toBe(true);
    const input = dialog.getByLabel('Delivery code (from the customer)');
    await input.fill('12');
    expect(await confirm.isDisabled()).toBe(true);
    await saveScreenshot(page, 'driver-pwa-delivery-code-en');

    // A wrong code: the server refuses it, the driver reads why, the stop is not delivered.
    const wrong = String((Number(code) + 1) % 10000).padStart(4, '0');
    await input.fill(wrong);
    await expect.poll(() => confirm.isDisabled()).toBe(false);
    await confirm.click();
    await page.getByText('Wrong delivery code: ask the customer again.').waitFor({ timeout: 30_000 });
    await expect
      .poll(
        async () =>
          (await db.query(`SELECT count(*)::int AS n FROM events WHERE action = 'stop.delivery_code_refused'`)).rows[0]
            .n,
        { timeout: 30_000 },
      )
      .toBe(1);
    expect(await stopStatus(0)).not.toBe('delivered');
    // The phone takes the server's word: the stop is to do again.
    await page
      .getByRole('listitem', { name: 'Client 1' })
      .getByText('To do', { exact: true })
      .waitFor({ timeout: 30_000 });
    await saveScreenshot(page, 'driver-pwa-delivery-code-wrong-en');

    // The customer's code delivers it.
    await page.getByRole('listitem', { name: 'Client 1' }).getByRole('button', { name: 'Delivered' }).waitFor();
    dialog = await deliver();
    await dialog.getByLabel('Delivery code (from the customer)').fill(code);
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(() => stopStatus(0), { timeout: 30_000 }).toBe('delivered');
    await page.getByRole('listitem', { name: 'Client 1' }).getByText('Delivered', { exact: true }).waitFor();
  });

  it('asks for the code in French', async () => {
    const fr = await openPhone(browser, 'fr-FR');
    const phone = await fr.newPage();
    const staff = await adminToken(server.baseUrl, ADMIN.email, ADMIN.password);
    await phone.goto((await issueDriverAccess(server.baseUrl, staff, day.driverId)).link);
    await phone.getByRole('listitem', { name: 'Client 2' }).getByRole('button', { name: 'Livré' }).click();
    await phone.getByRole('alert').getByText('Cette livraison exige le code de livraison du client.').waitFor();
    const confirm = phone.getByRole('button', { name: 'Valider' });
    expect(await confirm.isDisabled()).toBe(true);
    await saveScreenshot(phone, 'driver-pwa-delivery-code-fr');
    await phone.getByLabel('Code de livraison (donné par le client)').fill('4821');
    await expect.poll(() => confirm.isDisabled()).toBe(false);
    await fr.close();
  });
});
