import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PlanningTestApp, startPlanningApp } from '../../test/support/planning-app.ts';
import { resetSeedCache, type SeededDay, seedDriverDay } from '../../test/support/seeded-driver-day.ts';

describe('GET /api/route-sheets', () => {
  let t: PlanningTestApp;
  let anna: SeededDay;

  beforeAll(async () => {
    t = await startPlanningApp();
    resetSeedCache();
    anna = await seedDriverDay(t.db, t.org.id, { name: 'Anna', stops: 2 });
    await seedDriverDay(t.db, t.org.id, { name: 'Bruno', stops: 3 });
  });
  afterAll(() => t.close());

  it("prints the whole day, one page per driver, in the organisation's language", async () => {
    const r = await t.call('GET', `/route-sheets?date=${anna.localDate}`);
    expect(r.status).toBe(200);
    const html = String(r.body);
    expect(html.match(/<section class="sheet"/g)?.length).toBe(2);
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('Feuilles de route');
    expect(html.indexOf('<h2>Anna')).toBeLessThan(html.indexOf('<h2>Bruno'));
    expect(html).toContain('<script src="/api/route-sheets/print.js" defer></script>');
  });

  it('prints in English with ?lang=en and refuses another language, naming the parameter', async () => {
    const en = await t.call('GET', `/route-sheets?date=${anna.localDate}&lang=en`);
    expect(String(en.body)).toContain('Route sheets');
    const bad = await t.call('GET', `/route-sheets?date=${anna.localDate}&lang=de`);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('lang');
  });

  it('gives the whole day as CSV, one line per stop', async () => {
    const res = await fetch(`${t.baseUrl}/api/route-sheets?date=${anna.localDate}&format=csv`, {
      headers: { authorization: `Bearer ${t.org.users.dispatcher.token}` },
    });
    expect((await res.text()).trim().split('\r\n').length).toBe(1 + 2 + 3);
  });

  it("keeps the whole day from drivers, and serves the print button's script", async () => {
    expect((await t.call('GET', `/route-sheets?date=${anna.localDate}`, undefined, 'driver')).status).toBe(403);
    const js = await fetch(`${t.baseUrl}/api/route-sheets/print.js`);
    expect(js.headers.get('content-type')).toContain('javascript');
    expect(await js.text()).toContain('window.print()');
  });
});
