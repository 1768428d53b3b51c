import { todayIn } from '@tournee/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, signIn } from '../lib/api-client.ts';
import { saveScreenshot, screenshotFailures } from '../lib/artifacts.ts';
import { launchChromium, signInOnPage } from '../lib/browser.ts';
import { startOnFreshDatabase } from '../lib/e2e-db.ts';
import type { ServerProcess } from '../lib/server-process.ts';

const ADMIN = { email: 'fleet-rules@example.com', password: 'e2e-password-fleet-rules' };
const VIEWER = { email: 'rules-viewer@example.com', password: 'amber cactus ferry 7' };

// The settings of issue 19's real-world rules in Chromium against the real server, PostgreSQL and
// solver: a depot's loading docks and minutes, a van's reloads, the organisation's working-time
// rules, each edited and still there after a reload of the page (en, fr); a viewer reads them
// with no write button; a van that must reload shows its reload on the planner's route.
describe('dispatcher web app: fleet rules settings', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let api: ApiClient;
  let depotId: string;
  let vanId: string;
  const today = todayIn('Europe/Paris');

  /** The table row whose cell reads exactly `name`. */
  const rowOf = (name: string) => page.getByRole('row').filter({ has: page.getByRole('cell', { name, exact: true }) });
  const tab = (name: string) => page.getByRole('tab', { name }).click();
  /** A table's cells under `header` in the row of `name`. */
  const cellOf = (name: string, header: string) =>
    page.evaluate(
      ([n, h]) => {
        for (const table of Array.from(document.querySelectorAll('table'))) {
          const headers = Array.from(table.querySelectorAll('thead th')).map((th) => th.textContent);
          const col = headers.indexOf(h!);
          if (col < 0) continue;
          for (const tr of Array.from(table.querySelectorAll('tbody tr'))) {
            const cells = Array.from(tr.querySelectorAll('td')).map((td) => td.textContent);
            if (cells.includes(n!)) return cells[col] ?? null;
          }
        }
        return null;
      },
      [name, header],
    );
  const openFleet = async () => {
    await page.getByRole('link', { name: 'Fleet' }).click();
    await page.getByRole('heading', { name: 'Fleet' }).waitFor();
  };

  beforeAll(async () => {
    ({ server } = await startOnFreshDatabase('tournee_e2e_fleet_rules', ADMIN, { LOG_LEVEL: 'warn' }));
    api = await signIn(server.baseUrl, ADMIN.email, ADMIN.password);
    const depot = await api.call('POST', '/depots', {
      name: 'Lyon',
      address: 'Gerland, Lyon',
      location: { lon: 4.8322, lat: 45.7295 },
      timeZone: 'Europe/Paris',
    });
    expect(depot.status, JSON.stringify(depot.body)).toBe(201);
    depotId = depot.body.id;
    const org = (await api.call('GET', '/organisation')).body as { dimensions: string[] };
    // Two parcels at a time: four orders need two trips.
    const van = await api.call('POST', '/vehicles', {
      name: 'Van 1',
      depotId,
      capacity: org.dimensions.map((d) => (d === 'parcels' ? 2 : 1000)),
    });
    expect(van.status, JSON.stringify(van.body)).toBe(201);
    vanId = van.body.id;
    expect((await api.call('POST', '/users', { ...VIEWER, name: 'Vic', role: 'viewer' })).status).toBe(201);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    await page.goto(server.baseUrl);
    await signInOnPage(page, ADMIN);
    await openFleet();
  }, 120_000);

  screenshotFailures('web-fleet-rules', () => page);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("sets a depot's loading docks and minutes, still there after a reload", async () => {
    await tab('Depots');
    await expect.poll(() => cellOf('Lyon', 'Loading docks')).toBe('No limit');
    await rowOf('Lyon').getByRole('button', { name: 'Edit' }).click();
    const form = page.getByRole('form', { name: 'Editing Lyon' });
    await form.getByLabel('Loading docks').fill('2');
    await form.getByLabel('Loading (min)').fill('15');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('form', { name: 'Add depot' }).waitFor();
    await expect.poll(() => cellOf('Lyon', 'Loading docks')).toBe('2');
    expect(await cellOf('Lyon', 'Loading (min)')).toBe('15');

    await page.reload();
    await page.getByRole('heading', { name: 'Fleet' }).waitFor();
    // The open tab is in the address: the reload opens Depots again, not the default Vehicles.
    expect(new URL(page.url()).searchParams.get('tab')).toBe('depots');
    await expect.poll(() => page.getByRole('tab', { name: 'Depots' }).getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => cellOf('Lyon', 'Loading docks')).toBe('2');
    expect(await cellOf('Lyon', 'Loading (min)')).toBe('15');
    expect((await api.call('GET', `/depots/${depotId}`)).body).toMatchObject({ docks: 2, loadingMin: 15 });

    // Emptied, the limit is lifted.
    await rowOf('Lyon').getByRole('button', { name: 'Edit' }).click();
    await page.getByRole('form', { name: 'Editing Lyon' }).getByLabel('Loading docks').fill('');
    await page.getByRole('form', { name: 'Editing Lyon' }).getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => cellOf('Lyon', 'Loading docks')).toBe('No limit');
    expect((await api.call('GET', `/depots/${depotId}`)).body).toMatchObject({ docks: null, loadingMin: 15 });
    await rowOf('Lyon').getByRole('button', { name: 'Edit' }).click();
    await page.getByRole('form', { name: 'Editing Lyon' }).getByLabel('Loading docks').fill('2');
    await page.getByRole('form', { name: 'Editing Lyon' }).getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => cellOf('Lyon', 'Loading docks')).toBe('2');
  });

  it("sets a van's reloads (minutes, trips at most), still there after a reload", async () => {
    await tab('Vehicles');
    await expect.poll(() => cellOf('Van 1', 'Reloads at the depot')).toBe('One trip');
    await rowOf('Van 1').getByRole('button', { name: 'Edit' }).click();
    const form = page.getByRole('form', { name: 'Editing Van 1' });
    await form.getByLabel('Reload (min)').fill('10');
    await form.getByLabel('Trips at most').fill('4');
    await saveScreenshot(page, 'web-fleet-rules-vehicle-form-en', true);
    await form.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('form', { name: 'Add vehicle' }).waitFor();
    await expect.poll(() => cellOf('Van 1', 'Reloads at the depot')).toBe('10 min, 4 trips at most');

    await page.reload();
    await page.getByRole('heading', { name: 'Fleet' }).waitFor();
    await tab('Vehicles');
    await expect.poll(() => cellOf('Van 1', 'Reloads at the depot')).toBe('10 min, 4 trips at most');
    const van = (await api.call('GET', `/vehicles/${vanId}`)).body;
    expect(van).toMatchObject({ reloadMin: 10, maxTrips: 4 });
  });

  it("sets the drivers' working-time rules in Settings, still there after a reload; an empty field turns a rule off", async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    const form = page.getByRole('form', { name: 'Drivers’ working time' });
    await form.waitFor();
    await form.getByRole('button', { name: 'Fill in the EU rules (48 h, 11 h, 4.5 h, 45 min)' }).click();
    await form.getByLabel('Hours per driver per week at most').fill('44');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    await saveScreenshot(page, 'web-fleet-rules-settings-en', true);

    await page.reload();
    await form.waitFor();
    const value = (label: string) => form.getByLabel(label).inputValue();
    await expect.poll(() => value('Hours per driver per week at most')).toBe('44');
    expect(await value('Rest between two shifts, at least (hours)')).toBe('11');
    expect(await value('Driving before a break, at most (hours)')).toBe('4.5');
    expect(await value('That break (min)')).toBe('45');
    expect((await api.call('GET', '/organisation')).body.workingTime).toEqual({
      maxWeeklyHours: 44,
      minDailyRestHours: 11,
      maxDrivingHours: 4.5,
      drivingBreakMin: 45,
    });

    await form.getByLabel('Rest between two shifts, at least (hours)').fill('');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    await page.reload();
    await form.waitFor();
    await expect.poll(() => value('Hours per driver per week at most')).toBe('44');
    expect(await value('Rest between two shifts, at least (hours)')).toBe('');
    expect((await api.call('GET', '/organisation')).body.workingTime.minDailyRestHours).toBeNull();

    // A figure out of range is named under its field, nothing saved.
    await form.getByLabel('That break (min)').fill('500');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('#work-drivingBreakMin-error').count()).toBe(1);
    expect((await api.call('GET', '/organisation')).body.workingTime.drivingBreakMin).toBe(45);
  });

  it('shows a van that must reload with its reload on the planned route (en, fr)', async () => {
    const driver = await api.call('POST', '/drivers', { name: 'Camille' });
    const shift = await api.call('POST', '/shifts', {
      vehicleId: vanId,
      driverId: driver.body.id,
      localDate: today,
      start: '00:30',
      end: '23:30',
    });
    expect(shift.status, JSON.stringify(shift.body)).toBe(201);
    const places = [
      ['Place Bellecour', 45.7578, 4.832],
      ['Place des Terreaux', 45.7676, 4.8344],
      ['Croix-Rousse', 45.7741, 4.8317],
      ['Part-Dieu', 45.7606, 4.8593],
    ] as const;
    const imported = await api.call(
      'POST',
      '/orders/import',
      places.map(([name, lat, lon], i) => ({
        ref: `RL-${i + 1}`,
        name,
        address: `${name}, Lyon`,
        lat: String(lat),
        lon: String(lon),
        date: today,
        demand_parcels: '1',
      })),
    );
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    const plan = await api.call('POST', '/plans', { from: today, to: today, timeLimitS: 1 });
    expect(plan.status, JSON.stringify(plan.body)).toBe(202);
    await expect
      .poll(async () => (await api.call('GET', `/plans/${plan.body.planId}`)).body.status, { timeout: 60_000 })
      .toBe('done');
    expect((await api.call('GET', `/plans/${plan.body.planId}`)).body.summary.assigned).toBe(4);

    await page.getByRole('link', { name: 'Planner' }).click();
    await page.locator(`.calendar-grid [data-date="${today}"]`).click();
    const reload = page.locator('.route-card .stop.reload');
    await expect.poll(() => reload.count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
    expect(await reload.first().locator('.seq').textContent()).toBe('↻');
    expect(await reload.first().locator('.what').textContent()).toBe('Reload at the depot');
    // Four visits, numbered 1 to 4: the reload is not one of them.
    expect(await page.locator('.route-card .route-meta').first().textContent()).toContain('4 stops');
    await saveScreenshot(page, 'web-fleet-rules-planner-en', true);
  });

  it('in French: the rules read in French; a viewer sees them with no write button', async () => {
    const fr = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
    await fr.goto(server.baseUrl);
    await fr.getByLabel('E-mail').fill(ADMIN.email);
    await fr.getByLabel('Mot de passe').fill(ADMIN.password);
    await fr.getByRole('button', { name: 'Se connecter' }).click();
    await fr.getByRole('link', { name: 'Paramètres' }).click();
    const form = fr.getByRole('form', { name: 'Temps de travail des chauffeurs' });
    await expect.poll(() => form.getByLabel('Heures par chauffeur et par semaine, au plus').inputValue()).toBe('44');
    await saveScreenshot(fr, 'web-fleet-rules-settings-fr', true);
    await fr.getByRole('link', { name: 'Flotte' }).click();
    await fr.getByRole('tab', { name: 'Véhicules' }).click();
    await expect.poll(() => fr.getByRole('cell', { name: '10 min, 4 rotations au plus' }).count()).toBe(1);
    await fr.getByRole('tab', { name: 'Dépôts' }).click();
    await fr.getByRole('columnheader', { name: 'Quais de chargement' }).waitFor();
    await saveScreenshot(fr, 'web-fleet-rules-depots-fr', true);
    await fr.getByRole('link', { name: 'Planification' }).click();
    await fr.locator(`.calendar-grid [data-date="${today}"]`).click();
    await expect
      .poll(() => fr.locator('.route-card .stop.reload .what').first().textContent(), { timeout: 20_000 })
      .toBe('Rechargement au dépôt');
    await saveScreenshot(fr, 'web-fleet-rules-planner-fr', true);
    await fr.close();

    const viewer = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    await viewer.goto(server.baseUrl);
    await signInOnPage(viewer, VIEWER);
    await viewer.getByRole('link', { name: 'Fleet' }).click();
    await viewer.getByRole('tab', { name: 'Vehicles' }).click();
    await viewer.getByRole('cell', { name: '10 min, 4 trips at most' }).waitFor();
    await viewer.getByRole('tab', { name: 'Depots' }).click();
    await viewer.getByRole('columnheader', { name: 'Loading docks' }).waitFor();
    expect(await viewer.getByRole('button', { name: 'Edit' }).count()).toBe(0);
    expect(await viewer.getByRole('button', { name: 'Save changes' }).count()).toBe(0);
    expect(await viewer.getByRole('form').count()).toBe(0);
    expect(await viewer.getByRole('link', { name: 'Settings' }).count()).toBe(0);
    await viewer.close();
  });
});
