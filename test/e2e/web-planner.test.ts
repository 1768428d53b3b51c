import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot, screenshotFailures } from '../lib/artifacts.ts';
import { type ApiClient, signIn } from '../lib/api-client.ts';
import { launchChromium, signInOnPage } from '../lib/browser.ts';
import { startOnFreshDatabase } from '../lib/e2e-db.ts';
import type { ServerProcess } from '../lib/server-process.ts';

const ADMIN = { email: 'planner@example.com', password: 'e2e-password-2' };

interface Route {
  id: string;
  vehicleName: string;
  stops: Array<{
    id: string;
    ref: string | null;
    kind: string;
    demand: number[];
    plannedArrivalAt: string;
    timeWindows: Array<{ start: string; end: string }>;
  }>;
}

// The dispatcher's planning day, in Chromium against the real server, solver and PostgreSQL.
describe('dispatcher web app: planning a day', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let api: ApiClient;
  let day: string;

  const routesOf = async (): Promise<Route[]> => (await api.call('GET', `/routes?date=${day}`)).body.routes;

  /**
   * Drags a stop onto a route's card the way a dispatcher does: onto the place of that card
   * nearest the stop (its header, or one of its stops), with the page scrolled so both are in
   * sight. A synthetic drag does not scroll as it goes, and a drag that starts before a scroll
   * picks up whatever stop the scroll brought under the pointer.
   */
  const dragStop = async (stopId: string, routeId: string) => {
    const target = await page.evaluate(
      ([stopId, routeId]) => {
        const board = document.querySelector('.route-board') as HTMLElement;
        // The whole board in the page (not its own scroll), so that a long route's last stop and
        // another card's header can both be in the window: the page then scrolls to their middle.
        board.style.maxHeight = 'none';
        const source = board.querySelector(`[data-stop-id="${stopId}"]`)!.getBoundingClientRect();
        const card = board.querySelector(`[data-route-id="${routeId}"]`)!;
        const places = [card.querySelector('header')!, ...Array.from(card.querySelectorAll('[data-stop-id]'))];
        const gap = (e: Element) => Math.abs(e.getBoundingClientRect().top - source.top);
        const nearest = places.reduce((a, b) => (gap(b) < gap(a) ? b : a));
        const middle = (nearest.getBoundingClientRect().top + source.top) / 2;
        window.scrollBy(0, middle - window.innerHeight / 2);
        return nearest.tagName === 'HEADER' ? null : nearest.getAttribute('data-stop-id');
      },
      [stopId, routeId],
    );
    const card = page.locator(`[data-route-id="${routeId}"]`);
    await page
      .locator(`[data-stop-id="${stopId}"]`)
      .dragTo(target ? card.locator(`[data-stop-id="${target}"]`) : card.locator('header'));
  };
  const load = (r: Route) => r.stops.reduce((kg, s) => kg + (s.demand[0] ?? 0), 0);

  beforeAll(async () => {
    ({ server } = await startOnFreshDatabase('tournee_e2e_planner', ADMIN, { SEED_DEMO: 'true' }));
    api = await signIn(server.baseUrl, ADMIN.email, ADMIN.password);
    // A heavy order on the demo's first day: moving it onto a loaded van breaks its capacity.
    const first = (await api.call('GET', '/orders?limit=1000')).body.items
      .map((o: { dateFrom: string }) => o.dateFrom)
      .sort()[0];
    day = first;
    const heavy = await api.call('POST', '/orders/import', [
      {
        ref: 'HEAVY-1',
        name: 'Palette',
        lat: '45.76',
        lon: '4.85',
        date: day,
        demand_kg: '700',
        tw_start: '08:00',
        tw_end: '17:00',
      },
      // No demo vehicle has a crane: the plan leaves it out, and says why.
      { ref: 'CRANE-1', name: 'Grue', lat: '45.75', lon: '4.84', date: day, skills: 'crane' },
    ]);
    expect(heavy.status).toBe(200);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1500, height: 1000 }, locale: 'en-GB' });
  });

  screenshotFailures('web-planner', () => page);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('plans the days and draws the routes on the map', async () => {
    await page.goto(server.baseUrl);
    await signInOnPage(page, ADMIN);
    await page.getByRole('link', { name: 'Planner' }).click();
    await page.getByLabel('From', { exact: true }).fill(day);
    await page.getByLabel('Time limit (s)').fill('3');
    await page.getByRole('button', { name: 'Plan', exact: true }).click();
    await page.getByRole('status', { name: 'Plan ready' }).waitFor({ timeout: 60_000 });
    // The reason with its figures first, then the solver's reason in words.
    await expect
      .poll(() => page.getByRole('table', { name: 'Orders this plan could not place' }).innerText())
      .toMatch(/CRANE-1\s+skill crane: no vehicle has it\s+no vehicle working on its days has the skills it needs/);
    await page.locator(`.calendar-grid [data-date="${day}"]`).click();
    await page.locator('.route-card').first().waitFor();
    // Rendered by MapLibre (WebGL through SwiftShader), not just present in the DOM.
    await expect
      .poll(
        () => page.evaluate(() => window.__tourneeMap?.queryRenderedFeatures({ layers: ['routes-line'] }).length ?? 0),
        { timeout: 15_000 },
      )
      .toBeGreaterThan(0);
    await expect
      .poll(() =>
        page.evaluate(() => window.__tourneeMap?.queryRenderedFeatures({ layers: ['stops-circle'] }).length ?? 0),
      )
      .toBeGreaterThan(5);
    // The timeline draws each window of a row once, however many of its stops share it: a band
    // per stop stacked the faint colour into a dark one.
    for (const r of await routesOf()) {
      const windows = new Set(r.stops.flatMap((s) => s.timeWindows.map((w) => `${w.start}-${w.end}`)));
      expect(await page.locator(`.timeline-track[data-route-id="${r.id}"] .window`).count()).toBe(windows.size);
    }
    await saveScreenshot(page, 'planner');
  });

  it('moves a stop to another route and shows the new times', async () => {
    const routes = (await routesOf()).filter((r) => r.stops.some((s) => s.kind !== 'break' && s.ref !== 'HEAVY-1'));
    expect(routes.length).toBeGreaterThanOrEqual(2);
    // Onto a route without the heavy order, so the move is about times, not capacity.
    const b = routes.find((r) => !r.stops.some((s) => s.ref === 'HEAVY-1'))!;
    // From the route next to it in the list, its stop nearest to it: a short drag.
    const index = routes.indexOf(b);
    const a = routes[index + 1] ?? routes[index - 1]!;
    const candidates = a.stops.filter((s) => s.kind !== 'break' && s.ref !== 'HEAVY-1');
    const moving = routes.indexOf(a) < index ? candidates.at(-1)! : candidates[0]!;
    const before = b.stops.length;
    await dragStop(moving.id, b.id);
    const refused = page.getByRole('alert').filter({ hasText: 'This change breaks rules' });
    const saved = page.getByRole('status').filter({ hasText: /^Saved/ });
    await expect
      .poll(async () => (await refused.isVisible()) || (await saved.isVisible()), { timeout: 10_000 })
      .toBe(true);
    if (await refused.isVisible()) await page.getByRole('button', { name: 'Save anyway' }).click();
    await saved.waitFor();
    await expect
      .poll(async () => page.locator(`[data-route-id="${b.id}"] [data-stop-id="${moving.id}"]`).count())
      .toBe(1);
    const after = (await routesOf()).find((r) => r.id === b.id)!;
    expect(after.stops.length).toBe(before + 1);
    expect(after.stops.find((s) => s.id === moving.id)!.plannedArrivalAt).not.toBe(moving.plannedArrivalAt);
  });

  it('moves a stop by dragging its block on the timeline onto another row, where it is dropped in time', async () => {
    const routes = (await routesOf()).filter((r) => r.stops.some((s) => s.kind !== 'break'));
    const [a, b] = [routes[0]!, routes[1]!];
    const moving = a.stops.find((s) => s.kind !== 'break' && s.ref !== 'HEAVY-1')!;
    const track = page.locator(`.timeline-track[data-route-id="${b.id}"]`);
    const box = (await track.boundingBox())!;
    // Dropped at the right end of the row: after every stop of that route.
    await page
      .locator(`[data-timeline-stop="${moving.id}"]`)
      .dragTo(track, { targetPosition: { x: box.width - 2, y: box.height / 2 } });
    const refused = page.getByRole('alert').filter({ hasText: 'This change breaks rules' });
    await expect
      .poll(
        async () =>
          (await refused.isVisible()) || (await routesOf()).find((r) => r.id === b.id)!.stops.length > b.stops.length,
        {
          timeout: 10_000,
        },
      )
      .toBe(true);
    if (await refused.isVisible()) await page.getByRole('button', { name: 'Save anyway' }).click();
    await expect
      .poll(async () => (await routesOf()).find((r) => r.id === b.id)!.stops.at(-1)?.id, { timeout: 10_000 })
      .toBe(moving.id);
    await expect
      .poll(() => page.locator(`.timeline-track[data-route-id="${b.id}"] [data-timeline-stop="${moving.id}"]`).count())
      .toBe(1);
  });

  it('refuses an over-capacity move with the violation, and saves it when forced', async () => {
    const routes = await routesOf();
    const from = routes.find((r) => r.stops.some((s) => s.ref === 'HEAVY-1'))!;
    const heavy = from.stops.find((s) => s.ref === 'HEAVY-1')!;
    const to = routes.filter((r) => r.id !== from.id).sort((x, y) => load(y) - load(x))[0]!;
    expect(load(to) + 700).toBeGreaterThan(800);
    // With the keyboard form: the heavy stop may end a long route, too far from the other card
    // for one drag in the window (dragging is covered above).
    await page.locator(`[data-stop-id="${heavy.id}"] button`).click();
    const form = page.getByRole('form', { name: 'Move stop HEAVY-1' });
    await form.getByLabel('To route').selectOption({ label: to.vehicleName });
    await form.getByLabel('Position').fill('1');
    await form.getByRole('button', { name: 'Move' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'This change breaks rules' });
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/capacity on kg/i);
    await page.getByRole('button', { name: 'Save anyway' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /rules? broken/ })
      .waitFor();
    await expect
      .poll(() => page.locator(`[data-route-id="${to.id}"] .violations`).innerText(), { timeout: 10_000 })
      .toMatch(/capacity on kg/i);
  });

  it('publishes the day', async () => {
    await page.getByRole('button', { name: 'Publish the day' }).click();
    // The confirmation says what will happen; publishing waits for the Publish button.
    await page.getByRole('dialog', { name: 'Publish the day?' }).getByRole('button', { name: 'Publish' }).click();
    await page.getByRole('status').filter({ hasText: 'routes published' }).waitFor();
    const routes = await routesOf();
    expect(
      routes
        .filter((r) => r.stops.length > 0)
        .every((r) => (r as unknown as { status: string }).status === 'published'),
    ).toBe(true);
  });

  it('keeps the open day in the address bar, so a reload opens that day again', async () => {
    // A day that is neither the plan's first nor the default (tomorrow).
    const other = new Date(Date.parse(`${day}T12:00:00Z`) + 3 * 86_400_000).toISOString().slice(0, 10);
    const cell = (d: string) => page.locator(`.calendar-grid [data-date="${d}"]`);
    await cell(other).click();
    await page.reload();
    await expect.poll(() => cell(other).getAttribute('aria-pressed')).toBe('true');
    expect(new URL(page.url()).searchParams.get('day')).toBe(other);
    await cell(day).click();
    await page.reload();
    await expect.poll(() => cell(day).getAttribute('aria-pressed')).toBe('true');
  });

  it('inserts an urgent order into the published day, listing the stops it moved', async () => {
    const urgent = await api.call('POST', '/orders/import', [
      { ref: 'URGENT-1', name: 'Urgence', lat: '45.755', lon: '4.845', date: day, tw_start: '08:00', tw_end: '18:00' },
    ]);
    expect(urgent.status).toBe(200);
    await page.reload();
    await page.locator('.route-card').first().waitFor();
    await page.getByText(/Insert urgent orders/).click();
    await page.getByLabel(/URGENT-1/).check();
    await page.getByRole('button', { name: /^Insert 1 order/ }).click();
    await page.getByRole('status').filter({ hasText: '1 inserted' }).waitFor();
    const routes = await routesOf();
    expect(routes.some((r) => r.stops.some((s) => s.ref === 'URGENT-1'))).toBe(true);
  });

  it('moves a stop with the keyboard form instead of dragging', async () => {
    const routes = (await routesOf()).filter((r) => r.stops.some((s) => s.kind !== 'break'));
    const [a, b] = routes as [Route, Route];
    const stop = a.stops.find((s) => s.kind !== 'break' && s.ref !== 'HEAVY-1')!;
    await page.locator(`[data-stop-id="${stop.id}"] button`).click();
    const form = page.getByRole('form', { name: `Move stop ${stop.ref}` });
    await form.getByLabel('To route').selectOption({ label: b.vehicleName });
    await form.getByLabel('Position').fill('1');
    await form.getByRole('button', { name: 'Move' }).click();
    const refused = page.getByRole('alert').filter({ hasText: 'This change breaks rules' });
    const saved = page.getByRole('status').filter({ hasText: /^Saved/ });
    await expect
      .poll(async () => (await refused.isVisible()) || (await saved.isVisible()), { timeout: 10_000 })
      .toBe(true);
    if (await refused.isVisible()) await page.getByRole('button', { name: 'Save anyway' }).click();
    await expect
      .poll(async () => (await routesOf()).find((r) => r.id === b.id)!.stops[0]!.id, { timeout: 10_000 })
      .toBe(stop.id);
  });

  it('lists the messages the publication wrote to the customers of an order', async () => {
    const order = (await api.call('GET', '/orders?q=DEMO&status=dispatched&limit=1')).body.items[0];
    expect(order).toBeDefined();
    await page.getByRole('link', { name: 'Orders' }).click();
    await page.getByRole('searchbox').fill(order.ref);
    await page
      .getByRole('row', { name: new RegExp(order.ref) })
      .getByRole('link', { name: 'Messages' })
      .click();
    await page.getByRole('heading', { name: 'Messages to customers' }).waitFor();
    const rows = page.locator('table.orders tbody tr');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(2); // SMS and email
    const text = await rows.allInnerTexts();
    expect(text.join('\n')).toContain(order.email);
  });
});
