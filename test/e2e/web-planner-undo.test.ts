import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, signIn } from '../lib/api-client.ts';
import { saveScreenshot, screenshotFailures } from '../lib/artifacts.ts';
import { launchChromium, signInOnPage } from '../lib/browser.ts';
import { startOnFreshDatabase } from '../lib/e2e-db.ts';
import type { ServerProcess } from '../lib/server-process.ts';

const ADMIN = { email: 'undo@example.com', password: 'e2e-password-undo' };

interface Route {
  id: string;
  vehicleName: string;
  stops: Array<{ id: string; ref: string | null; kind: string; demand: number[] }>;
}

// The planner's day, in Chromium against the real server, solver and PostgreSQL: the unplanned
// orders with the figures behind their reason, moved to another day; several edits undone with
// Ctrl+Z and redone with Ctrl+Shift+Z; the five-week grid; the plan-ready summary; both languages.
describe('dispatcher web app: unplanned orders, undo/redo, calendar grid', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let api: ApiClient;
  let day: string;
  let nextDay: string;

  const routesOf = async (): Promise<Route[]> => (await api.call('GET', `/routes?date=${day}`)).body.routes;
  /** Each route's deliveries in order, by reference: what the dispatcher sees of a day. */
  const layout = async () =>
    Object.fromEntries(
      (await routesOf()).map((r) => [r.id, r.stops.filter((s) => s.kind !== 'break').map((s) => s.ref)]),
    );
  const load = (r: Route) => r.stops.reduce((kg, s) => kg + (s.demand[0] ?? 0), 0);
  const language = (l: 'fr' | 'en') => page.locator('.language-switch select').selectOption(l);
  const refused = () => page.getByRole('alert').filter({ hasText: /This change breaks rules/ });

  /** Moves a stop with the keyboard form; forces it when refused and `force` allows. */
  const moveWithForm = async (stop: { id: string; ref: string | null }, to: Route, position: number) => {
    await page.locator(`[data-stop-id="${stop.id}"] button`).click();
    const form = page.getByRole('form', { name: `Move stop ${stop.ref}` });
    await form.getByLabel('To route').selectOption({ label: to.vehicleName });
    await form.getByLabel('Position').fill(String(position));
    await form.getByRole('button', { name: 'Move' }).click();
  };
  /** Waits for the edit to be saved, forcing it if it broke a rule; says whether it had to. */
  const savedOrForced = async (changed: () => Promise<boolean>) => {
    await expect.poll(async () => (await refused().isVisible()) || (await changed()), { timeout: 15_000 }).toBe(true);
    if (!(await refused().isVisible())) return false;
    await page.getByRole('button', { name: 'Save anyway' }).click();
    await expect.poll(changed, { timeout: 15_000 }).toBe(true);
    return true;
  };

  beforeAll(async () => {
    ({ server } = await startOnFreshDatabase('tournee_e2e_planner_undo', ADMIN, { SEED_DEMO: 'true' }));
    api = await signIn(server.baseUrl, ADMIN.email, ADMIN.password);
    const days = [
      ...new Set((await api.call('GET', '/orders?limit=1000')).body.items.map((o: { dateFrom: string }) => o.dateFrom)),
    ].sort() as string[];
    [day, nextDay] = [days[0]!, days[1]!];
    const imported = await api.call('POST', '/orders/import', [
      // Heavier than the largest demo van (800 kg): no plan can place it.
      { ref: 'OVER-1', name: 'Piano', lat: '45.76', lon: '4.85', date: day, demand_kg: '950' },
      // No demo vehicle has this skill.
      { ref: 'FRIGO-1', name: 'Glaces', lat: '45.75', lon: '4.84', date: day, skills: 'frigo' },
      // Fits a van alone; moved onto a loaded van it breaks the capacity: the forced edit.
      { ref: 'HEAVY-1', name: 'Palette', lat: '45.765', lon: '4.845', date: day, demand_kg: '700' },
    ]);
    expect(imported.status).toBe(200);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1500, height: 1000 }, locale: 'en-GB' });
    await page.goto(server.baseUrl);
    await signInOnPage(page, ADMIN);
    await page.getByRole('link', { name: 'Planner' }).click();
  });

  screenshotFailures('web-planner-undo', () => page);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('plans the day and sums it up: routes, km, hours, orders left out with the figures of why', async () => {
    await page.getByLabel('From', { exact: true }).fill(day);
    await page.getByLabel('To', { exact: true }).fill(day);
    await page.getByLabel('Time limit (s)').fill('3');
    const posted = page.waitForResponse((r) => r.url().endsWith('/api/plans') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Plan', exact: true }).click();
    const { planId } = await (await posted).json();
    const ready = page.getByRole('status', { name: 'Plan ready' });
    await ready.waitFor({ timeout: 60_000 });
    const plan = (await api.call('GET', `/plans/${planId}`)).body;
    const text = await ready.innerText();
    expect(text).toMatch(new RegExp(`Routes\\s+${plan.summary.routes}\\b`));
    expect(text).toMatch(/Distance\s+[\d,.]+\s*km/);
    expect(text).toMatch(new RegExp(`Not planned\\s+${plan.summary.unassigned}\\b`));
    const table = page.getByRole('table', { name: 'Orders this plan could not place' });
    await expect.poll(() => table.innerText()).toMatch(/OVER-1\s+950 kg, largest van 800 kg \(Van \d\)/);
    expect(await table.innerText()).toMatch(/FRIGO-1\s+skill frigo: no vehicle has it/);
    await page.getByRole('status', { name: 'Plan ready' }).scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'planner-plan-ready-en');
  });

  it('lists the day’s unplanned orders with their figures, and moves one to another day', async () => {
    await page.locator(`.calendar-grid [data-date="${day}"]`).click();
    await page.locator('.route-card').first().waitFor();
    const list = page.getByRole('table', { name: 'Not planned this day' });
    await expect.poll(() => list.innerText(), { timeout: 15_000 }).toMatch(/OVER-1\s+Piano.*\s+950 kg, largest van/);
    await list.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'planner-unplanned-en');

    const row = list.locator('tr[data-order-ref="OVER-1"]');
    await row.getByRole('button', { name: 'Move to another day' }).click();
    await row.getByLabel('New day for OVER-1').fill(nextDay);
    await row.getByRole('button', { name: 'Move', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'OVER-1 moved to' }).waitFor();
    const order = (await api.call('GET', '/orders?q=OVER-1&limit=1')).body.items[0];
    expect(order).toMatchObject({ ref: 'OVER-1', dateFrom: nextDay, dateTo: nextDay, status: 'imported' });
    await expect.poll(() => list.locator('tr[data-order-ref="OVER-1"]').count()).toBe(0);
  });

  it('shows five weeks as a 5 × 7 grid with week numbers, weekdays and labelled counts', async () => {
    const grid = page.getByRole('table', { name: 'The next five weeks' });
    await expect.poll(() => grid.locator('tbody tr').count()).toBe(5);
    expect(await grid.locator('tbody tr').first().locator('td').count()).toBe(7);
    expect(await grid.locator('thead th').allInnerTexts()).toEqual([
      'Week',
      ...['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
    ]);
    await expect.poll(() => grid.locator('tbody th').first().innerText()).toMatch(/^Wk \d+$/);
    for (const date of [day, nextDay]) {
      const c = (await api.call('GET', `/planning/calendar?from=${date}&to=${date}`)).body.days[0];
      const cell = grid.locator(`[data-date="${date}"]`);
      await expect.poll(() => cell.innerText()).toContain(`${c.due} due`);
      const text = await cell.innerText();
      expect(text).toContain(`${c.planned} planned`);
      expect(text).toContain(`${c.unplanned} unplanned`);
    }
    // OVER-1 moved: the next day counts it among its unplanned orders.
    const next = (await api.call('GET', `/planning/calendar?from=${nextDay}&to=${nextDay}`)).body.days[0];
    expect(next.unplanned).toBeGreaterThanOrEqual(1);
    await grid.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'planner-calendar-en');
  });

  it('undoes three edits, a forced one among them, with Ctrl+Z, and redoes one with Ctrl+Shift+Z', async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
    const states = [await layout()];
    const routes = (await routesOf()).filter((r) => r.stops.some((s) => s.kind !== 'break'));
    expect(routes.length).toBeGreaterThanOrEqual(2);
    const deliveries = (r: Route) => r.stops.filter((s) => s.kind !== 'break' && s.ref !== 'HEAVY-1');

    // 1. A stop moved to the front of another route.
    const [a, b] = routes as [Route, Route];
    const first = deliveries(a)[0]!;
    await moveWithForm(first, b, 1);
    await savedOrForced(async () => (await layout())[b.id]![0] === first.ref);
    states.push(await layout());

    // 2. A stop taken off its route.
    const second = deliveries(b).find((s) => s.id !== first.id)!;
    await page.locator(`[data-stop-id="${second.id}"] button`).click();
    await page.getByRole('button', { name: 'Take off the route' }).click();
    await savedOrForced(async () => !Object.values(await layout()).some((refs) => refs.includes(second.ref)));
    states.push(await layout());

    // 3. The heavy order onto the most loaded other van: refused for its capacity, then forced.
    const now = await routesOf();
    const heavy = now.flatMap((r) => r.stops).find((s) => s.ref === 'HEAVY-1')!;
    const heavyRoute = now.find((r) => r.stops.some((s) => s.ref === 'HEAVY-1'))!;
    const target = now.filter((r) => r.id !== heavyRoute.id && r.stops.length).sort((x, y) => load(y) - load(x))[0]!;
    expect(load(target) + 700).toBeGreaterThan(800);
    await moveWithForm(heavy, target, 1);
    await refused().waitFor();
    expect(await refused().innerText()).toMatch(/capacity on kg/i);
    expect(await savedOrForced(async () => (await layout())[target.id]![0] === 'HEAVY-1')).toBe(true);
    states.push(await layout());
    await expect.poll(() => page.getByRole('button', { name: /Undo.*\(3\)/ }).count()).toBe(1);
    await saveScreenshot(page, 'planner-day-en');

    // Undo, newest first: each step brings back the routes as they were before it.
    for (const expected of [states[2], states[1], states[0]]) {
      await page.keyboard.press('Control+z');
      await expect.poll(layout, { timeout: 15_000 }).toEqual(expected);
    }
    await expect.poll(() => page.getByRole('button', { name: /Redo.*\(3\)/ }).count()).toBe(1);
    // Redo the first step again.
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(layout, { timeout: 15_000 }).toEqual(states[1]);
    await expect.poll(() => page.getByRole('button', { name: /Undo.*\(1\)/ }).count()).toBe(1);
    await expect.poll(() => page.getByRole('button', { name: /Redo.*\(2\)/ }).count()).toBe(1);
  });

  it('says it all in French: grid, unplanned figures, plan summary, day', async () => {
    await language('fr');
    const grid = page.getByRole('table', { name: 'Les cinq prochaines semaines' });
    await expect.poll(() => grid.locator('thead th').first().innerText()).toBe('Sem.');
    await expect.poll(() => grid.locator('tbody th').first().innerText()).toMatch(/^S\d+$/);
    expect(await grid.locator(`[data-date="${day}"]`).innerText()).toMatch(
      /\d+ à livrer\s+\d+ planifiés?\s+\d+ non planifiées?/,
    );
    await grid.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'planner-calendar-fr');

    const summary = page.getByRole('status', { name: 'Planification prête' });
    await expect.poll(() => summary.innerText()).toMatch(/Distance\s+\d[\d\s]*(,\d+)?\s*km/);
    const plan = page.getByRole('table', { name: 'Commandes que ce plan n’a pas pu placer' });
    await expect.poll(() => plan.innerText()).toMatch(/FRIGO-1\s+compétence frigo : aucun véhicule ne l’a/);
    await summary.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'planner-plan-ready-fr');

    const list = page.getByRole('table', { name: 'Non planifiées ce jour' });
    await expect.poll(() => list.innerText()).toMatch(/FRIGO-1/);
    await list.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'planner-unplanned-fr');
    await page.locator('.day-view').scrollIntoViewIfNeeded();
    await page.evaluate(() => document.querySelector('.day-toolbar')?.scrollIntoView());
    await expect.poll(() => page.getByRole('button', { name: /Rétablir/ }).count()).toBe(1);
    await saveScreenshot(page, 'planner-day-fr');
  });
});
