import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot, screenshotFailures } from '../lib/artifacts.ts';
import { type ApiClient, signIn } from '../lib/api-client.ts';
import { launchChromium, signInOnPage } from '../lib/browser.ts';
import { startOnFreshDatabase } from '../lib/e2e-db.ts';
import type { ServerProcess } from '../lib/server-process.ts';

const ADMIN = { email: 'rules@example.com', password: 'e2e-password-rules' };

const SAMPLE = [
  'ref,name,lat,lon,date,Option de livraison,Canal',
  'R1,Mme Durand,45.76,4.83,2026-03-05,Express,web',
  'R2,M. Petit,45.75,4.84,2026-03-05,Standard,amazon-fr',
  'R3,Mme Roux,45.74,4.85,2026-03-05,Standard,web',
].join('\n');

// The Rules screen in Chromium against the real server and PostgreSQL: a sample file previewed,
// a rule written in the editor and seen live on the sample before it is saved, a service
// mapping made in one step, the order changed; in English and in French.
describe('dispatcher web app: intake rules', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let api: ApiClient;

  beforeAll(async () => {
    ({ server } = await startOnFreshDatabase('tournee_e2e_rules', ADMIN));
    api = await signIn(server.baseUrl, ADMIN.email, ADMIN.password);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, locale: 'en-GB' });
    await page.goto(server.baseUrl);
    await signInOnPage(page, ADMIN);
    await page.locator('.language-switch select').selectOption('en');
    await page.getByRole('link', { name: 'Rules' }).click();
    await page.getByRole('heading', { name: 'Rules', level: 1 }).waitFor();
  });

  screenshotFailures('web-rules', () => page);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const status = () => page.locator('.rule-preview [role=status]').textContent();
  const previewRow = (ref: string) =>
    page.locator('.rule-preview-table tbody tr').filter({ has: page.getByRole('cell', { name: ref, exact: true }) });

  it('previews a new rule live on a sample file, then saves it', async () => {
    await page.getByText('No rule yet').waitFor();
    await page
      .getByLabel('Sample file')
      .setInputFiles({ name: 'sample.csv', mimeType: 'text/csv', buffer: Buffer.from(SAMPLE) });
    await expect.poll(status).toBe('0 of 3 rows matched by a rule');

    await page.getByRole('button', { name: 'New rule' }).click();
    const editor = page.getByRole('form', { name: 'New rule' });
    await editor.getByLabel('Name').fill('Express today');
    await editor.getByLabel('Column or field').fill('Option de livraison');
    await editor.getByLabel('Value', { exact: true }).fill('Express');
    await editor.getByLabel('Priority (0–100)').fill('90');
    await editor.getByLabel('Add skills').fill('express');
    await editor.getByLabel('Delivery date: working days after the import').fill('0');
    // Not saved yet: the preview already runs the rule being edited.
    await expect.poll(status).toBe('1 of 3 rows matched by a rule');
    await expect.poll(() => previewRow('R1').textContent()).toMatch(/Priority\s*∅\s*→\s*90/);
    expect(await previewRow('R1').textContent()).toMatch(/Skills needed\s*∅\s*→\s*express/);
    expect(await previewRow('R1').textContent()).toMatch(/Day\s*2026-03-05\s*→\s*\d{4}-\d\d-\d\d/);
    expect(await previewRow('R2').textContent()).toContain('No rule');
    await saveScreenshot(page, 'web-rules-editor-en', true);

    await editor.getByRole('button', { name: 'Save the rule' }).click();
    const list = page.getByRole('list', { name: 'Rules, in the order they run' });
    await list.getByText('1. Express today').waitFor();
    expect(await list.textContent()).toContain(
      'If Option de livraison is “Express”, then priority 90, add skill express, deliver the day of the import',
    );
    const saved = (await api.call('GET', '/automation-rules')).body as { name: string; then: unknown }[];
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({
      name: 'Express today',
      // biome-ignore lint/suspicious/noThenProperty: the rule's public shape
      then: { priority: 90, addSkills: ['express'], dateOffsetDays: 0 },
    });
  });

  it('creates a service mapping in one step and moves it first', async () => {
    await page.getByRole('button', { name: 'New service mapping' }).click();
    const form = page.getByRole('form', { name: 'Service mapping' });
    await form.getByLabel('Column of the file').fill('Canal');
    await form.getByLabel('Value', { exact: true }).fill('amazon-fr');
    await form.getByLabel('Tags').fill('marketplace');
    await form.getByLabel('Put new orders on hold').check();
    await form.getByRole('button', { name: 'Create the mapping' }).click();
    const list = page.getByRole('list', { name: 'Rules, in the order they run' });
    await list.getByText('2. Canal = amazon-fr').waitFor();
    await expect.poll(status).toBe('2 of 3 rows matched by a rule');
    expect(await previewRow('R2').textContent()).toContain('Canal = amazon-fr');

    await page.getByRole('button', { name: 'Move Canal = amazon-fr up' }).click();
    await list.getByText('1. Canal = amazon-fr').waitFor();
    const order = ((await api.call('GET', '/automation-rules')).body as { name: string }[]).map((r) => r.name);
    expect(order).toEqual(['Canal = amazon-fr', 'Express today']);

    // Switched off, it no longer runs on the sample.
    await list.getByRole('listitem').first().getByLabel('On', { exact: true }).uncheck();
    await expect.poll(status).toBe('1 of 3 rows matched by a rule');
    await list.getByRole('listitem').first().getByLabel('On', { exact: true }).check();
    await expect.poll(status).toBe('2 of 3 rows matched by a rule');
    await saveScreenshot(page, 'web-rules-en', true);
  });

  it('reads in French', async () => {
    await page.locator('.language-switch select').selectOption('fr');
    await page.getByRole('heading', { name: 'Règles', level: 1 }).waitFor();
    await page.getByRole('list', { name: 'Règles, dans leur ordre d’application' }).waitFor();
    await page.getByRole('button', { name: 'Modifier' }).last().click();
    await page.getByRole('form', { name: 'Règle' }).getByLabel('Nom').waitFor();
    await expect.poll(status).toBe('2 lignes sur 3 concernées par une règle');
    await saveScreenshot(page, 'web-rules-fr', true);
  });

  it("shows in the import's check and result which rules fired on which rows, values after the rules", async () => {
    await page.locator('.language-switch select').selectOption('en');
    await page.getByRole('link', { name: 'Orders' }).click();
    await page.getByRole('button', { name: 'Import a file' }).click();
    await page
      .getByLabel('CSV or Excel file')
      .setInputFiles({ name: 'sample.csv', mimeType: 'text/csv', buffer: Buffer.from(SAMPLE) });
    const ruled = page.getByRole('table', { name: 'Intake rules applied to 2 rows' });
    const row = (ref: string) =>
      ruled.locator('tbody tr').filter({ has: page.getByRole('cell', { name: ref, exact: true }) });
    await expect.poll(() => row('R1').textContent()).toMatch(/^2R1Express today.*Priority\s*∅\s*→\s*90/);
    expect(await row('R2').textContent()).toMatch(/^3R2Canal = amazon-fr.*Tags\s*∅\s*→\s*marketplace/);
    expect(await ruled.locator('tbody tr').count()).toBe(2);
    // The first rows are shown as the rules leave them: R1 is delivered the day of the import.
    const first = page.getByRole('table', { name: 'First rows of the file' }).locator('tbody tr').first();
    expect(await first.textContent()).not.toContain('2026-03-05');
    await saveScreenshot(page, 'web-rules-import-check-en', true);
    await page.getByRole('button', { name: '3 rows will be imported' }).click();
    await page.getByRole('status').filter({ hasText: '3 created' }).waitFor();
    await expect.poll(() => row('R2').textContent()).toContain('Canal = amazon-fr');
    await page.locator('.language-switch select').selectOption('fr');
    await page.getByRole('table', { name: 'Règles d’intégration appliquées à 2 lignes' }).waitFor();
    await saveScreenshot(page, 'web-rules-import-result-fr', true);
    // The order page shows what the rule set: its tags, and any depot (the rule set none).
    const [r2] = (await api.call('GET', '/orders?q=R2')).body.items as { id: string }[];
    await page.goto(`${server.baseUrl}/orders/${r2!.id}`);
    const field = (label: string) =>
      page
        .locator('.order-fields div')
        .filter({ has: page.getByText(label, { exact: true }) })
        .locator('dd');
    await expect.poll(() => field('Étiquettes').textContent()).toBe('marketplace');
    expect(await field('Dépôt').textContent()).toBe('N’importe quel dépôt');
    await saveScreenshot(page, 'web-rules-order-tags-fr', true);
  });
});
