import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { addDays, todayIn } from '@tournee/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeededDay } from '../../server/test/support/seeded-driver-day.ts';
import { saveScreenshot, screenshotFailures } from '../lib/artifacts.ts';
import { launchChromium } from '../lib/browser.ts';
import { adminToken, seedDriverInto, trackingLinkInto } from '../lib/driver-day.ts';
import { connectDriverPhone, type ScriptedPhone } from '../lib/driver-phone.ts';
import { startOnFreshDatabase } from '../lib/e2e-db.ts';
import { REPO_ROOT, type ServerProcess } from '../lib/server-process.ts';

const ADMIN = { email: 'reschedule@example.com', password: 'e2e-password-1' };

// After a failed delivery (the driver's real /driver socket), the customer opens the tracking
// link in Chromium, sees the days the van runs, picks one and a window, and sees it confirmed;
// the order's days have changed for the dispatcher.
describe('tracking page: the customer picks another day after a failure', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page | undefined;
  let day: SeededDay;
  let driver: ScriptedPhone;
  let staff: string;
  let dbUrl: string;
  const today = todayIn('Europe/Paris');

  const api = async (path: string, init: { method?: string; body?: unknown } = {}) => {
    const res = await fetch(`${server.baseUrl}/api${path}`, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${staff}`, 'content-type': 'application/json' },
      body: init.body ? JSON.stringify(init.body) : undefined,
    });
    // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies
    return { status: res.status, body: (await res.json()) as any };
  };
  const stopEvent = (i: number, type: string, extra: Record<string, unknown> = {}) =>
    driver.stopEvent(day.stopIds[i]!, type, extra);

  beforeAll(async () => {
    if (!existsSync(join(REPO_ROOT, 'web', 'dist', 'track.html')))
      throw new Error('The tracking page is not built: run `pnpm --filter @tournee/web build` first');
    ({ server, databaseUrl: dbUrl } = await startOnFreshDatabase('tournee_e2e_tracking_reschedule', ADMIN, {
      LOG_LEVEL: 'warn',
    }));
    day = await seedDriverInto(dbUrl, ADMIN.email, 2);
    staff = await adminToken(server.baseUrl, ADMIN.email, ADMIN.password);
    // The van works the next three days and next week's Tuesday-like day 7; not days 4–6.
    for (const n of [1, 2, 3, 7]) {
      const shift = await api('/shifts', {
        method: 'POST',
        body: { vehicleId: day.vehicleId, localDate: addDays(today, n), start: '08:00', end: '17:00' },
      });
      expect(shift.status).toBe(201);
    }
    driver = await connectDriverPhone(server.baseUrl, staff, day.driverId);
    // Nobody home at either stop.
    await stopEvent(0, 'started');
    await stopEvent(0, 'failed', { reason: 'absent' });
    await stopEvent(1, 'failed', { reason: 'absent' });
    browser = await launchChromium();
  });

  screenshotFailures('tracking-reschedule', () => page);

  afterAll(async () => {
    driver?.disconnect();
    await browser?.close();
    await server?.stop();
  });

  const pickAnotherDay = async (
    orderIdx: number,
    locale: string,
    words: { failed: string; pick: string; done: RegExp },
  ) => {
    const orderId = day.orderIds[orderIdx]!;
    const token = await trackingLinkInto(dbUrl, orderId);
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale });
    page = await context.newPage();
    // The live views the tracking socket brings are held until the customer has picked a day: a
    // live update (on a slow phone, the socket's first view) arrives while they are choosing.
    const held: (string | Buffer)[] = [];
    let release = () => {};
    await page.routeWebSocket(/\/socket\.io\//, (ws) => {
      const live = ws.connectToServer();
      ws.onMessage((m) => live.send(m));
      let holding = true;
      live.onMessage((m) => (holding && String(m).includes('track:update') ? held.push(m) : ws.send(m)));
      release = () => {
        holding = false;
        for (const m of held.splice(0)) ws.send(m);
      };
    });
    const views = () => page!.evaluate(() => (globalThis as { __track?: { views: unknown[] } }).__track?.views.length);
    await page.goto(`${server.baseUrl}/t/${token}`);
    await page.locator('#status').getByText(words.failed).waitFor();
    await page.getByRole('heading', { name: words.pick }).waitFor();
    // The days the van runs, and only those.
    const offered = await page.locator('#days button').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-date')));
    expect(offered).toEqual([1, 2, 3, 7].map((n) => addDays(today, n)));
    const chosen = addDays(today, 2);
    await page.locator(`#days button[data-date="${chosen}"]`).click();
    await expect.poll(() => held.length).toBeGreaterThan(0);
    const before = await views();
    release();
    await expect.poll(views).toBeGreaterThan(before ?? 0);
    // The update kept the day picked and its windows.
    expect(await page.locator(`#days button[data-date="${chosen}"]`).getAttribute('aria-pressed')).toBe('true');
    await page.locator('#windows button[data-window="12:00-17:00"]').click();
    await saveScreenshot(page, `tracking-reschedule-${locale}-picker`, true);
    await page.locator('#confirm-reschedule').click();
    await page.locator('#rescheduled').getByText(words.done).waitFor();
    await page.locator('#next-day').waitFor();
    await saveScreenshot(page, `tracking-reschedule-${locale}-confirmed`, true);
    // The dispatcher sees the new day and window; the order waits to be planned again.
    const order = await api(`/orders/${orderId}`);
    expect(order.status).toBe(200);
    expect(order.body).toMatchObject({
      status: 'imported',
      dateFrom: chosen,
      dateTo: chosen,
      timeWindows: [{ start: '12:00', end: '17:00' }],
    });
    await context.close();
  };

  it('in French', async () => {
    await pickAnotherDay(0, 'fr-FR', {
      failed: 'Livraison impossible',
      pick: 'Choisir un autre jour',
      done: /C’est noté : votre livraison est reprogrammée au .*, entre 12:00 et 17:00/,
    });
  });

  it('in English', async () => {
    await pickAnotherDay(1, 'en-GB', {
      failed: 'Delivery failed',
      pick: 'Pick another day',
      done: /Done: your delivery is moved to .*, between 12:00 and 17:00/,
    });
  });
});
