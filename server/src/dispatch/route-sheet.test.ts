import { describe, expect, it } from 'vitest';
import type { RouteRecord, StopRecord } from '../lifecycle/route-repo.ts';
import { navigationLinks, routeSheetCsv, routeSheetHtml, type SheetOptions, sheetsOfDay } from './route-sheet.ts';
import { sheetLanguage } from './route-sheet-text.ts';

const stop = (seq: number, over: Partial<StopRecord> = {}): StopRecord => ({
  id: `s${seq}`,
  routeId: 'r1',
  seq,
  kind: 'delivery',
  orderId: `o${seq}`,
  breakIndex: null,
  ref: `R-${seq}`,
  name: 'Zoé Ménard',
  address: '1 rue "Mercière", Lyon',
  phone: '+33612345678',
  notes: '=HYPERLINK("x")',
  location: { type: 'Point', coordinates: [4.83 + seq / 100, 45.76] },
  demand: [12.5, 1],
  serviceS: 300,
  plannedArrivalAt: '2027-01-05T08:00:00.000Z',
  waitingS: 0,
  plannedDepartureAt: '2027-01-05T08:05:00.000Z',
  actualArrivalAt: null,
  actualDepartureAt: null,
  etaAt: null,
  locked: false,
  status: 'pending',
  violations: [],
  dateFrom: null,
  dateTo: null,
  timeWindows: [],
  skills: [],
  ...over,
});

function route(n: number): RouteRecord {
  const stops = Array.from({ length: n }, (_, i) => stop(i + 1));
  return {
    id: 'r1',
    planId: null,
    shiftId: null,
    vehicleId: 'v',
    vehicleName: 'Van <1>',
    driverId: 'd',
    driverName: 'Karim',
    depotId: 'dep',
    localDate: '2027-01-05',
    status: 'published',
    locked: false,
    version: 2,
    startAt: '2027-01-05T07:00:00.000Z',
    endAt: '2027-01-05T16:00:00.000Z',
    distanceM: 42_000,
    durationS: 30_000,
    geometry: {
      type: 'LineString',
      coordinates: [[4.83, 45.73], ...stops.map((s) => s.location!.coordinates), [4.83, 45.73]],
    },
    violations: [],
    stops,
  };
}

