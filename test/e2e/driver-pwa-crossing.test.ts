import type pg from 'pg';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeededDay } from '../../server/test/support/seeded-driver-day.ts';
import { screenshotFailures } from '../lib/artifacts.ts';
import { launchChromium } from '../lib/browser.ts';
import { adminToken, issueDriverAccess } from '../lib/driver-day.ts';
import { startWithDriverDay } from '../lib/phone.ts';
import type { ServerProcess } from '../lib/server-process.ts';

const ADMIN = { email: 'crossing@example.com', password: 'e2e-password-1' };
const DAY_API = '**/api/driver/routes/today';

// A fetch of the day that the server answered before the driver's tap reached it, delivered to
// the phone after the tap was acked (a slow network, a busy server). The phone must not take the
// stop back: the big button stays "Delivered" under the driver's finger.
describe('driver app: a day fetched before a tap, answered after it', () => {
  let server: ServerProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let db: pg.Client;
  let day: SeededDay;

  beforeAll(async () => {
    ({ server, day, db } = await startWithDriverDay('tournee_e2e_driver_crossing', ADMIN, 2));
    browser = await launchChromium();
    // No service worker: the test holds the day's HTTP answers, which a worker would fetch itself.
    context = await browser.newContext({ viewport: { width: 400, height: 860 }, serviceWorkers: 'block' });
    page = await context.newPage();
  });

  screenshotFailures('driver-pwa-crossing', () => page);

  afterAll(async () => {
    await browser?.close();
    await db?.end();
    await server?.stop();
  });

  const stopStatus = async (id: string) =>
    (await db.query<{ status: string }>('SELECT status FROM stops WHERE id = $1', [id])).rows[0]!.status;

  it('keeps the arrival when an older copy of the day comes in after it', async () => {
    const staff = await adminToken(server.baseUrl, ADMIN.email, ADMIN.password);
    const access = await issueDriverAccess(server.baseUrl, staff, day.driverId);
    await page.goto(access.link);
    await page.getByRole('button', { name: 'Next stop' }).click();
    const screen = page.getByRole('region', { name: 'Next stop' });
    await screen.getByRole('heading', { name: /Client 1/ }).waitFor();
    await screen.getByRole('button', { name: 'Start route' }).click();
    await expect
      .poll(
        async () => (await db.query('SELECT started_at FROM routes WHERE id = $1', [day.routeId])).rows[0].started_at,
      )
      .not.toBeNull();

    // Fetches sent before the tap: answered by the server at once, held on the way to the phone.
    const before: { route: Route; answer: Promise<Awaited<ReturnType<Route['fetch']>>> }[] = [];
    const after: Route[] = [];
    let tapped = false;
    await page.route(DAY_API, (route) => {
      if (tapped) after.push(route);
      else before.push({ route, answer: route.fetch() });
    });
    // The phone opens on its own copy of the day and fetches the server's.
    await page.reload();
    await screen.getByRole('button', { name: 'Arrived' }).waitFor();
    await expect.poll(() => before.length).toBeGreaterThan(0);
    await Promise.all(before.map((b) => b.answer));
    expect(await stopStatus(day.stopIds[0]!)).toBe('pending');

    tapped = true;
    await screen.getByRole('button', { name: 'Arrived' }).click();
    await expect.poll(() => stopStatus(day.stopIds[0]!)).toBe('arrived');
    // The phone asks again once its outbox is empty; that answer is held back.
    await expect.poll(() => after.length).toBeGreaterThan(0);

    // The older answers arrive now, marked so the test sees when the phone has taken them in.
    for (const b of before) {
      const answer = await b.answer;
      const body = (await answer.json()) as { route: { vehicleName: string } };
      body.route.vehicleName = `${body.route.vehicleName} (older copy)`;
      await b.route.fulfill({ response: answer, json: body });
    }
    await page.getByText('(older copy)').waitFor();
    expect(await screen.getByRole('button', { name: 'Arrived' }).count()).toBe(0);
    expect(await screen.getByRole('button', { name: 'Delivered' }).count()).toBe(1);

    for (const r of after) await r.continue();
    await page.unroute(DAY_API);
    await screen.getByRole('button', { name: 'Delivered' }).click();
    await page.getByRole('dialog', { name: 'Proof of delivery' }).getByRole('button', { name: 'Confirm' }).click();
    await screen.getByRole('heading', { name: /Client 2/ }).waitFor();
    await expect.poll(() => stopStatus(day.stopIds[0]!)).toBe('delivered');
  });
});
