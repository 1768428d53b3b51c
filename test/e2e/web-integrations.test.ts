import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Receiver, startReceiver } from '../../server/test/support/webhook-receiver.ts';
import { type ApiClient, signIn } from '../lib/api-client.ts';
import { saveScreenshot, screenshotFailures } from '../lib/artifacts.ts';
import { launchChromium, signInOnPage } from '../lib/browser.ts';
import { startOnFreshDatabase } from '../lib/e2e-db.ts';
import type { ServerProcess } from '../lib/server-process.ts';

const ADMIN = { email: 'integrations@example.com', password: 'e2e-password-integrations' };

// The admin's Integrations screen, in Chromium against the real server: an API key created and
// used by a program, a webhook to a real local receiver with its delivery log and a replay, a GPS
// tracker's device key used with the OsmAnd protocol, a shop connected; in English and French.
describe('dispatcher web app: integrations', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let api: ApiClient;
  let receiver: Receiver;
  let driverId: string;

  const day = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
  const tab = (name: string) => page.getByRole('tab', { name }).click();
  const secretShown = () => page.getByTestId('secret').textContent();

  beforeAll(async () => {
    receiver = await startReceiver();
    ({ server } = await startOnFreshDatabase('tournee_e2e_integrations', ADMIN, {
      WEBHOOK_ALLOW_PRIVATE: 'true',
      WEBHOOK_POLL_MS: '200',
    }));
    api = await signIn(server.baseUrl, ADMIN.email, ADMIN.password);
    const driver = await api.call('POST', '/drivers', { name: 'Théo Martin' });
    expect(driver.status).toBe(201);
    driverId = driver.body.id;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    await page.goto(server.baseUrl);
    await signInOnPage(page, ADMIN);
    await page.getByRole('link', { name: 'Integrations' }).click();
    await page.getByRole('heading', { name: 'Integrations' }).waitFor();
  });

  screenshotFailures('web-integrations', () => page);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await receiver?.close();
  });

  it('creates an API key shown once, which a program then uses within its scopes', async () => {
    const form = page.getByRole('form', { name: 'New API key' });
    await form.getByLabel('Name').fill('ERP Dupont');
    await form.getByRole('button', { name: 'Create the key' }).click();
    await expect.poll(secretShown).toMatch(/^tk_live_/);
    const key = (await secretShown())!;
    await saveScreenshot(page, 'web-integrations-key-en');
    await page.getByRole('button', { name: 'Done' }).click();
    expect(await page.getByTestId('secret').count()).toBe(0);

    const post = await fetch(`${server.baseUrl}/api/orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        orders: [
          { ref: 'ERP-1', name: 'Mme Roux', address: '1 place Bellecour, Lyon', lat: 45.7578, lon: 4.832, date: day },
        ],
      }),
    });
    expect(post.status).toBe(200);
    const refused = await fetch(`${server.baseUrl}/api/webhooks`, { headers: { authorization: `Bearer ${key}` } });
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.message).toContain('webhooks:manage');

    // Its row says when it was last used (read again when the tab is opened again).
    await tab('Webhooks');
    await tab('API keys');
    const row = page.getByRole('row', { name: /ERP Dupont/ });
    await expect.poll(() => row.textContent()).not.toContain('never');
    expect(await row.textContent()).toContain('tk_live_');
  });

  it('sends signed events to a webhook, shows its delivery log, and replays them', async () => {
    await tab('Webhooks');
    const form = page.getByRole('form', { name: 'New webhook' });
    await form.getByLabel('URL').fill(receiver.url);
    await form.getByRole('button', { name: 'Create the webhook' }).click();
    await expect.poll(secretShown).toMatch(/^whsec_/);
    await page.getByRole('button', { name: 'Done' }).click();

    const created = await api.call('POST', '/orders', {
      orders: [{ ref: 'WEB-1', name: 'M. Blanc', address: '2 quai Perrache, Lyon', lat: 45.75, lon: 4.82, date: day }],
    });
    expect(created.status).toBe(200);
    await expect.poll(() => receiver.received.length, { timeout: 15_000 }).toBe(1);
    const event = JSON.parse(receiver.received[0]!.raw);
    expect(event).toMatchObject({ type: 'order.created', data: { ref: 'WEB-1' } });
    expect(receiver.received[0]!.headers['tournee-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);

    await page.getByRole('button', { name: 'Deliveries' }).click();
    const log = page.getByRole('region', { name: `Delivery log of ${receiver.url}` });
    await expect.poll(() => log.getByRole('row').nth(1).textContent()).toContain('order.created');
    expect(await log.getByRole('row').nth(1).textContent()).toMatch(/delivered.*204/);
    await saveScreenshot(page, 'web-integrations-webhooks-en', true);

    await log.getByRole('button', { name: 'Replay' }).click();
    await log.getByText('1 delivery queued').waitFor();
    await expect.poll(() => receiver.received.length, { timeout: 15_000 }).toBe(2);
    expect(JSON.parse(receiver.received[1]!.raw).id).toBe(event.id);
  });

  it('issues a GPS tracker key whose OsmAnd positions are accepted', async () => {
    await tab('GPS trackers');
    const form = page.getByRole('form', { name: 'New tracker' });
    await form.getByLabel('Driver').selectOption({ label: 'Théo Martin' });
    await form.getByLabel('Tracker name').fill('Van 12');
    await form.getByRole('button', { name: 'Create the device key' }).click();
    await expect.poll(secretShown).toMatch(/^trk/);
    const key = (await secretShown())!;
    const url = await page.getByTestId('osmand-url').textContent();
    expect(url).toBe(`${server.baseUrl}/api/positions/osmand`);
    await saveScreenshot(page, 'web-integrations-trackers-en');
    await page.getByRole('button', { name: 'Done' }).click();
    const fix = await fetch(`${url}?id=${key}&lat=45.76&lon=4.84&timestamp=${Math.floor(Date.now() / 1000)}`);
    expect(await fix.json()).toEqual({ status: 'accepted' });
    await tab('Shops');
    await tab('GPS trackers');
    const row = page.getByRole('row', { name: /Van 12/ });
    await expect.poll(() => row.textContent()).not.toContain('never');
    expect(driverId).toBeTruthy();
  });

  it('connects a shop and shows the URL its webhook goes to', async () => {
    await tab('Shops');
    const form = page.getByRole('form', { name: 'Connect a shop' });
    await form.getByRole('textbox', { name: /^Shop/ }).fill('dupont-fleurs.myshopify.com');
    await form.getByLabel('Webhook secret').fill('shpss_0123456789abcdef');
    await form.getByRole('button', { name: 'Connect' }).click();
    const row = page.getByRole('row', { name: /dupont-fleurs/ });
    await expect.poll(() => row.textContent()).toContain(`${server.baseUrl}/api/intake/shopify`);
    await saveScreenshot(page, 'web-integrations-shops-en');
  });

  it('reads in French', async () => {
    await page.getByLabel('Language').selectOption('fr');
    await tab('Clés d’API');
    await page.getByRole('form', { name: 'Nouvelle clé d’API' }).waitFor();
    expect(await page.getByRole('row', { name: /ERP Dupont/ }).textContent()).toContain('active');
    await saveScreenshot(page, 'web-integrations-key-fr');
    await tab('Webhooks');
    await page.getByRole('button', { name: 'Envois' }).click();
    const log = page.getByRole('region', { name: `Journal des envois de ${receiver.url}` });
    await expect.poll(() => log.getByRole('row').nth(1).textContent()).toContain('remis le');
    await saveScreenshot(page, 'web-integrations-webhooks-fr', true);
    await tab('Traceurs GPS');
    await page.getByRole('form', { name: 'Nouveau traceur' }).waitFor();
    await saveScreenshot(page, 'web-integrations-trackers-fr');
    await tab('Boutiques');
    await page.getByRole('form', { name: 'Relier une boutique' }).waitFor();
    await saveScreenshot(page, 'web-integrations-shops-fr');
  });
});
