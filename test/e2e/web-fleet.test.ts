import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot, screenshotFailures } from '../lib/artifacts.ts';
import { type ApiClient, signIn } from '../lib/api-client.ts';
import { launchChromium, signInOnPage } from '../lib/browser.ts';
import { startOnFreshDatabase } from '../lib/e2e-db.ts';
import type { ServerProcess } from '../lib/server-process.ts';

const ADMIN = { email: 'fleet@example.com', password: 'e2e-password-3' };

// Editing and deleting depots, vehicles and drivers, in Chromium against the real server and
// PostgreSQL, on the demo fleet (1 depot, 8 vans with weekly shifts, 8 drivers).
describe('dispatcher web app: editing and deleting the fleet', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let api: ApiClient;

  /** The id of the fleet row named `name`, as the API lists it. */
  const idOf = async (kind: 'vehicles' | 'drivers' | 'depots', name: string): Promise<string> => {
    const items: Array<{ id: string; name: string }> = (await api.call('GET', `/${kind}`)).body.items;
    const found = items.find((x) => x.name === name);
    if (!found) throw new Error(`no ${kind} named ${name}`);
    return found.id;
  };
  /** The table row whose cell reads exactly `name`. */
  const rowOf = (name: string) => page.getByRole('row').filter({ has: page.getByRole('cell', { name, exact: true }) });
  const tab = (name: string) => page.getByRole('tab', { name }).click();

  beforeAll(async () => {
    ({ server } = await startOnFreshDatabase('tournee_e2e_fleet', ADMIN, { SEED_DEMO: 'true' }));
    api = await signIn(server.baseUrl, ADMIN.email, ADMIN.password);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    await page.goto(server.baseUrl);
    await signInOnPage(page, ADMIN);
    await page.getByRole('link', { name: 'Fleet' }).click();
    await page.getByRole('heading', { name: 'Fleet' }).waitFor();
  });

  screenshotFailures('web-fleet', () => page);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("changes a van's capacity: the table and the API show it, its other fields stay", async () => {
    await tab('Vehicles');
    await rowOf('Van 2').getByRole('button', { name: 'Edit' }).click();
    const form = page.getByRole('form', { name: 'Editing Van 2' });
    const kg = form.getByLabel('kg', { exact: true });
    await expect.poll(() => kg.inputValue()).toBe('800');
    await kg.fill('950');
    await saveScreenshot(page, 'fleet-edit', true);
    await form.getByRole('button', { name: 'Save changes' }).click();

    // Back to a create form, and the row reads the new value under "kg".
    await page.getByRole('form', { name: 'Add vehicle' }).waitFor();
    await expect
      .poll(() => rowOf('Van 2').getByRole('cell').allInnerTexts())
      .toEqual(['Van 2', '950', '6', '60', 'fridge', 'One trip', expect.any(String)]);
    const van = (await api.call('GET', `/vehicles/${await idOf('vehicles', 'Van 2')}`)).body;
    expect(van.capacityByDimension).toEqual({ kg: 950, m3: 6, parcels: 60 });
    expect(van).toMatchObject({ skills: ['fridge'], costPerKm: 0.35, costPerHour: 22, fixedCost: 40 });
  });

  it('refuses a bad phone number naming the field, then saves the fixed one in E.164', async () => {
    await tab('Drivers');
    const name = (await api.call('GET', '/drivers')).body.items[0].name as string;
    await rowOf(name).getByRole('button', { name: 'Edit' }).click();
    const form = page.getByRole('form', { name: `Editing ${name}` });
    await form.getByLabel('Phone').fill('12 34');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect
      .poll(() => form.getByRole('alert').textContent())
      .toMatch(/phone: "12 34" is not a valid phone number/);

    await form.getByLabel('Phone').fill('06 12 34 56 78');
    await form.getByRole('button', { name: 'Save changes' }).click();
    // Shown in national format (the organisation is in France), stored in E.164.
    await rowOf(name).getByRole('cell', { name: '06 12 34 56 78' }).waitFor();
    const driver = (await api.call('GET', `/drivers/${await idOf('drivers', name)}`)).body;
    expect(driver.phone).toBe('+33612345678');
  });

  it('deletes a van with shifts to come once told to delete anyway', async () => {
    await tab('Vehicles');
    const id = await idOf('vehicles', 'Van 8');
    const row = rowOf('Van 8');
    await row.getByRole('button', { name: 'Delete', exact: true }).click();
    await row.getByText('Delete Van 8?').waitFor();
    await row.getByRole('button', { name: 'Yes' }).click();
    await expect
      .poll(() => row.getByRole('alert').textContent())
      .toMatch(/^Van 8 has ([2-9]|\d\d+) shifts to come: deleting it anyway cancels them.$/);
    await row.getByRole('button', { name: 'Delete anyway' }).click();

    await expect.poll(() => page.getByRole('cell', { name: 'Van 8', exact: true }).count()).toBe(0);
    expect((await api.call('GET', `/vehicles/${id}`)).status).toBe(404);
    const vans = (await api.call('GET', '/vehicles')).body.items.length;
    expect(vans).toBeGreaterThan(1);
    await expect.poll(() => page.locator('table.orders tbody tr').count()).toBe(vans);
  });

  it('renames the depot; deleting it while vans start there is refused with the reason', async () => {
    await tab('Depots');
    const row = rowOf('Entrepôt Lyon Gerland');
    await row.getByRole('button', { name: 'Delete', exact: true }).click();
    await row.getByRole('button', { name: 'Yes' }).click();
    // Every van left starts there (the demo has one depot); more than one, so the plural.
    const vans = (await api.call('GET', '/vehicles')).body.items.length;
    await expect
      .poll(() => row.getByRole('alert').textContent())
      .toBe(`Entrepôt Lyon Gerland is still used by ${vans} vehicles: move or delete them first.`);
    expect(await row.getByRole('button', { name: 'Delete anyway' }).count()).toBe(0);
    await row.getByRole('button', { name: 'Cancel' }).click();

    await row.getByRole('button', { name: 'Edit' }).click();
    const form = page.getByRole('form', { name: 'Editing Entrepôt Lyon Gerland' });
    await form.getByLabel('Depot').fill('Entrepôt Lyon Sud');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('cell', { name: 'Entrepôt Lyon Sud', exact: true }).waitFor();
    expect(await page.getByRole('cell', { name: 'Entrepôt Lyon Gerland' }).count()).toBe(0);
    const depot = (await api.call('GET', `/depots/${await idOf('depots', 'Entrepôt Lyon Sud')}`)).body;
    expect(depot).toMatchObject({ address: '40 Rue de Gerland, 69007 Lyon', timeZone: 'Europe/Paris' });
  });
});
