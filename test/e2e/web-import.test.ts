import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot, screenshotFailures } from '../lib/artifacts.ts';
import { launchChromium, signInOnPage } from '../lib/browser.ts';
import { startOnFreshDatabase } from '../lib/e2e-db.ts';
import type { ServerProcess } from '../lib/server-process.ts';

const ADMIN = { email: 'dispatch@example.com', password: 'e2e-password-1' };

// The dispatcher's import, in a real browser against the real server and PostgreSQL.
describe('dispatcher web app: importing orders', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ server } = await startOnFreshDatabase('tournee_e2e_web', ADMIN));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  });

  screenshotFailures('web-import', () => page);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('signs in, and the session survives a reload', async () => {
    await page.goto(server.baseUrl);
    await signInOnPage(page, ADMIN);
    await page.getByRole('heading', { name: 'Orders' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Orders' }).waitFor();
    // Still signed in as the same user: the header's account button bears their email.
    expect(await page.getByRole('button', { name: 'Account', exact: true }).getAttribute('title')).toBe(ADMIN.email);
  });

  it('imports a CSV with one bad row: the row is named, then fixed and imported', async () => {
    const dir = join(tmpdir(), `tournee-e2e-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    const header = 'Référence;Client;Latitude;Longitude;Date;Début créneau;Fin créneau';
    const bad = join(dir, 'orders.csv');
    writeFileSync(
      bad,
      `${header}\nE-1;Anne;45,76;4,83;01/12/2026;08:00;12:00\nE-2;Bruno;123;4,84;01/12/2026;14:00;16:00\n`,
    );

    await page.getByRole('button', { name: 'Import a file' }).click();
    await page.getByLabel('CSV or Excel file').setInputFiles(bad);
    await page.getByText('2 rows read, 1 with problems').waitFor();
    const rejected = page.getByRole('table', { name: 'Rejected rows' });
    await expect
      .poll(() => rejected.locator('tbody tr').allInnerTexts())
      .toEqual([expect.stringMatching(/^3\s+Latitude\s+123\s+is not a latitude/)]);

    // The bad row is refused unless the good ones are to be imported alone: the button says so.
    const commit = page.locator('.import-preview button[type="submit"]');
    expect(await commit.innerText()).toBe('Nothing will be imported while 1 row has problems');
    expect(await commit.isDisabled()).toBe(true);
    await page.getByLabel('Import the good rows and leave out the rejected ones').check();
    expect(await commit.innerText()).toBe('1 row will be imported, 1 rejected');
    expect(await page.getByRole('table', { name: 'Rejected rows' }).locator('caption').innerText()).toBe(
      '1 row will be rejected',
    );
    // Fields are offered in words.
    const field = page.getByLabel('Field for column Date');
    expect(await field.locator('option:checked').innerText()).toBe('Day');
    await saveScreenshot(page, 'web-import-preview-en', true);

    // In French, the server explains the row in French too.
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByLabel('Language').selectOption('fr');
    await page.getByLabel('Fichier CSV ou Excel').setInputFiles(bad);
    await expect
      .poll(() => page.getByRole('table', { name: 'Lignes rejetées' }).locator('tbody tr').allInnerTexts())
      .toEqual([expect.stringMatching(/^3\s+Latitude\s+123\s+n'est pas une latitude/)]);
    await page.getByLabel('Importer les bonnes lignes et laisser de côté les lignes refusées').check();
    expect(await commit.innerText()).toBe('1 ligne sera importée, 1 refusée');
    expect(await page.getByLabel('Champ pour la colonne Début créneau').locator('option:checked').innerText()).toBe(
      'Début du créneau',
    );
    await saveScreenshot(page, 'web-import-preview-fr', true);
    await page.getByRole('button', { name: 'Annuler' }).click();
    await page.getByLabel('Langue').selectOption('en');

    const fixed = join(dir, 'orders-fixed.csv');
    writeFileSync(
      fixed,
      `${header}\nE-1;Anne;45,76;4,83;01/12/2026;08:00;12:00\nE-2;Bruno;45,75;4,84;01/12/2026;14:00;16:00\n`,
    );
    await page.getByLabel('CSV or Excel file').setInputFiles(fixed);
    await page.getByText('2 rows read, 0 with problems').waitFor();
    await page.getByRole('button', { name: '2 rows will be imported' }).click();
    await page.getByRole('status').filter({ hasText: '2 created' }).waitFor();

    const table = page.locator('table.orders').last();
    await expect.poll(() => table.locator('tbody tr').count()).toBe(2);
    expect(await table.innerText()).toContain('Bruno');
  });

  it('adds a depot from the fleet screen; a wrong time zone is refused naming the field', async () => {
    await page.getByRole('link', { name: 'Fleet' }).click();
    await page.getByRole('tab', { name: 'Depots' }).click();
    const form = page.getByRole('form', { name: 'Add depot' });
    await form.getByLabel('Depot').fill('Entrepôt Est');
    await form.getByLabel('Latitude').fill('45,75');
    await form.getByLabel('Longitude').fill('4,9');
    await form.getByLabel('Time zone').fill('Europe/Lyon');
    await form.getByRole('button', { name: 'Add depot' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toMatch(/timeZone/);
    await form.getByLabel('Time zone').fill('Europe/Paris');
    await form.getByRole('button', { name: 'Add depot' }).click();
    await page.getByRole('cell', { name: 'Entrepôt Est' }).waitFor();
  });

  it('lists a row the fleet cannot serve as a warning, and imports it all the same', async () => {
    // The depot added above gets an 800 kg van: a 1,200 kg order fits no vehicle.
    const made = await page.evaluate(async () => {
      const depots = await (await fetch('/api/depots')).json();
      const res = await fetch('/api/vehicles', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Van', depotId: depots.items[0].id, capacity: [800, 10, 100] }),
      });
      return `${res.status} ${await res.text()}`;
    });
    expect(made).toMatch(/^201 /);
    await page.getByRole('link', { name: 'Orders' }).click();
    await page.getByRole('button', { name: 'Import a file' }).click();
    const file = join(tmpdir(), `tournee-e2e-${process.pid}`, 'orders-heavy.csv');
    writeFileSync(
      file,
      'Référence;Client;Latitude;Longitude;Date;Poids (kg)\nH-1;Anne;45,76;4,83;01/12/2026;12\nH-2;Carl;45,75;4,84;01/12/2026;1200\n',
    );
    await page.getByLabel('CSV or Excel file').setInputFiles(file);
    await page.getByText('2 rows read, 0 with problems').waitFor();
    const heavy = /^3\s+Poids \(kg\)\s+capacity\s+demand 1200 kg is more than any vehicle carries/;
    const warnings = page.getByRole('table', { name: /Rows the fleet cannot serve/ });
    await expect.poll(() => warnings.locator('tbody tr').allInnerTexts()).toContainEqual(expect.stringMatching(heavy));
    await page.getByRole('button', { name: '2 rows will be imported' }).click();
    await page.getByRole('status').filter({ hasText: '2 created' }).waitFor();
    await expect.poll(() => warnings.locator('tbody tr').allInnerTexts()).toContainEqual(expect.stringMatching(heavy));
  });
});
