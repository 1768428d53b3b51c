import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeededDay } from '../../server/test/support/seeded-driver-day.ts';
import { saveScreenshot, screenshotFailures } from '../lib/artifacts.ts';
import { launchChromium } from '../lib/browser.ts';
import { adminToken, seedDriverInto } from '../lib/driver-day.ts';
import { connectDriverPhone, type ScriptedPhone } from '../lib/driver-phone.ts';
import { startOnFreshDatabase } from '../lib/e2e-db.ts';
import type { ServerProcess } from '../lib/server-process.ts';

const ADMIN = { email: 'alerts@example.com', password: 'e2e-password-alerts' };

// The dispatcher's alerts inbox in Chromium: a driver (the real /driver socket) fails a
// delivery, the header's count goes up at once, the panel says what happened (English and
// French) and Acknowledge marks it seen.
describe('dispatcher web app: alerts inbox', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let day: SeededDay;
  let driver: ScriptedPhone;

  const signIn = async (p: Page, labels: { email: string; password: string; submit: string }) => {
    await p.goto(server.baseUrl);
    await p.getByLabel(labels.email).fill(ADMIN.email);
    await p.getByLabel(labels.password).fill(ADMIN.password);
    await p.getByRole('button', { name: labels.submit }).click();
  };

  beforeAll(async () => {
    ({ server } = await startOnFreshDatabase('tournee_e2e_alerts_inbox', ADMIN, { LOG_LEVEL: 'warn' }).then(
      async (s) => {
        day = await seedDriverInto(s.databaseUrl, ADMIN.email, 3);
        return s;
      },
    ));
    const staff = await adminToken(server.baseUrl, ADMIN.email, ADMIN.password);
    driver = await connectDriverPhone(server.baseUrl, staff, day.driverId);
    browser = await launchChromium();
    // The seeded day is today in Paris: the inbox shows the browser's today.
    page = await browser.newPage({
      viewport: { width: 1300, height: 850 },
      locale: 'en-GB',
      timezoneId: 'Europe/Paris',
    });
  });

  screenshotFailures('web-alerts', () => page);

  afterAll(async () => {
    driver?.disconnect();
    await browser?.close();
    await server?.stop();
  });

  it('shows a failed delivery live, in words, and acknowledges it', async () => {
    await signIn(page, { email: 'Email', password: 'Password', submit: 'Sign in' });
    const button = page.getByRole('button', { name: /^Alerts · \d+$/ });
    await expect.poll(() => button.textContent(), { timeout: 15_000 }).toBe('Alerts · 0');
    await button.click();
    await page.getByText('No alert: every route is on track.').waitFor();

    await driver.stopEvent(day.stopIds[0]!, 'failed', {
      reason: 'absent',
      deviceAt: new Date(Date.now() - 1000).toISOString(),
    });
    await expect.poll(() => button.textContent(), { timeout: 15_000 }).toBe('Alerts · 1');
    const item = page.locator('.alerts-panel li[data-type="failed_delivery"]');
    await expect.poll(() => item.textContent()).toContain('Failed delivery');
    expect(await item.textContent()).toContain('Reason: Customer absent');
    await saveScreenshot(page, 'alerts-inbox');

    await item.getByRole('button', { name: 'Acknowledge' }).click();
    await expect.poll(() => button.textContent()).toBe('Alerts · 0');
    expect(await item.textContent()).toContain('Acknowledged');
  });

  it('speaks French to a French dispatcher', async () => {
    const fr = await browser.newPage({
      viewport: { width: 1300, height: 850 },
      locale: 'fr-FR',
      timezoneId: 'Europe/Paris',
    });
    await signIn(fr, { email: 'E-mail', password: 'Mot de passe', submit: 'Se connecter' });
    const button = fr.getByRole('button', { name: /^Alertes · \d+$/ });
    await expect.poll(() => button.textContent(), { timeout: 15_000 }).toBe('Alertes · 0');
    await button.click();
    const item = fr.locator('.alerts-panel li[data-type="failed_delivery"]');
    await expect.poll(() => item.textContent()).toContain('Livraison échouée');
    expect(await item.textContent()).toContain('Pris en compte');
    await fr.close();
  });
});
