/**
 * OSRM as the road network, when OSRM_URL is set: durations and distances from its table
 * service, requested in blocks small enough for OSRM's default `max-table-size` (100), and kept
 * in a bounded cache of point pairs so re-plans and edits of the same area ask again rarely;
 * route lines from its route service. An unreachable OSRM is a clear `unavailable` error.
 */
import { AppError } from '../errors.ts';
import { type LonLatPair, pointKey } from './travel.ts';

export interface RoadMatrix {
  durations: (number | null)[][];
  distances: (number | null)[][];
}

export interface OsrmOptions {
  /** Points per table request (sources + destinations). @default 100 */
  maxTableSize?: number;
  /** @default 30000 */
  timeoutMs?: number;
  /** Point pairs kept. @default 2,000,000 */
  cacheSize?: number;
  /** Requests at once. @default 4 */
  concurrency?: number;
}

export interface OsrmClient {
  table(points: readonly LonLatPair[]): Promise<RoadMatrix>;
  /** The road line through points, or null when OSRM finds none. */
  route(points: readonly LonLatPair[]): Promise<[number, number][] | null>;
}

const coordList = (ps: readonly LonLatPair[]) => ps.map((p) => `${p[0].toFixed(6)},${p[1].toFixed(6)}`).join(';');

export function createOsrmClient(baseUrl: string, opts: OsrmOptions = {}): OsrmClient {
  const base = baseUrl.replace(/\/+$/, '');
  const block = Math.max(1, Math.floor((opts.maxTableSize ?? 100) / 2));
  const cacheSize = opts.cacheSize ?? 2_000_000;
  const cache = new Map<string, [number | null, number | null]>();

  async function get(path: string): Promise<Record<string, unknown>> {
    let res: Response;
    try {
      res = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000) });
    } catch (err) {
      throw new AppError(
        'unavailable',
        `OSRM at ${base} is unreachable (${(err as Error).message}); check OSRM_URL, or unset it to plan with straight-line travel`,
      );
    }
    const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (!res.ok || body.code !== 'Ok') {
      throw new AppError(
        'unavailable',
        `OSRM at ${base} answered ${res.status} ${String(body.code ?? '')}: ${String(body.message ?? 'no message')}`,
      );
    }
    return body;
  }

  async function fill(src: readonly LonLatPair[], dst: readonly LonLatPair[]): Promise<void> {
    const points = [...src, ...dst];
    const q = `sources=${src.map((_, i) => i).join(';')}&destinations=${dst.map((_, j) => src.length + j).join(';')}`;
    const body = await get(`/table/v1/driving/${coordList(points)}?${q}&annotations=duration,distance`);
    const durations = body.durations as (number | null)[][];
    const distances = body.distances as (number | null)[][] | undefined;
    if (cache.size > cacheSize) cache.clear(); // crude but bounded: a whole new area rebuilds quickly
    src.forEach((a, i) => {
      dst.forEach((b, j) => {
        cache.set(`${pointKey(a)}>${pointKey(b)}`, [durations[i]?.[j] ?? null, distances?.[i]?.[j] ?? null]);
      });
    });
  }

  return {
    async table(points) {
      const blocks: LonLatPair[][] = [];
      for (let i = 0; i < points.length; i += block) blocks.push(points.slice(i, i + block));
      const todo: [LonLatPair[], LonLatPair[]][] = [];
      for (const a of blocks) {
        for (const b of blocks) {
          if (a.some((p) => b.some((q) => !cache.has(`${pointKey(p)}>${pointKey(q)}`)))) todo.push([a, b]);
        }
      }
      const workers = Array.from({ length: Math.min(opts.concurrency ?? 4, todo.length) }, async () => {
        for (let job = todo.shift(); job; job = todo.shift()) await fill(job[0], job[1]);
      });
      await Promise.all(workers);
      const grid = (k: 0 | 1) =>
        points.map((a) =>
          points.map((b) =>
            pointKey(a) === pointKey(b) ? 0 : (cache.get(`${pointKey(a)}>${pointKey(b)}`)?.[k] ?? null),
          ),
        );
      return { durations: grid(0), distances: grid(1) };
    },
    async route(points) {
      if (points.length < 2) return null;
      const body = await get(`/route/v1/driving/${coordList(points)}?overview=full&geometries=geojson`);
      const routes = body.routes as { geometry?: { coordinates?: [number, number][] } }[] | undefined;
      return routes?.[0]?.geometry?.coordinates ?? null;
    },
  };
}

const clients = new Map<string, OsrmClient>();

/** One client (and cache) per OSRM_URL for the process; null without OSRM_URL. */
export function osrmFromConfig(config: { OSRM_URL?: string | undefined }): OsrmClient | null {
  if (!config.OSRM_URL) return null;
  let c = clients.get(config.OSRM_URL);
  if (!c) {
    c = createOsrmClient(config.OSRM_URL);
    clients.set(config.OSRM_URL, c);
  }
  return c;
}
