/**
 * Test and bench support, not imported by the server: a stand-in for OSRM's HTTP API
 * (/table/v1 and /route/v1) whose roads are the straight line at `ROAD_MPS`, far slower than the
 * default straight-line model, so an ETA shows which of the two it used. It records every request.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type LonLatPair, travelDistanceM } from '../../src/travel/travel.ts';

/** OSRM's roads in the stand-in: the straight line at 2 m/s, far slower than the 30 km/h model. */
export const ROAD_MPS = 2;
export const roadS = (a: LonLatPair, b: LonLatPair) => travelDistanceM(a, b, { circuity: 1, speedMps: 1 }) / ROAD_MPS;

/** The stand-in's roads: a leg's duration and distance, and the line drawn through the stops. */
export interface StandInRoads {
  durationS(a: LonLatPair, b: LonLatPair): number;
  distanceM(a: LonLatPair, b: LonLatPair): number;
  line(points: LonLatPair[]): LonLatPair[];
}

/** The straight line at `ROAD_MPS`, drawn through the stops themselves. */
const SLOW_ROADS: StandInRoads = {
  durationS: roadS,
  distanceM: (a, b) => roadS(a, b) * ROAD_MPS,
  line: (points) => points,
};

/**
 * A stand-in for OSRM's HTTP API (/table/v1 and /route/v1) that records every request; its roads
 * are `roads` (by default the straight line at `ROAD_MPS`).
 */
export function osrmStandIn(
  roads: StandInRoads = SLOW_ROADS,
): Promise<{ url: string; requests: string[]; close(): Promise<void> }> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const url = new URL(req.url ?? '/', 'http://x');
    const [, service, , , coordText] = url.pathname.split('/');
    const points = (coordText ?? '').split(';').map((c) => c.split(',').map(Number) as unknown as LonLatPair);
    res.setHeader('content-type', 'application/json');
    if (service === 'table') {
      const src = (url.searchParams.get('sources') ?? '').split(';').map(Number);
      const dst = (url.searchParams.get('destinations') ?? '').split(';').map(Number);
      const durations = src.map((i) => dst.map((j) => roads.durationS(points[i]!, points[j]!)));
      const distances = src.map((i) => dst.map((j) => roads.distanceM(points[i]!, points[j]!)));
      res.end(JSON.stringify({ code: 'Ok', durations, distances }));
    } else if (service === 'route') {
      const coordinates = roads.line(points);
      res.end(JSON.stringify({ code: 'Ok', routes: [{ geometry: { type: 'LineString', coordinates } }] }));
    } else {
      res.statusCode = 400;
      res.end(JSON.stringify({ code: 'InvalidService', message: 'no such service' }));
    }
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        requests,
        close: () =>
          new Promise((r) => {
            server.close(() => r());
            server.closeAllConnections();
          }),
      }),
    ),
  );
}
