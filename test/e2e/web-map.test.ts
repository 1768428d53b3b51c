import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot, screenshotFailures } from '../lib/artifacts.ts';
import { type ApiClient, signIn } from '../lib/api-client.ts';
import { launchChromium, signInOnPage } from '../lib/browser.ts';
import { afterEachMapFrame } from '../lib/map-frames.ts';
import { startOnFreshDatabase } from '../lib/e2e-db.ts';
import type { ServerProcess } from '../lib/server-process.ts';

declare global {
  interface Window {
    /** What the map had drawn at its first frame with lines or stops; set by an init script below. */
    __firstDrawn?: { lines: number; stops: number };
  }
}

const ADMIN = { email: 'mapper@example.com', password: 'e2e-password-map' };

/** The parts of MapLibre's map this test reads (window.__tourneeMap). */
interface LiveMap {
  getStyle(): { name?: string };
  queryRenderedFeatures(o: { layers: string[] }): Array<{
    geometry: { coordinates: [number, number] };
    properties: Record<string, unknown>;
  }>;
  project(c: [number, number]): { x: number; y: number };
  getCanvas(): HTMLCanvasElement;
}

// The dispatcher's map with the default style (OpenFreeMap): this machine has no internet, so
// the style cannot load and the offline style must take over with the day still drawn on it.
describe('dispatcher web app: the map of a day', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let api: ApiClient;
  let day: string;

  beforeAll(async () => {
    // MAP_STYLE_URL unset: the default public style, unreachable here.
    ({ server } = await startOnFreshDatabase('tournee_e2e_map', ADMIN, { SEED_DEMO: 'true' }));
    api = await signIn(server.baseUrl, ADMIN.email, ADMIN.password);
    day = (await api.call('GET', '/orders?limit=1000')).body.items
      .map((o: { dateFrom: string }) => o.dateFrom)
      .sort()[0];
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1500, height: 1000 }, locale: 'en-GB' });
  });

  screenshotFailures('web-map', () => page);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('falls back to the offline style and still draws the stops, depot and legend', async () => {
    expect((await api.call('GET', '/client-config')).body.mapStyleUrl).toBe(
      'https://tiles.openfreemap.org/styles/liberty',
    );
    await page.goto(server.baseUrl);
    await signInOnPage(page, ADMIN);
    await page.getByRole('link', { name: 'Planner' }).click();
    await page.getByLabel('From', { exact: true }).fill(day);
    await page.getByLabel('Time limit (s)').fill('2');
    await page.getByRole('button', { name: 'Plan', exact: true }).click();
    await page.getByRole('status', { name: 'Plan ready' }).waitFor({ timeout: 60_000 });
    await page.locator(`.calendar-grid [data-date="${day}"]`).click();
    await page.locator('.route-card').first().waitFor();
    // The remote style fails (or times out after 5 s): the offline style replaces it.
    await expect.poll(() => page.locator('.map').getAttribute('data-map-style'), { timeout: 20_000 }).toBe('offline');
    await expect
      .poll(
        () => page.evaluate(() => (window as unknown as { __tourneeMap?: LiveMap }).__tourneeMap?.getStyle().name),
        { timeout: 20_000 },
      )
      .toBe('tournee-offline');
    await expect
      .poll(
        () => page.evaluate(() => window.__tourneeMap?.queryRenderedFeatures({ layers: ['stops-circle'] }).length ?? 0),
        { timeout: 20_000 },
      )
      .toBeGreaterThan(5);
    await expect.poll(() => page.locator('.depot-marker:not(.legend-depot)').count()).toBeGreaterThan(0);
    const legend = page.getByRole('complementary', { name: 'Legend' });
    await expect.poll(() => legend.isVisible()).toBe(true);
    const text = await legend.innerText();
    for (const word of ['Depot', 'Driver (live)', 'Not planned']) expect(text).toContain(word);
  });

  it('shows a stop’s order, window, planned time and status on a click', async () => {
    const at = await page.evaluate(() => {
      // The five-week grid above is tall: bring the map into the window before clicking on it.
      document.querySelector('.day-grid')?.scrollIntoView({ block: 'start' });
      const map = (window as unknown as { __tourneeMap: LiveMap }).__tourneeMap;
      const f = map.queryRenderedFeatures({ layers: ['stops-circle'] })[0]!;
      const p = map.project(f.geometry.coordinates);
      const box = map.getCanvas().getBoundingClientRect();
      return { x: box.left + p.x, y: box.top + p.y, stopId: f.properties.stopId as string };
    });
    await page.mouse.click(at.x, at.y);
    const popup = page.locator('.stop-popup');
    await popup.waitFor();
    const text = await popup.innerText();
    for (const label of ['Order', 'Window', 'Planned service', 'Status']) expect(text).toContain(label);
    const routes = (await api.call('GET', `/routes?date=${day}`)).body.routes as Array<{
      stops: Array<{ id: string; ref: string | null }>;
    }>;
    const clicked = routes.flatMap((r) => r.stops).find((s) => s.id === at.stopId);
    expect(text).toContain(clicked?.ref ?? '?');
    expect(text).toMatch(/to do|delivered|arrived|failed|skipped/);
    expect(text).toMatch(/\d\d:\d\d/);
    await saveScreenshot(page, 'planner-map');
  });
  it('asks for the open day without waiting for the depots, and only once', async () => {
    const asked: string[] = [];
    const onRequest = (req: Request) => {
      const url = new URL(req.url());
      if (url.pathname.startsWith('/api/')) asked.push(url.pathname.slice(4) + url.search);
    };
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    page.on('request', onRequest);
    // The depots answer only once the test lets them: the day's requests must not wait for them.
    await page.route(
      '**/api/depots',
      async (route) => {
        await held;
        await route.continue();
      },
      { times: 1 },
    );
    const dayAsks = () => asked.filter((u) => u.includes(`date=${day}`) || u.includes(`from=${day}`));
    try {
      await page.goto(`${server.baseUrl}/planner?day=${day}`);
      await expect.poll(() => dayAsks().length, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
      expect(asked).toContain(`/routes?date=${day}`);
      expect(asked).toContain(`/planning/unplanned?date=${day}`);
      expect(asked.filter((u) => u.startsWith('/depots')).length).toBe(1);
    } finally {
      release();
    }
    await page.locator('.route-card').first().waitFor();
    await expect
      .poll(() =>
        page.evaluate(() => window.__tourneeMap?.queryRenderedFeatures({ layers: ['stops-circle'] }).length ?? 0),
      )
      .toBeGreaterThan(5);
    page.off('request', onRequest);
    // Started early and taken by the day once it shows: not asked a second time.
    expect(asked.filter((u) => u.startsWith(`/routes?date=${day}`))).toHaveLength(1);
  });

  it('opens the map on the day once its routes are in, fitted on all their stops', async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    // The day's routes answer only once the test lets them: until then the map's box is there,
    // busy, and no map is drawn (an empty map first redraws once per source and per fit).
    await page.route(
      `**/api/routes?date=${day}`,
      async (route) => {
        await held;
        await route.continue();
      },
      { times: 1 },
    );
    const box = page.getByRole('region', { name: 'Map of the day' });
    try {
      await page.goto(`${server.baseUrl}/planner?day=${day}`);
      await expect.poll(() => box.getAttribute('aria-busy'), { timeout: 10_000 }).toBe('true');
      expect(await page.evaluate(() => window.__tourneeMap === undefined)).toBe(true);
    } finally {
      release();
    }
    await expect
      .poll(() =>
        page.evaluate(() => window.__tourneeMap?.queryRenderedFeatures({ layers: ['stops-circle'] }).length ?? 0),
      )
      .toBeGreaterThan(5);
    expect(await box.getAttribute('aria-busy')).toBe('false');
    const routes = (await api.call('GET', `/routes?date=${day}`)).body.routes as Array<{
      stops: Array<{ location: { coordinates: [number, number] } | null }>;
    }>;
    const stops = routes.flatMap((r) => r.stops.flatMap((s) => (s.location ? [s.location.coordinates] : [])));
    expect(stops.length).toBeGreaterThan(5);
    const outside = await page.evaluate(
      (points) => points.filter((p) => !window.__tourneeMap!.getBounds().contains(p)),
      stops,
    );
    expect(outside).toEqual([]);
  });

  it('draws the day’s route lines and their stops in the same frame, never lines alone', async () => {
    // What the map had drawn at its first frame with either.
    await page.addInitScript(
      afterEachMapFrame(`(m) => {
        if (!m.getLayer('routes-line')) return false;
        const lines = m.queryRenderedFeatures({ layers: ['routes-line'] }).length;
        const stops = m.queryRenderedFeatures({ layers: ['stops-circle'] }).length;
        if (lines + stops === 0) return false;
        window.__firstDrawn = { lines, stops };
        return true;
      }`),
    );
    await page.goto(`${server.baseUrl}/planner?day=${day}`);
    const first = () => page.evaluate(() => window.__firstDrawn);
    await expect.poll(first, { timeout: 15_000 }).toBeDefined();
    const drawn = (await first())!;
    expect(drawn.lines).toBeGreaterThan(0);
    expect(drawn.stops).toBeGreaterThan(5);
  });

  it('speaks French in the legend and the popup once the dispatcher switches language', async () => {
    await page.getByLabel('Language').selectOption('fr');
    const legend = page.getByRole('complementary', { name: 'Légende' });
    await expect.poll(() => legend.innerText()).toContain('Dépôt');
    expect(await legend.innerText()).toContain('Non planifiée');
    const at = await page.evaluate(() => {
      // The five-week grid above is tall: bring the map into the window before clicking on it.
      document.querySelector('.day-grid')?.scrollIntoView({ block: 'start' });
      const map = (window as unknown as { __tourneeMap: LiveMap }).__tourneeMap;
      const f = map.queryRenderedFeatures({ layers: ['stops-circle'] }).at(-1)!;
      const p = map.project(f.geometry.coordinates);
      const box = map.getCanvas().getBoundingClientRect();
      return { x: box.left + p.x, y: box.top + p.y };
    });
    await page.mouse.click(at.x, at.y);
    const popup = page.locator('.stop-popup');
    await expect.poll(() => popup.innerText()).toContain('Service prévu');
    const text = await popup.innerText();
    for (const label of ['Commande', 'Créneau', 'Statut']) expect(text).toContain(label);
    expect(text).toMatch(/à faire|livrée|arrivé|échec|passée/);
    await saveScreenshot(page, 'planner-map-fr');
  });
});
