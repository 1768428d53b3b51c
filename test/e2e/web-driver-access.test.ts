import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot, screenshotFailures } from '../lib/artifacts.ts';
import { type ApiClient, signIn } from '../lib/api-client.ts';
import { launchChromium, signInOnPage } from '../lib/browser.ts';
import { startOnFreshDatabase } from '../lib/e2e-db.ts';
import { openPhone } from '../lib/phone.ts';
import type { ServerProcess } from '../lib/server-process.ts';

const ADMIN = { email: 'access@example.com', password: 'e2e-password-14' };
const DRIVER = { name: 'Inès Martin', phone: '+33612345678' };

// Onboarding a driver from the dispatcher app: "Send access" shows the link, code and QR code; the
// driver's phone opens the link and is signed in; the link goes out by SMS through the outbox;
// "Revoke" ends it.
describe('dispatcher web app: sending a driver their access', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let api: ApiClient;

  const rowOf = (name: string) => page.getByRole('row').filter({ has: page.getByRole('cell', { name, exact: true }) });
  /** The driver's phone: a fresh browser context at `link`. */
  const openOnPhone = async (link: string) => {
    const phone = await openPhone(browser);
    const p = await phone.newPage();
    await p.goto(link);
    return p;
  };

  beforeAll(async () => {
    ({ server } = await startOnFreshDatabase('tournee_e2e_driver_access', ADMIN));
    api = await signIn(server.baseUrl, ADMIN.email, ADMIN.password);
    expect((await api.call('POST', '/drivers', DRIVER)).status).toBe(201);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    await page.goto(server.baseUrl);
    await signInOnPage(page, ADMIN);
    await page.getByRole('link', { name: 'Fleet' }).click();
    await page.getByRole('tab', { name: 'Drivers' }).click();
  });

  screenshotFailures('web-driver-access', () => page);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('signs the driver in with the QR link, sends it by SMS, and revokes it', async () => {
    await rowOf(DRIVER.name).getByRole('button', { name: 'Send access' }).click();
    const panel = page.getByRole('dialog', { name: `Access for ${DRIVER.name}` });
    const qr = panel.getByRole('img', { name: 'QR code of the sign-in link' });
    await qr.waitFor();
    const link = (await qr.getAttribute('data-link'))!;
    expect(link).toMatch(/\/driver\/#token=/);
    expect(await panel.getByTestId('access-link').textContent()).toBe(link);
    expect(await panel.getByText(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/).count()).toBe(1);
    // No email for this driver: that button says why instead of failing.
    expect(await panel.getByRole('button', { name: 'Send by email' }).isDisabled()).toBe(true);
    await saveScreenshot(page, 'web-driver-access-en');

    // The driver's phone opens the link and lands on today's route.
    const phone = await openOnPhone(link);
    await phone.getByRole('heading', { name: 'Today' }).waitFor();

    await panel.getByRole('button', { name: 'Send by SMS' }).click();
    await panel.getByRole('status').getByText(`Queued for ${DRIVER.phone}.`).waitFor();
    const sms = (await api.call('GET', '/notifications')).body.items.filter(
      (n: { recipient: string }) => n.recipient === DRIVER.phone,
    );
    expect(sms).toHaveLength(1);
    expect(sms[0]).toMatchObject({ channel: 'sms', trigger: 'driver_access', orderId: null });
    expect(sms[0].body).toContain(link);

    await panel.getByRole('button', { name: 'Revoke' }).click();
    await panel
      .getByRole('status')
      .getByText(/Access revoked/)
      .waitFor();
    const again = await openOnPhone(link);
    await expect.poll(() => again.getByRole('alert').textContent()).toMatch(/unknown, expired or revoked/);
    await phone.context().close();
    await again.context().close();
  });

  it('shows the same panel in French', async () => {
    // The panel is a modal: it is closed before anything else on the page is used.
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
    await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
    await rowOf(DRIVER.name).getByRole('button', { name: 'Envoyer l’accès' }).click();
    const panel = page.getByRole('dialog', { name: `Accès de ${DRIVER.name}` });
    await panel.getByRole('img', { name: 'QR code du lien de connexion' }).waitFor();
    await panel.getByRole('button', { name: 'Envoyer par SMS' }).waitFor();
    await saveScreenshot(page, 'web-driver-access-fr');
  });
});
