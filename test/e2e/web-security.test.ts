import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../server/src/security/totp.ts';
import { saveScreenshot, screenshotFailures } from '../lib/artifacts.ts';
import { type ApiClient, signIn } from '../lib/api-client.ts';
import { launchChromium, signInOnPage } from '../lib/browser.ts';
import { startOnFreshDatabase } from '../lib/e2e-db.ts';
import type { ServerProcess } from '../lib/server-process.ts';

const ADMIN = { email: 'security@example.com', password: 'e2e-password-security' };
const DISPATCHER = { email: 'disp-security@example.com', password: 'quiet harbour lamp 7' };
const VIEWER = { email: 'viewer-security@example.com', password: 'amber cactus ferry 5' };

// Two-factor sign-in in Chromium against the real server: the admin sets up an authenticator
// app from the header's Security panel (QR code, first code, recovery codes), signs out and in
// again with a code; a dispatcher whose role requires two-factor sees only the enrolment.
describe('dispatcher web app: two-factor sign-in', () => {
  let server: ServerProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let api: ApiClient;
  let secret = '';

  beforeAll(async () => {
    ({ server } = await startOnFreshDatabase('tournee_e2e_security', ADMIN));
    api = await signIn(server.baseUrl, ADMIN.email, ADMIN.password);
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    page = await context.newPage();
    await page.goto(server.baseUrl);
    await signInOnPage(page, ADMIN);
    await page.getByRole('link', { name: 'Orders' }).waitFor();
  });

  screenshotFailures('web-security', () => page);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('sets up an authenticator app: QR code, first code, ten recovery codes', async () => {
    await page.getByRole('button', { name: 'Security' }).click();
    const dialog = page.getByRole('dialog', { name: 'Security' });
    await dialog.getByText('Off: your password alone signs you in.').waitFor();
    // The sessions list shows this browser's session.
    await expect.poll(() => dialog.locator('table.sessions tbody tr').count()).toBeGreaterThanOrEqual(1);
    await expect.poll(() => dialog.getByText('this session').count()).toBe(1);
    await dialog.getByRole('button', { name: 'Set up an authenticator app' }).click();
    await dialog.getByRole('img', { name: 'QR code to scan with the authenticator app' }).waitFor();
    secret = (await dialog.locator('code.totp-secret').textContent()) ?? '';
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await saveScreenshot(page, 'security-enrol-en', true);
    await dialog.getByLabel('Code shown by the app').fill(totpCode(secret, Date.now() - 30_000));
    await dialog.getByRole('button', { name: 'Turn on' }).click();
    const codes = dialog.getByRole('region', { name: 'Your recovery codes' }).locator('li');
    await expect.poll(() => codes.count()).toBe(10);
    await saveScreenshot(page, 'security-recovery-codes-en', true);
    await dialog.getByRole('button', { name: 'I have saved them' }).click();
    await dialog
      .getByText(/On: a code from your app is asked after your password\. Recovery codes left: 10\./)
      .waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it('asks for the code after the password; a wrong code is refused, the right one signs in', async () => {
    await page.getByRole('button', { name: 'Account', exact: true }).click(); // the header's account menu
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInOnPage(page, ADMIN);
    const code = page.getByLabel('Code from your authenticator app');
    await code.waitFor();
    await saveScreenshot(page, 'security-sign-in-code-en');
    await code.fill('000000');
    await page.getByRole('button', { name: 'Verify' }).click();
    await page
      .getByRole('alert')
      .getByText(/Wrong code/)
      .waitFor();
    await code.fill(totpCode(secret));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('link', { name: 'Orders' }).waitFor();
  });

  it('in French: the code step and the Security panel', async () => {
    await page.getByRole('button', { name: 'Account', exact: true }).click(); // the header's account menu
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('combobox').first().selectOption('fr');
    await page.getByLabel('E-mail').fill(ADMIN.email);
    await page.getByLabel('Mot de passe').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    const code = page.getByLabel('Code de votre application d’authentification');
    await code.waitFor();
    await saveScreenshot(page, 'security-sign-in-code-fr');
    // The code of the next step: the one of this step was used just before.
    await code.fill(totpCode(secret, Date.now() + 30_000));
    await page.getByRole('button', { name: 'Vérifier' }).click();
    await page.getByRole('button', { name: 'Sécurité' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sécurité' });
    await dialog.getByText(/Activée : un code de votre application/).waitFor();
    await saveScreenshot(page, 'security-panel-fr', true);
    await dialog.getByRole('button', { name: 'Fermer' }).click();
    await page.getByRole('combobox').first().selectOption('en');
  });

  it('a dispatcher whose role requires two-factor sees only its set-up until done', async () => {
    expect((await api.call('POST', '/users', { ...DISPATCHER, name: 'Dana', role: 'dispatcher' })).status).toBe(201);
    // The admin requires it for dispatchers on the Settings screen's Security tab.
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('tab', { name: 'Security' }).click();
    const form = page.getByRole('form', { name: 'Organisation security' });
    await form.getByRole('checkbox', { name: 'Dispatcher' }).check();
    await form.getByLabel('Customer details of delivered orders (days)').fill('400');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByText('Saved.').waitFor();
    await saveScreenshot(page, 'security-settings-tab-en', true);
    const saved = (await api.call('GET', '/security/settings')).body;
    expect(saved.security.mfaRequiredRoles).toEqual(['dispatcher']);
    expect(saved.retention.customerDataDays).toBe(400);
    await page.getByRole('combobox').first().selectOption('fr');
    await page.getByRole('form', { name: 'Sécurité de l’organisation' }).waitFor();
    await saveScreenshot(page, 'security-settings-tab-fr', true);
    await page.getByRole('combobox').first().selectOption('en');
    const dana = await (
      await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' })
    ).newPage();
    await dana.goto(server.baseUrl);
    await signInOnPage(dana, DISPATCHER);
    await dana.getByRole('heading', { name: 'Set up two-factor sign-in' }).waitFor();
    expect(await dana.getByRole('link', { name: 'Orders' }).count()).toBe(0);
    await saveScreenshot(dana, 'security-gate-en', true);
    await dana.getByRole('button', { name: 'Set up an authenticator app' }).click();
    const danaSecret = (await dana.locator('code.totp-secret').textContent()) ?? '';
    await dana.getByLabel('Code shown by the app').fill(totpCode(danaSecret));
    await dana.getByRole('button', { name: 'Turn on' }).click();
    await dana.getByRole('button', { name: 'I have saved them' }).click();
    await dana.getByRole('link', { name: 'Orders' }).waitFor();
  });

  it('a viewer sees the dispatcher’s screens marked read-only, and a change is refused with the reason', async () => {
    expect((await api.call('POST', '/users', { ...VIEWER, name: 'Vic', role: 'viewer' })).status).toBe(201);
    const vic = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' })).newPage();
    await vic.goto(server.baseUrl);
    await signInOnPage(vic, VIEWER);
    await vic.getByText('Read only', { exact: true }).waitFor();
    await vic.getByRole('link', { name: 'Fleet' }).click();
    await vic.getByRole('heading', { name: 'Fleet' }).waitFor();
    // The reads a dispatcher makes all answer (no error, nothing left loading).
    await expect.poll(() => vic.getByText('Loading…').count()).toBe(0);
    expect(await vic.getByRole('alert').count()).toBe(0);
    await saveScreenshot(vic, 'security-viewer-en');
    const token = (await (
      await fetch(`${server.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(VIEWER),
      })
    ).json()) as { token: string };
    const refused = await fetch(`${server.baseUrl}/api/vehicles`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Van X' }),
    });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/viewer/);
  });
});
