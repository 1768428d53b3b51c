import type { Db } from '../db/db.ts';
import type { GeocodeResult, Geocoder } from './geocoder.ts';
import { GeocoderUnavailable } from './geocoder.ts';

/** The cache key of an address: country, then the address in lower case with single spaces. */
export const cacheKey = (address: string, country: string): string =>
  `${country.toLowerCase()}|${address.toLowerCase().replace(/\s+/g, ' ').trim()}`;

/** What became of one address: found, not found (cached too), or the provider failed. */
export type GeocodeOutcome =
  | { kind: 'found'; result: GeocodeResult }
  | { kind: 'not_found' }
  | { kind: 'unavailable'; message: string };

/**
 * Geocodes many addresses: one cache read for all of them, then the provider for the misses
 * (one at a time, through its rate limiter), each answer stored in geocode_cache. A "no such
 * place" answer is cached too; a provider failure is not, so the next import tries again.
 */
export async function geocodeMany(
  db: Db,
  geocoder: Geocoder,
  addresses: string[],
  country: string,
): Promise<Map<string, GeocodeOutcome>> {
  const out = new Map<string, GeocodeOutcome>();
  const keys = [...new Set(addresses.map((a) => cacheKey(a, country)))];
  if (keys.length === 0) return out;
  const cached = await db.query<{ query: string; lon: number | null; lat: number | null; label: string | null }>(
    `SELECT query, ST_X(location::geometry) AS lon, ST_Y(location::geometry) AS lat, label
       FROM geocode_cache WHERE query = ANY($1::text[])`,
    [keys],
  );
  const byKey = new Map(cached.rows.map((r) => [r.query, r]));
  for (const address of new Set(addresses)) {
    const key = cacheKey(address, country);
    const hit = byKey.get(key);
    if (hit) {
      out.set(
        address,
        hit.lon === null || hit.lat === null
          ? { kind: 'not_found' }
          : { kind: 'found', result: { lon: hit.lon, lat: hit.lat, label: hit.label ?? '' } },
      );
      continue;
    }
    if (out.has(address)) continue;
    try {
      const result = await geocoder.geocode(address, country);
      await db.query(
        `INSERT INTO geocode_cache (query, location, label)
         VALUES ($1, CASE WHEN $2::float8 IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint($2, $3), 4326)::geography END, $4)
         ON CONFLICT (query) DO UPDATE SET location = EXCLUDED.location, label = EXCLUDED.label, created_at = now()`,
        [key, result?.lon ?? null, result?.lat ?? null, result?.label ?? null],
      );
      byKey.set(key, { query: key, lon: result?.lon ?? null, lat: result?.lat ?? null, label: result?.label ?? null });
      out.set(address, result ? { kind: 'found', result } : { kind: 'not_found' });
    } catch (err) {
      if (!(err instanceof GeocoderUnavailable)) throw err;
      out.set(address, { kind: 'unavailable', message: err.message });
    }
  }
  return out;
}
