/**
 * A small map of the day without tiles: the depot, the stops in order (coloured by status) and
 * the phone's position with its heading, drawn in SVG from their coordinates. It needs no
 * network: the offline fallback of the street map (day-map.tsx); the navigation app does the
 * street-level part.
 */
import { type DriverRoute, isVisit, visitNumbers } from '@tournee/shared';
import { STATUS_COLOUR as COLOUR } from '../map/markers.ts';

const W = 360;
const H = 170;
const PAD = 14;

export function RouteSketch({
  route,
  here,
  heading = null,
  label,
}: {
  route: DriverRoute;
  here: [number, number] | null;
  /** Degrees clockwise from north, or null when unknown. */
  heading?: number | null;
  label: string;
}) {
  const depot = route.depot.location.coordinates as [number, number];
  // Visits get a numbered dot; a reload at the depot is on the line (back to the depot), no dot.
  const stops = route.stops.filter((s) => s.location && isVisit(s.kind));
  const path = route.stops.filter((s) => s.location && s.kind !== 'break');
  const numbers = visitNumbers(route.stops);
  const pts: [number, number][] = [depot, ...stops.map((s) => s.location!.coordinates as [number, number])];
  if (here) pts.push(here);
  // Equirectangular, with longitudes shrunk by cos(latitude) so distances look right.
  const k = Math.cos((pts.reduce((a, p) => a + p[1], 0) / pts.length) * (Math.PI / 180));
  const xs = pts.map((p) => p[0] * k);
  const ys = pts.map((p) => p[1]);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const scale = Math.min((W - 2 * PAD) / (maxX - minX || 1e-3), (H - 2 * PAD) / (maxY - minY || 1e-3));
  const at = ([lon, lat]: [number, number]) =>
    [PAD + (lon * k - minX) * scale, H - PAD - (lat - minY) * scale] as const;
  const line = [depot, ...path.map((s) => s.location!.coordinates as [number, number])]
    .map((p) => at(p).join(','))
    .join(' ');
  const [dx, dy] = at(depot);
  return (
    <svg className="sketch" data-testid="route-sketch" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
      <polyline points={line} fill="none" stroke="#94a3b8" strokeWidth="2" strokeDasharray="4 3" />
      <rect x={dx - 6} y={dy - 6} width="12" height="12" fill="#111" />
      {stops.map((s) => {
        const [x, y] = at(s.location!.coordinates as [number, number]);
        return (
          <g key={s.id}>
            <circle cx={x} cy={y} r="9" fill={COLOUR[s.status] ?? '#155e75'} />
            <text x={x} y={y + 4} textAnchor="middle" fontSize="10" fill="#fff">
              {numbers.get(s.seq) ?? s.seq}
            </text>
          </g>
        );
      })}
      {here && (
        <g className="sketch-van" transform={`translate(${at(here)[0]} ${at(here)[1]})`}>
          {heading !== null && (
            // North is up on the sketch: the arrow turns like a compass needle.
            <path d="M0,-13 L5,-5 L-5,-5 Z" fill="#2563eb" transform={`rotate(${heading})`} />
          )}
          <circle r="6" fill="#2563eb" stroke="#fff" strokeWidth="2" />
        </g>
      )}
    </svg>
  );
}
