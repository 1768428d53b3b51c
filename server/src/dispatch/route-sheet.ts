/**
 * Route sheets (pure): a driver's routes of one day as CSV, or as a printable HTML page with
 * stops in order, times, address, phone, notes and demand, plus links that open the route (and
 * each stop) in a navigation app. Times are shown on the depot zone's wall clock; a stop's time is
 * its service start (shared/src/stop-times.ts: never before the customer's window opens), the
 * time the planner, the driver app and the customer's messages show, with the arrival beside it
 * when the driver waits.
 */
import { serviceStartIso, utcToLocal } from '@tournee/shared';
import type { RouteRecord } from '../lifecycle/route-repo.ts';

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
          ...dimensions.map((_, d) => (s.kind === 'break' ? '' : (s.demand[d] ?? 0))),
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

/** A self-contained printable page (no script, inline styles). */
export function routeSheetHtml(
  routes: RouteRecord[],
  zone: string,
  dimensions: readonly string[],
  title: string,
): string {
  const sections = routes.map((r) => {
    const rows = r.stops.map((s) => {
      if (s.kind === 'break') {
        return `<tr class="break"><td>${s.seq}</td><td>${hhmm(s.plannedArrivalAt, zone)}–${hhmm(s.plannedDepartureAt, zone)}</td><td colspan="5">Break</td></tr>`;
      }
      const demand = dimensions.map((d, i) => `${s.demand[i] ?? 0} ${esc(d)}`).join(', ');
      const nav = s.location ? ` <a href="${esc(stopLink(s.location.coordinates))}">navigate</a>` : '';
      const start = serviceStart(r, s, zone);
      // The driver may be there earlier and wait: the arrival is shown beside the service start.
      const early = start && s.plannedArrivalAt && hhmm(start, zone) !== hhmm(s.plannedArrivalAt, zone);
      const slot = s.timeWindows.length ? `<br><small>window ${esc(windowsText(s))}</small>` : '';
      const arrived = early ? `<br><small>arrive ${hhmm(s.plannedArrivalAt, zone)}, wait</small>` : '';
      return `<tr><td>${s.seq}</td><td>${hhmm(start, zone)}–${hhmm(s.plannedDepartureAt, zone)}${arrived}${slot}</td>
<td><strong>${esc(s.ref ?? '')}</strong> ${esc(s.name ?? '')}</td><td>${esc(s.address ?? '')}${nav}</td>
<td>${s.phone ? `<a href="tel:${esc(s.phone)}">${esc(s.phone)}</a>` : ''}</td><td>${esc(demand)}</td><td>${esc(s.notes ?? '')}</td></tr>`;
    });
    const links = navigationLinks(r).map(
      (l, i, all) =>
        `<a href="${esc(l)}">Open the route in Google Maps${all.length > 1 ? ` (part ${i + 1}/${all.length})` : ''}</a>`,
    );
    return `<section><h2>${esc(r.vehicleName)} — ${esc(r.localDate)} — ${hhmm(r.startAt, zone)} to ${hhmm(r.endAt, zone)}, ${(r.distanceM / 1000).toFixed(1)} km</h2>
<p class="nav">${links.join(' · ')}</p>
<table><thead><tr><th>#</th><th>Time</th><th>Customer</th><th>Address</th><th>Phone</th><th>Demand</th><th>Notes</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table></section>`;
  });
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{font:12px system-ui,sans-serif;margin:1.5em}table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:4px;vertical-align:top;text-align:left}
tr.break td{background:#eee;font-style:italic}section{page-break-after:always}@media print{.nav{display:none}}</style></head>
<body><h1>${esc(title)}</h1>${sections.join('\n') || '<p>No route for this driver on this day.</p>'}</body></html>`;
}
