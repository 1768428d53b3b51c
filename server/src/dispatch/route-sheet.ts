/**
 * Route sheets (pure): the routes of one day as CSV, or as a printable HTML page — one page per
 * driver (CSS page breaks) — with stops in order, times, address, phone, notes, demand and
 * status, plus links that open the route (and each stop) in a navigation app, in French or
 * English (route-sheet-text.ts). Times are shown on the depot zone's wall clock; a stop's time is
 * its service start (shared/src/stop-times.ts: never before the customer's window opens), the
 * time the planner, the driver app and the customer's messages show, with the arrival beside it
 * when the driver waits.
 */
import { isVisit, phoneDisplay, type SheetLanguage, serviceStartIso, utcToLocal, visitNumbers } from '@tournee/shared';
import type { RouteRecord } from '../lifecycle/route-repo.ts';
import { longDate, num, SHEET_TEXT, type SheetText } from './route-sheet-text.ts';

/** Google Maps takes at most this many waypoints in a directions link. */
const MAX_WAYPOINTS = 9;

const ll = (c: readonly number[]) => `${c[1]},${c[0]}`;

/**
 * Directions links through the route's stops (depot → stops → depot), split in legs of at most
 * 9 waypoints because navigation apps refuse longer links.
 */
export function navigationLinks(route: RouteRecord): string[] {
  const coords = route.geometry?.coordinates ?? [];
  const links: string[] = [];
  for (let i = 0; i < coords.length - 1; i += MAX_WAYPOINTS + 1) {
    const leg = coords.slice(i, i + MAX_WAYPOINTS + 2);
    const origin = leg[0]!;
    const destination = leg[leg.length - 1]!;
    const waypoints = leg.slice(1, -1).map(ll).join('|');
    const q = new URLSearchParams({
      api: '1',
      origin: ll(origin),
      destination: ll(destination),
      travelmode: 'driving',
    });
    if (waypoints) q.set('waypoints', waypoints);
    links.push(`https://www.google.com/maps/dir/?${q.toString()}`);
  }
  return links;
}

const stopLink = (c: readonly number[]) =>
  `https://www.google.com/maps/dir/?api=1&destination=${ll(c)}&travelmode=driving`;
const hhmm = (iso: string | null, zone: string) => (iso ? utcToLocal(new Date(iso), zone).localTime : '');

type Stop = RouteRecord['stops'][number];
const serviceStart = (r: RouteRecord, s: Stop, zone: string) =>
  serviceStartIso({ ...s, localDate: r.localDate, timeZone: zone });
const windowsText = (s: Stop) => s.timeWindows.map((w) => `${w.start}–${w.end}`).join(' ');

