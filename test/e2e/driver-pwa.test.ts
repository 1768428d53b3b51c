import { join } from 'node:path';
import { serviceStartIso, utcToLocal } from '@tournee/shared';
import type pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotFailures } from '../lib/artifacts.ts';
import type { SeededDay } from '../../server/test/support/seeded-driver-day.ts';
import { launchChromium } from '../lib/browser.ts';
import { adminToken, issueDriverAccess } from '../lib/driver-day.ts';
import { IN_LYON, openPhone, startWithDriverDay } from '../lib/phone.ts';
import { REPO_ROOT, type ServerProcess } from '../lib/server-process.ts';

const ADMIN = { email: 'pwa@example.com', password: 'e2e-password-1' };
const PHOTO = join(REPO_ROOT, 'driver-pwa', 'public', 'icon-512.png');

// The driver's phone, in Chromium: offline for two deliveries with proof, then back online.
describe('driver app: offline deliveries with proof', () => {
  let server: ServerProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let db: pg.Client;
  let day: SeededDay;

  beforeAll(async () => {
    ({ server, day, db } = await startWithDriverDay('tournee_e2e_driver_pwa', ADMIN, 3));
    browser = await launchChromium();
    context = await openPhone(browser, 'en-GB', IN_LYON);
    page = await context.newPage();
  });

  screenshotFailures('driver-pwa', () => page);

  afterAll(async () => {
    await browser?.close();
    await db?.end();
    await server?.stop();
  });

  const deliverWithProof = async (client: string, recipient: string) => {
    await page.getByRole('listitem', { name: client }).getByRole('button', { name: 'Delivered' }).click();
    const dialog = page.getByRole('dialog', { name: 'Proof of delivery' });
    await dialog.getByLabel('Photo').setInputFiles(PHOTO);
    await dialog.getByRole('img', { name: 'Photo' }).waitFor();
    const box = (await dialog.getByLabel('Signature').boundingBox())!;
    await page.mouse.move(box.x + 20, box.y + box.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++)
      await page.mouse.move(box.x + 20 + i * 25, box.y + box.height / 2 + (i % 2 ? 20 : -20));
    await page.mouse.up();
    await dialog.getByLabel('Recipient name').fill(recipient);
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await page.getByRole('listitem', { name: client }).getByText('Delivered', { exact: true }).waitFor();
  };

  it('signs in with the link, and the manifest and service worker are valid', async () => {
    const staff = await adminToken(server.baseUrl, ADMIN.email, ADMIN.password);
    const access = await issueDriverAccess(server.baseUrl, staff, day.driverId);
    await page.goto(access.link);
    await page.getByRole('heading', { name: 'Today' }).waitFor();
    await page.getByRole('listitem', { name: 'Client 1' }).waitFor();
    expect(page.url()).not.toContain('token=');
    // The first stop is reached before its 09:00–12:00 window opens: the card says the service start
    // (as the planner and the customer's messages do), with the arrival beside it.
    const { rows } = await db.query<{ at: Date; zone: string }>(
      `SELECT s.planned_arrival_at AS at, d.time_zone AS zone FROM stops s JOIN routes r ON r.id = s.route_id
         JOIN depots d ON d.id = r.depot_id WHERE s.id = $1`,
      [day.stopIds[0]],
    );
    const { at, zone } = rows[0]!;
    const clock = (iso: string) => utcToLocal(new Date(iso), zone).localTime;
    const start = clock(
      serviceStartIso({
        plannedArrivalAt: at.toISOString(),
        timeWindows: [{ start: '09:00', end: '12:00' }],
        localDate: day.localDate,
        timeZone: zone,
      })!,
    );
    expect(start >= '09:00').toBe(true);
    const arrival = clock(at.toISOString());
    // 08:20 in winter (the seeded route leaves at 07:00 UTC): "Planned 09:00 (arrive 08:20, wait)".
    expect(await page.getByRole('listitem', { name: 'Client 1' }).locator('.planned').textContent()).toBe(
      arrival === start ? `Planned ${start}` : `Planned ${start} (arrive ${arrival}, wait)`,
    );

    const manifest = (await (await fetch(`${server.baseUrl}/driver/manifest.webmanifest`)).json()) as {
      icons: { src: string; sizes: string }[];
    };
    expect(manifest).toMatchObject({
      start_url: '/driver/',
      scope: '/driver/',
      display: 'standalone',
      name: expect.any(String),
    });
    const sizes = manifest.icons.map((i: { sizes: string }) => i.sizes);
    expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
    for (const icon of manifest.icons) expect((await fetch(`${server.baseUrl}/driver/${icon.src}`)).status).toBe(200);
    // Strings, not functions: this package's TypeScript has no DOM types. Polled with evaluate, not
    // waitForFunction, which evals its string inside the page, and the page's CSP refuses eval.
    await expect
      .poll(() => page.evaluate('navigator.serviceWorker.controller !== null'), { timeout: 30_000 })
      .toBe(true);
    const sw = await page.evaluate(`navigator.serviceWorker.getRegistration().then((reg) => ({
      scope: reg?.scope, state: reg?.active?.state, manifest: document.querySelector('link[rel=manifest]')?.getAttribute('href') }))`);
    expect(sw).toEqual({
      scope: `${server.baseUrl}/driver/`,
      state: 'activated',
      manifest: '/driver/manifest.webmanifest',
    });
  });

  it('marks two stops delivered offline; back online the server has both, once, in order, with proofs', async () => {
    await context.setOffline(true);
    await page.getByRole('button', { name: 'Start route' }).click();
    await deliverWithProof('Client 1', 'Mme Durand');
    await deliverWithProof('Client 2', 'M. Petit');
    await page.getByText(/waiting to be sent/).waitFor();
    const none = await db.query('SELECT count(*)::int AS n FROM stop_events WHERE route_id = $1', [day.routeId]);
    expect(none.rows[0].n).toBe(0);

    await context.setOffline(false);
    await expect
      .poll(async () => (await db.query('SELECT count(*)::int AS n FROM proof_files')).rows[0].n, { timeout: 30_000 })
      .toBe(4);
    await page.getByText('All sent').waitFor({ timeout: 30_000 });
    const events = await db.query(
      'SELECT id, stop_id, type, recipient_name FROM stop_events WHERE route_id = $1 ORDER BY seq',
      [day.routeId],
    );
    expect(events.rows.map((e) => [e.stop_id, e.type, e.recipient_name])).toEqual([
      [day.stopIds[0], 'started', null],
      [day.stopIds[0], 'delivered', 'Mme Durand'],
      [day.stopIds[1], 'delivered', 'M. Petit'],
    ]);
    const proofs = await db.query(
      `SELECT e.stop_id, p.kind, p.content_type, p.size_bytes FROM proof_files p JOIN stop_events e ON e.id = p.stop_event_id ORDER BY e.seq, p.kind`,
    );
    expect(proofs.rows.map((p) => [p.stop_id, p.kind, p.content_type])).toEqual([
      [day.stopIds[0], 'photo', 'image/jpeg'],
      [day.stopIds[0], 'signature', 'image/png'],
      [day.stopIds[1], 'photo', 'image/jpeg'],
      [day.stopIds[1], 'signature', 'image/png'],
    ]);
    expect(proofs.rows.every((p) => p.size_bytes > 500)).toBe(true);
    const stops = await db.query('SELECT status FROM stops WHERE route_id = $1 ORDER BY seq', [day.routeId]);
    expect(stops.rows.map((s) => s.status)).toEqual(['delivered', 'delivered', 'pending']);
    const positions = await db.query('SELECT count(*)::int AS n FROM positions WHERE driver_id = $1', [day.driverId]);
    expect(positions.rows[0].n).toBeGreaterThanOrEqual(1);
  });

  it('loads offline after the first visit, with the day from the phone', async () => {
    // The day as the server has it now (both deliveries) is what the phone keeps.
    await page.reload();
    await page.getByRole('listitem', { name: 'Client 2' }).getByText('Delivered', { exact: true }).waitFor();
    await context.setOffline(true);
    await page.reload();
    await page.getByRole('heading', { name: 'Today' }).waitFor();
    await page.getByRole('listitem', { name: 'Client 3' }).waitFor();
    await expect
      .poll(() => page.getByRole('listitem', { name: 'Client 1' }).getByText('Delivered', { exact: true }).count())
      .toBe(1);
    await context.setOffline(false);
  });

  it("removes the day's cache that an earlier version's service worker kept on the phone", async () => {
    // What the earlier worker left: the day's API answer, customers' names and addresses in it.
    await page.evaluate(
      `caches.open('driver-day').then((c) => c.put('/api/driver/routes/today', new Response('{"route":null}')))`,
    );
    expect(await page.evaluate(`caches.has('driver-day')`)).toBe(true);
    await page.reload();
    await page.getByRole('listitem', { name: 'Client 3' }).waitFor();
    await expect.poll(() => page.evaluate(`caches.has('driver-day')`)).toBe(false);
  });
});
