import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot, screenshotFailures } from '../lib/artifacts.ts';
import type { SeededDay } from '../../server/test/support/seeded-driver-day.ts';
import { signIn } from '../lib/api-client.ts';
import { launchChromium, signInOnPage } from '../lib/browser.ts';
import { issueDriverAccess, seedDriverInto } from '../lib/driver-day.ts';
import { startOnFreshDatabase } from '../lib/e2e-db.ts';
import { openPhone } from '../lib/phone.ts';
import type { ServerProcess } from '../lib/server-process.ts';

const ADMIN = { email: 'live@example.com', password: 'e2e-password-3' };
const START = { latitude: 45.7601, longitude: 4.8302, accuracy: 10 };
// 80 m on, some seconds later: a van's pace (the server drops impossible jumps).
const LATER = { latitude: 45.7608, longitude: 4.8297, accuracy: 10 };

/** The rendered driver markers on the dispatcher's map, as [lon, lat]. */
const driverMarkers = (page: Page) =>
  page.evaluate(() =>
    (window.__tourneeMap?.queryRenderedFeatures({ layers: ['drivers-point'] }) ?? []).map(
      (f) => f.geometry.coordinates as [number, number],
    ),
  );
const near = (p: [number, number] | undefined, q: { latitude: number; longitude: number }) =>
  !!p && Math.abs(p[0] - q.longitude) < 1e-4 && Math.abs(p[1] - q.latitude) < 1e-4;

// The live day: a driver's phone (second browser context, the real driver app) streams its
// position and the marker moves on the dispatcher's map.
describe('dispatcher web app: the live day', () => {
  let server: ServerProcess;
  let browser: Browser;
  let dispatcher: Page;
  let phone: BrowserContext;
  let day: SeededDay;

  beforeAll(async () => {
    const started = await startOnFreshDatabase('tournee_e2e_live', ADMIN, { LOG_LEVEL: 'warn' });
    server = started.server;
    const url = started.databaseUrl;
    day = await seedDriverInto(url, ADMIN.email, 3);
    browser = await launchChromium();
    dispatcher = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'en-GB' });
    phone = await openPhone(browser, 'en-GB', START);
  });

  screenshotFailures('web-live', () => dispatcher);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("moves the driver's marker on the dispatcher map as the phone moves", async () => {
    await dispatcher.goto(server.baseUrl);
    await signInOnPage(dispatcher, ADMIN);
    await dispatcher.getByRole('link', { name: 'Planner' }).click();
    await dispatcher.locator(`.calendar-grid [data-date="${day.localDate}"]`).click();
    await dispatcher.locator('.route-card').first().waitFor();
    expect(await driverMarkers(dispatcher)).toEqual([]);

    const api = await signIn(server.baseUrl, ADMIN.email, ADMIN.password);
    const access = await issueDriverAccess(server.baseUrl, api.token, day.driverId);
    const driverApp = await phone.newPage();
    await driverApp.goto(access.link);
    await driverApp.getByRole('heading', { name: 'Today' }).waitFor();
    await driverApp.getByRole('button', { name: 'Start route' }).click();

    await expect.poll(async () => near((await driverMarkers(dispatcher))[0], START), { timeout: 30_000 }).toBe(true);
    // The server drops a jump faster than a van: the phone keeps reporting LATER (a hair apart, so
    // that each is a new fix) until enough device time has passed for it to be kept.
    let fix = 0;
    await expect
      .poll(
        async () => {
          await phone.setGeolocation({ ...LATER, latitude: LATER.latitude + (fix++ % 2) * 1e-6 });
          return near((await driverMarkers(dispatcher))[0], LATER);
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe(true);
    expect(await driverMarkers(dispatcher)).toHaveLength(1);
    // An arrow shows which way the driver is going: north-west, from START to LATER.
    const headings = () =>
      dispatcher.evaluate(() =>
        (window.__tourneeMap?.queryRenderedFeatures({ layers: ['drivers-heading'] }) ?? []).map(
          (f) => (f as unknown as { properties: { heading: number } }).properties.heading,
        ),
      );
    await expect.poll(async () => (await headings()).length, { timeout: 15_000 }).toBe(1);
    const [heading] = await headings();
    expect(heading).toBeGreaterThan(300);
    expect(heading).toBeLessThan(360);
    await dispatcher.locator('.day-grid').scrollIntoViewIfNeeded();
    await saveScreenshot(dispatcher, 'live');

    // The route is on the road now: the dispatcher's card says so.
    await expect
      .poll(() => dispatcher.locator('.route-card').first().textContent(), { timeout: 15_000 })
      .toMatch(/on the road/);
  });
});