const csvCell = (v: string | number) => {
  const s = String(v);
  // A leading = + - @ would run as a formula in a spreadsheet (a phone number +336… is only a number).
  const safe = /^[=+\-@]/.test(s) && !/^[+-]?[\d\s().]+$/.test(s) ? `'${s}` : s;
  return /[",\n\r;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** One line per stop (breaks included), in route order. */
export function routeSheetCsv(routes: RouteRecord[], zone: string, dimensions: readonly string[]): string {
  const header = [
    'route',
    'vehicle',
    'seq',
    'kind',
    'ref',
    'name',
    'address',
    'phone',
    'arrival',
    'service_start',
    'departure',
    'waiting_min',
    'time_windows',
    'notes',
    ...dimensions.map((d) => `demand_${d}`),
    'navigation',
  ];
  const lines = [header.join(',')];
  for (const r of routes) {
    for (const s of r.stops) {
      lines.push(
        [
          r.id,
          r.vehicleName,
          s.seq,
          s.kind,
          s.ref ?? '',
          s.name ?? '',
          s.address ?? '',
          s.phone ?? '',
          hhmm(s.plannedArrivalAt, zone),
          hhmm(serviceStart(r, s, zone), zone),
          hhmm(s.plannedDepartureAt, zone),
          Math.round(s.waitingS / 60),
          windowsText(s),
          s.notes ?? '',
          ...dimensions.map((_, d) => (isVisit(s.kind) ? (s.demand[d] ?? 0) : '')),
          s.location ? stopLink(s.location.coordinates) : '',
        ]
          .map(csvCell)
          .join(','),
      );
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** One printed page: a driver's routes of the day (a route without a driver gets its own page). */
export interface DriverSheet {
  driverId: string | null;
  driverName: string | null;
  routes: RouteRecord[];
}

/** The day's routes grouped by driver, drivers by name; routes without a driver last, one page each. */
export function sheetsOfDay(routes: readonly RouteRecord[]): DriverSheet[] {
  const byDriver = new Map<string, DriverSheet>();
  const driverless: DriverSheet[] = [];
  for (const r of routes) {
    if (!r.driverId) {
      driverless.push({ driverId: null, driverName: null, routes: [r] });
      continue;
    }
    const sheet = byDriver.get(r.driverId) ?? { driverId: r.driverId, driverName: r.driverName, routes: [] };
    sheet.routes.push(r);
    byDriver.set(r.driverId, sheet);
  }
  const named = [...byDriver.values()].sort((a, b) => (a.driverName ?? '').localeCompare(b.driverName ?? ''));
  for (const s of named) s.routes.sort((a, b) => (a.startAt ?? '').localeCompare(b.startAt ?? ''));
  return [...named, ...driverless];
}

export interface SheetOptions {
  zone: string;
  dimensions: readonly string[];
  lang: SheetLanguage;
  /** The organisation's country: its numbers are printed nationally (06 12 34 56 78). */
  phoneCountry: string;
  /** The page's title (the browser tab, the top of the first page). */
  title: string;
  /** The day printed. */
  localDate: string;
  /** The print button's script (the CSP allows no inline script); none: no button. */
  printScript?: string;
}

function stopRow(r: RouteRecord, s: Stop, o: SheetOptions, t: SheetText): string {
  const { zone, lang } = o;
  if (s.kind === 'break') {
    return `<tr class="break"><td>☕</td><td>${hhmm(s.plannedArrivalAt, zone)}–${hhmm(s.plannedDepartureAt, zone)}</td><td colspan="6">${t.breakLabel}</td></tr>`;
  }
  // Back at the depot to load the next trip: its own row, like a break, not a customer.
  if (s.kind === 'reload') {
    return `<tr class="reload"><td>↻</td><td>${hhmm(s.plannedArrivalAt, zone)}–${hhmm(s.plannedDepartureAt, zone)}</td><td colspan="6">${t.reloadLabel}${s.address ? ` · ${esc(s.address)}` : ''}</td></tr>`;
  }
  const demand = o.dimensions
    .map((d, i) => (s.demand[i] ? `${num(s.demand[i]!, lang, 2)} ${esc(t.dimension[d] ?? d)}` : ''))
    .filter(Boolean)
    .join(', ');
  const nav = s.location ? ` <a class="nav" href="${esc(stopLink(s.location.coordinates))}">${t.navigate}</a>` : '';
  const start = serviceStart(r, s, zone);
  // The driver may be there earlier and wait: the arrival is shown beside the service start.
  const early = start && s.plannedArrivalAt && hhmm(start, zone) !== hhmm(s.plannedArrivalAt, zone);
  // Several windows read as a list on paper ("08:00–10:00, 15:00–17:00"); the CSV keeps its own format.
  const slot = `<br><small>${t.window} ${s.timeWindows.length ? esc(windowsText(s).replaceAll(' ', ', ')) : t.anyTime}</small>`;
  const arrived = early ? `<br><small>${t.arriveWait(hhmm(s.plannedArrivalAt, zone))}</small>` : '';
  const phone = s.phone
    ? `<a href="tel:${esc(s.phone)}">${esc(phoneDisplay(s.phone, o.phoneCountry)).replace(/ /g, '&nbsp;')}</a>`
    : '';
  // The two stops of a pickup and delivery order say which is which; other stops are deliveries.
  const paired = s.kind === 'pickup' || r.stops.some((x) => x.kind === 'pickup' && x.orderId === s.orderId);
  const kind = paired
    ? `<br><small class="kind ${s.kind}">${t.kind[s.kind === 'pickup' ? 'pickup' : 'delivery']}</small>`
    : '';
  const status = s.kind === 'pickup' && s.status === 'delivered' ? t.pickedUp : t.status[s.status];
  return `<tr class="stop ${s.status}"><td class="seq">${visitNumbers(r.stops).get(s.seq) ?? '☕'}</td><td>${hhmm(start, zone)}–${hhmm(s.plannedDepartureAt, zone)}${arrived}${slot}</td>
<td><strong>${esc(s.ref ?? '')}</strong> ${esc(s.name ?? '')}${kind}</td><td>${esc(s.address ?? '')}${nav}</td>
<td>${phone}</td><td>${esc(demand)}</td><td>${esc(s.notes ?? '')}</td><td class="status">${status}</td></tr>`;
}

function routeBlock(r: RouteRecord, o: SheetOptions, t: SheetText): string {
  const links = navigationLinks(r).map(
    (l, i, all) => `<a href="${esc(l)}">${t.openRoute}${all.length > 1 ? t.part(i + 1, all.length) : ''}</a>`,
  );
  const visits = r.stops.filter((s) => isVisit(s.kind)).length;
  const heading = t.heading(
    esc(r.vehicleName),
    hhmm(r.startAt, o.zone),
    hhmm(r.endAt, o.zone),
    num(r.distanceM / 1000, o.lang, 1, 1),
  );
  const c = t.cols;
  return `<h3>${heading} · ${t.stopsCount(visits)}</h3>
${links.length ? `<p class="nav">${links.join(' · ')}</p>` : ''}
<table><thead><tr><th>${c.seq}</th><th>${c.time}</th><th>${c.customer}</th><th>${c.address}</th><th>${c.phone}</th><th>${c.demand}</th><th>${c.notes}</th><th>${c.status}</th></tr></thead>
<tbody>${r.stops.map((s) => stopRow(r, s, o, t)).join('\n')}</tbody></table>`;
}

/**
 * A self-contained printable page: one section per driver, each starting on a new printed page.
 * No inline script: the print button is wired by `printScript` (a file the CSP allows).
 */
export function routeSheetHtml(sheets: readonly DriverSheet[], o: SheetOptions): string {
  const t = SHEET_TEXT[o.lang];
  const day = longDate(o.localDate, o.lang);
  const sections = sheets.map(
    (sh) => `<section class="sheet" data-driver-id="${esc(sh.driverId ?? '')}">
<h2>${esc(sh.driverName ?? t.driverless)} — ${esc(day)}</h2>
${sh.routes.map((r) => routeBlock(r, o, t)).join('\n')}
<p class="sign">${t.signature} ______________________</p>
</section>`,
  );
  const button = o.printScript
    ? `<p class="no-print"><button type="button" id="print">${t.print}</button></p><script src="${esc(o.printScript)}" defer></script>`
    : '';
  return `<!doctype html><html lang="${o.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(o.title)}</title>
<style>body{font:12px system-ui,sans-serif;margin:1.5em;color:#111}h1{font-size:18px;margin:0 0 .5em}h2{font-size:16px;margin:.2em 0}h3{font-size:13px;margin:1em 0 .3em}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:4px;vertical-align:top;text-align:left}th{background:#f1f5f9}
td.seq{font-weight:700;text-align:center}tr.break td,tr.reload td{background:#eee;font-style:italic}small{color:#444}
.sheet{break-after:page;page-break-after:always}.sheet:last-child{break-after:auto;page-break-after:auto}.sign{margin-top:2em}
#print{font:inherit;font-size:14px;padding:.5em 1.2em;border-radius:6px;border:1px solid #155e75;background:#155e75;color:#fff;cursor:pointer}
@page{margin:12mm}@media print{.no-print,.nav{display:none}body{margin:0}}</style></head>
<body>${button}${sheets.length > 1 ? `<h1 class="no-print">${esc(o.title)}</h1>` : ''}${sections.join('\n') || `<p>${t.noRoutes}</p>`}</body></html>`;
}
