import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot, screenshotFailures } from '../lib/artifacts.ts';
import { type ApiClient, signIn } from '../lib/api-client.ts';
import { launchChromium, signInOnPage } from '../lib/browser.ts';
import { startOnFreshDatabase } from '../lib/e2e-db.ts';
import type { ServerProcess } from '../lib/server-process.ts';

const ADMIN = { email: 'settings@example.com', password: 'e2e-password-21' };
const NEW_DISPATCHER = { email: 'dana@example.com', name: 'Dana Petit' };

// The admin's Settings screen in Chromium against the real server and PostgreSQL, on the demo
// organisation (8 vans working Mon–Fri 08:00–17:00, open orders): organisation, customer
// notifications with their preview, users (invite, disable, last admin), weekly shifts.
describe('dispatcher web app: settings (admin)', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let api: ApiClient;

  const tab = (name: string) => page.getByRole('tab', { name }).click();
  /** The table row whose cell reads exactly `name`. */
  const rowOf = (p: Page, name: string) =>
    p.getByRole('row').filter({ has: p.getByRole('cell', { name, exact: true }) });
  /** The block of one settings input: its label, the input, and its error. */
  const languageSwitch = () => page.locator('.language-switch select');
  const fieldOf = (label: string) => page.locator('.setting', { has: page.getByLabel(label, { exact: true }) });

  beforeAll(async () => {
    ({ server } = await startOnFreshDatabase('tournee_e2e_settings', ADMIN, { SEED_DEMO: 'true' }));
    api = await signIn(server.baseUrl, ADMIN.email, ADMIN.password);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    await page.goto(server.baseUrl);
    await signInOnPage(page, ADMIN);
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
  });

  screenshotFailures('web-settings', () => page);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('renames the organisation and changes the default service time; bad input is named at its field', async () => {
    const form = page.getByRole('form', { name: 'Organisation' });
    await form.getByLabel('Organisation name').waitFor();
    // Bad country and a fourth dimension while vans and orders exist: each error under its field.
    await form.getByLabel('Default country').fill('X1');
    await form.getByRole('button', { name: 'Add a dimension' }).click();
    await form.getByLabel('Dimension 4').fill('pallets');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => fieldOf('Default country').textContent()).toMatch(/two-letter country code/);
    expect(await form.getByRole('alert').count()).toBe(1);
    await form.getByLabel('Default country').fill('FR');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => form.locator('#org-dimensions-error').textContent())
      .toMatch(/Cannot go from 3 to 4 dimensions while 8 vehicles and \d+ open orders? use/);
    expect(await form.getByText('pallets (count)').count()).toBe(1);
    await saveScreenshot(page, 'settings-organisation-error-en', true);
    await form.getByRole('button', { name: 'Remove pallets' }).click();

    await form.getByLabel('Organisation name').fill('Primeurs du Rhône');
    await form.getByLabel('Service time (minutes)').fill('7');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    expect(await form.getByRole('alert').count()).toBe(0);
    const org = (await api.call('GET', '/organisation')).body;
    expect(org).toMatchObject({ name: 'Primeurs du Rhône', defaultServiceS: 420, defaultCountry: 'FR' });
    expect(org.dimensions).toEqual(['kg', 'm3', 'parcels']);
    await saveScreenshot(page, 'settings-organisation-en', true);
  });

  it('switches a trigger off, sets quiet hours and a rebook URL, and previews the message', async () => {
    await tab('Notifications');
    const form = page.getByRole('form', { name: 'Customer messages' });
    await form.getByLabel('Driver set off').uncheck();
    await form.getByLabel('From', { exact: true }).fill('22:00');
    await form.getByLabel('Until', { exact: true }).fill('07:00');
    await form.getByLabel('Re-booking page (URL)').fill('not a link');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => fieldOf('Re-booking page (URL)').getByRole('alert').count()).toBe(1);
    // Refused whole: nothing was written.
    expect((await api.call('GET', '/notifications/settings')).body.triggers.started).toBe(true);

    await form.getByLabel('Re-booking page (URL)').fill('https://primeurs.example/rebook');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    const settings = (await api.call('GET', '/notifications/settings')).body;
    expect(settings).toMatchObject({
      triggers: { started: false, published: true },
      quietHours: { start: '22:00', end: '07:00' },
      rebookUrl: 'https://primeurs.example/rebook',
    });

    // The preview speaks the organisation's language (French) with its new name, and says the message is off.
    const preview = page.getByRole('region', { name: 'Preview' });
    await preview.getByLabel('Message').selectOption('started');
    await expect.poll(() => preview.getByTestId('preview-sms').textContent()).toMatch(/^Bonjour .*Primeurs du Rhône/);
    expect(await preview.getByText('This message is switched off').count()).toBe(1);
    await preview.getByLabel('Message').selectOption('failed');
    await expect
      .poll(() => preview.getByTestId('preview-sms').textContent())
      .toContain('https://primeurs.example/rebook');
    expect(await preview.getByText('This message is switched off').count()).toBe(0);
    await page.evaluate(() => window.scrollTo(0, 0));
    await saveScreenshot(page, 'settings-notifications-en', true);
  });

  it('invites a dispatcher who signs in, then disables them: their next request is refused', async () => {
    await tab('Users and roles');
    const invite = page.getByRole('form', { name: 'Invite a user' });
    await invite.getByLabel('Email').fill('not-an-email');
    await invite.getByRole('button', { name: 'Invite' }).click();
    await expect.poll(() => fieldOf('Email').getByRole('alert').count()).toBe(1);
    await invite.getByLabel('Email').fill(NEW_DISPATCHER.email);
    await invite.getByLabel('Name').fill(NEW_DISPATCHER.name);
    await invite.getByLabel('Role').selectOption('dispatcher');
    await invite.getByRole('button', { name: 'Invite' }).click();
    const password = (await page.getByTestId('temporary-password').textContent())!.trim();
    expect(password.length).toBeGreaterThanOrEqual(16);
    await rowOf(page, NEW_DISPATCHER.email).waitFor();
    await saveScreenshot(page, 'settings-users-invited-en', true);
    await page.getByRole('button', { name: 'Done' }).click();

    // Dana signs in on her own browser with the temporary password.
    const danaContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    const dana = await danaContext.newPage();
    await dana.goto(server.baseUrl);
    await signInOnPage(dana, { email: NEW_DISPATCHER.email, password });
    await dana.getByRole('link', { name: 'Orders' }).waitFor();
    expect(await dana.getByRole('link', { name: 'Settings' }).count()).toBe(0);
    expect((await dana.request.get(`${server.baseUrl}/api/auth/me`)).status()).toBe(200);

    await rowOf(page, NEW_DISPATCHER.email).getByRole('button', { name: 'Disable' }).click();
    const confirm = rowOf(page, NEW_DISPATCHER.email).getByRole('group', { name: 'Confirm' });
    expect(await confirm.textContent()).toContain(`Disable ${NEW_DISPATCHER.email}? They are signed out at once.`);
    // Asking is not doing: Dana is still in.
    expect((await dana.request.get(`${server.baseUrl}/api/auth/me`)).status()).toBe(200);
    await confirm.getByRole('button', { name: 'Disable' }).click();
    await expect.poll(() => rowOf(page, NEW_DISPATCHER.email).textContent()).toMatch(/Disabled on/);
    expect((await dana.request.get(`${server.baseUrl}/api/orders`)).status()).toBe(401);
    await dana.reload();
    await dana.getByRole('button', { name: 'Sign in' }).waitFor();
    await signInOnPage(dana, { email: NEW_DISPATCHER.email, password });
    await dana.getByText('Wrong email or password').waitFor();
    await danaContext.close();

    // The only admin cannot be demoted (the server says why, on the row) nor disable themselves.
    const me = rowOf(page, ADMIN.email);
    await me.getByLabel(`Role of ${ADMIN.email}`).selectOption('dispatcher');
    await expect.poll(() => me.getByRole('alert').textContent()).toMatch(/last enabled admin/);
    await expect.poll(() => me.getByLabel(`Role of ${ADMIN.email}`).inputValue()).toBe('admin');
    expect(await me.getByRole('button', { name: 'Disable' }).isDisabled()).toBe(true);
    const users = (await api.call('GET', '/users')).body.items as Array<{ email: string; role: string }>;
    expect(users.find((u) => u.email === ADMIN.email)?.role).toBe('admin');
    await saveScreenshot(page, 'settings-users-en', true);
  });

  it('edits a weekly shift pattern; the shift-day editor names the van and the day', async () => {
    await tab('Weekly shifts');
    const van1 = rowOf(page, 'Van 1');
    await expect.poll(() => van1.textContent()).toContain('08:00–17:00');
    await van1.getByRole('button', { name: 'Edit' }).click();
    const form = page.getByRole('form', { name: 'Editing weekly hours of Van 1' });
    await form.getByLabel('End', { exact: true }).fill('16:00');
    await form.getByLabel('Sat').check();
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => van1.textContent()).toContain('08:00–16:00');
    expect(await van1.textContent()).toMatch(/Mon–Sat/);
    await saveScreenshot(page, 'settings-shifts-en', true);

    const vehicles = (await api.call('GET', '/vehicles')).body.items as Array<{ id: string; name: string }>;
    const van1Id = vehicles.find((v) => v.name === 'Van 1')!.id;
    const patterns = (await api.call('GET', `/shift-patterns?vehicleId=${van1Id}`)).body.items;
    expect(patterns).toHaveLength(1);
    expect(patterns[0]).toMatchObject({ end: '16:00', weekdays: [1, 2, 3, 4, 5, 6] });

    await page.getByRole('link', { name: 'Fleet' }).click();
    await page.getByRole('tab', { name: 'Shifts' }).click();
    // Next week: this week's shifts may all have started already (a Saturday evening, a Sunday),
    // and a pattern edit never redraws a shift that has started.
    await page.getByRole('button', { name: 'Next week →' }).click();
    await page
      .getByRole('button', { name: /^Van 1 .*: 08:00–16:00$/ })
      .first()
      .click();
    const heading = page.getByRole('heading', { name: /^Van 1 — / });
    await heading.waitFor();
    expect(await heading.textContent()).toMatch(/^Van 1 — \w+day,? \d{1,2} \w+ \d{4}$/);
    await saveScreenshot(page, 'fleet-shift-day-en', true);
  });

  it('reads in French on every tab', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await languageSwitch().selectOption('fr');
    await page.getByRole('heading', { name: 'Paramètres' }).waitFor();
    const tabs: [string, string, string][] = [
      ['Organisation', 'Nom de l’organisation', 'settings-organisation-fr'],
      ['Notifications', 'Heures de silence', 'settings-notifications-fr'],
      ['Utilisateurs et rôles', 'Inviter un utilisateur', 'settings-users-fr'],
      ['Horaires hebdomadaires', 'Horaires hebdomadaires de Van 1', 'settings-shifts-fr'],
    ];
    // The preview follows the scroll (sticky): full-page shots are taken from the top.
    const top = () => page.evaluate(() => window.scrollTo(0, 0));
    for (const [name, text, shot] of tabs) {
      await tab(name);
      if (name === 'Horaires hebdomadaires') {
        await rowOf(page, 'Van 1').getByRole('button', { name: 'Modifier' }).click();
        await page.getByRole('form', { name: 'Modification de l’horaire hebdomadaire de Van 1' }).waitFor();
      } else await page.getByText(text, { exact: true }).first().waitFor();
      if (name === 'Notifications') {
        // A refused field is explained in French, under the field.
        const form = page.getByRole('form', { name: 'Messages aux clients' });
        await form.getByLabel('Page de reprogrammation (URL)').fill('pas un lien');
        await form.getByRole('button', { name: 'Enregistrer' }).click();
        await expect
          .poll(() => fieldOf('Page de reprogrammation (URL)').getByRole('alert').textContent())
          .toMatch(/^doit être une adresse web complète/);
      }
      await top();
      await saveScreenshot(page, shot, true);
    }
    await page.getByRole('link', { name: 'Flotte' }).click();
    await page.getByRole('tab', { name: 'Horaires' }).click();
    await page
      .getByRole('button', { name: /^Van 2 / })
      .first()
      .click();
    await page.getByRole('heading', { name: /^Van 2 — / }).waitFor();
    await saveScreenshot(page, 'fleet-shift-day-fr', true);
    await languageSwitch().selectOption('en');
  });
});