describe('route sheets', () => {
  it('writes one CSV line per stop with local times, demand per dimension and a navigation link', () => {
    const csv = routeSheetCsv([route(2)], 'Europe/Paris', ['kg', 'parcels']).split('\r\n');
    expect(csv[0]).toBe(
      'route,vehicle,seq,kind,ref,name,address,phone,arrival,service_start,departure,waiting_min,time_windows,notes,demand_kg,demand_parcels,navigation',
    );
    expect(csv[1]).toContain(',09:00,09:00,09:05,0,,'); // 08:00 UTC is 09:00 in Paris in January
    expect(csv[1]).toContain('"1 rue ""Mercière"", Lyon"');
    expect(csv[1]).toContain(',+33612345678,');
    expect(csv[1]).toContain(`"'=HYPERLINK(""x"")"`); // a formula is neutralised
    expect(csv[1]).toContain(
      ',12.5,1,"https://www.google.com/maps/dir/?api=1&destination=45.76,4.84&travelmode=driving"',
    );
  });

  it('splits a long route into navigation links of at most 9 waypoints', () => {
    const links = navigationLinks(route(20));
    expect(links.length).toBe(3);
    for (const l of links)
      expect(new URL(l).searchParams.get('waypoints')?.split('|').length ?? 0).toBeLessThanOrEqual(9);
    expect(new URL(links[0]!).searchParams.get('origin')).toBe('45.73,4.83');
    expect(new URL(links[2]!).searchParams.get('destination')).toBe('45.73,4.83');
  });

  const opts = (over: Partial<SheetOptions> = {}): SheetOptions => ({
    zone: 'Europe/Paris',
    dimensions: ['kg', 'parcels'],
    lang: 'en',
    phoneCountry: 'FR',
    title: 'Karim — 2027-01-05',
    localDate: '2027-01-05',
    ...over,
  });

  it('prints an escaped page with the stops in order', () => {
    const html = routeSheetHtml(sheetsOfDay([route(2)]), opts());
    expect(html).toContain('Van &lt;1&gt;');
    expect(html.indexOf('R-1')).toBeLessThan(html.indexOf('R-2'));
    expect(html).toContain('href="tel:+33612345678"');
    expect(html).toContain('06&nbsp;12&nbsp;34&nbsp;56&nbsp;78'); // the organisation's own numbers, nationally
    expect(html).toContain('Open the route in Google Maps');
  });

  it('prints one page per driver, drivers by name, routes without a driver last', () => {
    const karim = route(2);
    const anna = { ...route(1), id: 'r2', driverId: 'd2', driverName: 'Anna' };
    const nobody = { ...route(1), id: 'r3', driverId: null, driverName: null };
    const sheets = sheetsOfDay([karim, nobody, anna]);
    expect(sheets.map((s) => s.driverName)).toEqual(['Anna', 'Karim', null]);
    const html = routeSheetHtml(sheets, opts({ lang: 'fr', printScript: '/api/route-sheets/print.js' }));
    expect(html.match(/<section class="sheet"/g)?.length).toBe(3);
    expect(html).toContain('.sheet{break-after:page;page-break-after:always}');
    expect(html).toContain('<button type="button" id="print">Imprimer</button>');
    expect(html).toContain('Sans chauffeur — mardi 5 janvier 2027');
  });

  it('speaks French: statuses, columns, dimensions, numbers and dates', () => {
    const r = route(2);
    r.stops[1]!.status = 'delivered';
    r.stops.push(stop(3, { kind: 'break', orderId: null, ref: null, name: null, location: null, demand: [] }));
    const html = routeSheetHtml(sheetsOfDay([r]), opts({ lang: 'fr' }));
    // What a reader sees: no markup, no styles.
    const text = html.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, ' ');
    for (const word of [
      'À faire',
      'Livré',
      'Pause',
      'Chargement',
      'Ouvrir la tournée',
      '12,5 kg, 1 colis',
      '42,0 km',
      'mardi 5 janvier 2027',
    ])
      expect(text).toContain(word);
    for (const word of ['To do', 'Delivered', 'pending', 'delivered', 'Break', 'parcels', 'Open the route', 'window'])
      expect(text).not.toContain(word);
  });

  it('labels the two stops of a pickup and delivery order, in English and French', () => {
    const r = route(3);
    // Stop 1 collects order o3's goods at a warehouse; stop 3 delivers them; stop 2 is a plain delivery.
    r.stops[0] = stop(1, {
      kind: 'pickup',
      orderId: 'o3',
      ref: 'R-3',
      address: 'Entrepôt Part-Dieu',
      status: 'delivered',
    });
    const rows = (lang: 'en' | 'fr') =>
      routeSheetHtml(sheetsOfDay([r]), opts({ lang }))
        .split('<tr class="stop')
        .slice(1)
        .map((row) => row.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' '));
    const en = rows('en');
    expect(en[0]).toContain('R-3 Zoé Ménard Pickup');
    expect(en[0]).toContain('Entrepôt Part-Dieu');
    expect(en[0]).toContain('Picked up');
    expect(en[1]).not.toMatch(/Pickup|Delivery /);
    expect(en[2]).toContain('R-3 Zoé Ménard Delivery');
    const fr = rows('fr');
    expect(fr[0]).toContain('Enlèvement');
    expect(fr[0]).toContain('Enlevé');
    expect(fr[2]).toContain('Livraison');
  });

  it('writes m³ and lists several windows with commas', () => {
    const r = route(1);
    r.stops[0]!.demand = [0.25];
    r.stops[0]!.timeWindows = [
      { start: '08:00', end: '10:00' },
      { start: '15:00', end: '17:00' },
    ];
    const html = routeSheetHtml(sheetsOfDay([r]), opts({ lang: 'fr', dimensions: ['m3'] }));
    expect(html).toContain('0,25 m³');
    expect(html).toContain('08:00–10:00, 15:00–17:00');
  });

  it("chooses the asked language, else the organisation's", () => {
    expect(sheetLanguage('en', 'fr')).toBe('en');
    expect(sheetLanguage(undefined, 'en-GB')).toBe('en');
    expect(sheetLanguage(undefined, 'fr')).toBe('fr');
  });

  it('shows the service start of a stop the driver reaches before its window opens (12:09 for 13:00–16:00 → 13:00)', () => {
    const early = stop(1, {
      timeWindows: [{ start: '13:00', end: '16:00' }],
      plannedArrivalAt: '2027-01-05T11:09:00.000Z',
      waitingS: 51 * 60,
      plannedDepartureAt: '2027-01-05T12:05:00.000Z',
    });
    const r = { ...route(1), stops: [early] };
    const csv = routeSheetCsv([r], 'Europe/Paris', ['kg']).split('\r\n');
    expect(csv[1]).toContain(',12:09,13:00,13:05,51,13:00–16:00,');
    const html = routeSheetHtml(sheetsOfDay([r]), opts({ dimensions: ['kg'] }));
    expect(html).toContain(
      '<td class="seq">1</td><td>13:00–13:05<br><small>arrive 12:09, wait</small><br><small>window 13:00–16:00</small>',
    );
  });
});
