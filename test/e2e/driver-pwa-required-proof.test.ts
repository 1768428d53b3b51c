import { join } from 'node:path';
import type pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeededDay } from '../../server/test/support/seeded-driver-day.ts';
import { saveScreenshot, screenshotFailures } from '../lib/artifacts.ts';
import { launchChromium } from '../lib/browser.ts';
import { adminToken, issueDriverAccess } from '../lib/driver-day.ts';
import { IN_LYON, openPhone, startWithDriverDay } from '../lib/phone.ts';
import { REPO_ROOT, type ServerProcess } from '../lib/server-process.ts';

const ADMIN = { email: 'proof@example.com', password: 'e2e-password-proof' };
const PHOTO = join(REPO_ROOT, 'driver-pwa', 'public', 'icon-512.png');

// The driver's phone, in Chromium: an order that requires a photo cannot be confirmed
// delivered without one (a signature is not enough); with the photo it is, and the server has
// the event and the photo.
describe('driver app: required proof of delivery', () => {
  let server: ServerProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let db: pg.Client;
  let day: SeededDay;

  beforeAll(async () => {
    ({ server, day, db } = await startWithDriverDay('tournee_e2e_required_proof', ADMIN, 2));
    await db.query(`UPDATE orders SET require_proof = '{photo}' WHERE id = $1`, [day.orderIds[0]]);
    browser = await launchChromium();
    context = await openPhone(browser, 'en-GB', IN_LYON);
    page = await context.newPage();
  });

  screenshotFailures('driver-pwa-required-proof', () => page);

  afterAll(async () => {
    await browser?.close();
    await db?.end();
    await server?.stop();
  });

  it('keeps Confirm disabled until the required photo is taken, then delivers with it', async () => {
    const staff = await adminToken(server.baseUrl, ADMIN.email, ADMIN.password);
    const access = await issueDriverAccess(server.baseUrl, staff, day.driverId);
    await page.goto(access.link);
    await page.getByRole('listitem', { name: 'Client 1' }).waitFor();
    await page.getByRole('button', { name: 'Start route' }).click();
    await page.getByRole('listitem', { name: 'Client 1' }).getByRole('button', { name: 'Delivered' }).click();

    const dialog = page.getByRole('dialog', { name: 'Proof of delivery' });
    await dialog.getByRole('alert').getByText('This delivery requires a photo.').waitFor();
    const confirm = dialog.getByRole('button', { name: 'Confirm' });
    expect(await confirm.isDisabled()).toBe(true);

    // A signature is not the photo the order requires.
    const box = (await dialog.getByLabel('Signature').boundingBox())!;
    await page.mouse.move(box.x + 20, box.y + box.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 8; i++)
      await page.mouse.move(box.x + 20 + i * 25, box.y + box.height / 2 + (i % 2 ? 15 : -15));
    await page.mouse.up();
    expect(await confirm.isDisabled()).toBe(true);
    await saveScreenshot(page, 'driver-pwa-required-photo-en');

    await dialog.getByLabel('Photo').setInputFiles(PHOTO);
    await dialog.getByRole('img', { name: 'Photo' }).waitFor();
    await expect.poll(() => confirm.isDisabled()).toBe(false);
    expect(await dialog.getByRole('alert').count()).toBe(0);
    await confirm.click();
    await page.getByRole('listitem', { name: 'Client 1' }).getByText('Delivered', { exact: true }).waitFor();

    await expect
      .poll(async () => (await db.query('SELECT status FROM stops WHERE id = $1', [day.stopIds[0]])).rows[0].status, {
        timeout: 30_000,
      })
      .toBe('delivered');
    await expect
      .poll(
        async () =>
          (
            await db.query(
              `SELECT p.kind FROM proof_files p JOIN stop_events e ON e.id = p.stop_event_id WHERE e.stop_id = $1 ORDER BY p.kind`,
              [day.stopIds[0]],
            )
          ).rows.map((r) => r.kind),
        { timeout: 30_000 },
      )
      .toEqual(['photo', 'signature']);
  });

  it('asks for nothing on a stop that requires no proof, and says it in French', async () => {
    await page.getByRole('listitem', { name: 'Client 2' }).getByRole('button', { name: 'Delivered' }).click();
    const dialog = page.getByRole('dialog', { name: 'Proof of delivery' });
    await dialog.waitFor();
    expect(await dialog.getByRole('alert').count()).toBe(0);
    expect(await dialog.getByRole('button', { name: 'Confirm' }).isDisabled()).toBe(false);
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    // The same dialog on a French phone, for the order requiring a photo (its state reset to show it).
    const fr = await openPhone(browser, 'fr-FR');
    await db.query(`UPDATE orders SET require_proof = '{photo,signature}' WHERE id = $1`, [day.orderIds[1]]);
    const phone = await fr.newPage();
    const staff = await adminToken(server.baseUrl, ADMIN.email, ADMIN.password);
    await phone.goto((await issueDriverAccess(server.baseUrl, staff, day.driverId)).link);
    await phone.getByRole('listitem', { name: 'Client 2' }).getByRole('button', { name: 'Livré' }).click();
    await phone.getByRole('alert').getByText('Cette livraison exige une photo et une signature.').waitFor();
    await saveScreenshot(phone, 'driver-pwa-required-photo-fr');
    await fr.close();
  });
});
