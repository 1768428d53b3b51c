import type { GeocodeResult, Geocoder } from './geocoder.ts';
import { GeocoderUnavailable } from './geocoder.ts';
import { createRateLimiter, type Sleep } from './rate-limiter.ts';

export interface NominatimOptions {
  /** Base URL; `/search` is appended unless the URL already ends with it. */
  url: string;
  /** Nominatim's usage policy asks for an identifying User-Agent. */
  userAgent: string;
  /** @default 1 */
  ratePerS?: number;
  /** @default 10000 */
  timeoutMs?: number;
  /** The rate limiter's time in ms and its wait (tests give a manual clock). @default Date.now, setTimeout */
  now?: () => number;
  sleep?: Sleep;
}

interface NominatimPlace {
  lat: string;
  lon: string;
  display_name?: string;
}

/**
 * A geocoder speaking Nominatim's `/search?q=…&format=jsonv2&limit=1&countrycodes=fr` API,
 * rate-limited per process.
 */
export function createNominatimGeocoder(options: NominatimOptions): Geocoder {
  const base = options.url.replace(/\/+$/, '');
  const searchUrl = base.endsWith('/search') ? base : `${base}/search`;
  const limiter = createRateLimiter(options.ratePerS ?? 1, options.now, options.sleep);
  const timeoutMs = options.timeoutMs ?? 10_000;
  return {
    async geocode(address: string, country: string): Promise<GeocodeResult | null> {
      const url = new URL(searchUrl);
      url.searchParams.set('q', address);
      url.searchParams.set('format', 'jsonv2');
      url.searchParams.set('limit', '1');
      if (country) url.searchParams.set('countrycodes', country.toLowerCase());
      await limiter.take();
      let places: NominatimPlace[];
      try {
        const res = await fetch(url, {
          headers: { 'user-agent': options.userAgent, accept: 'application/json' },
          signal: AbortSignal.timeout(timeoutMs),
        });
        if (!res.ok) throw new GeocoderUnavailable(`the geocoder answered HTTP ${res.status}`);
        places = (await res.json()) as NominatimPlace[];
      } catch (err) {
        if (err instanceof GeocoderUnavailable) throw err;
        throw new GeocoderUnavailable(`the geocoder could not be reached (${(err as Error).message})`);
      }
      const first = Array.isArray(places) ? places[0] : undefined;
      if (!first) return null;
      const lon = Number(first.lon);
      const lat = Number(first.lat);
      if (!Number.isFinite(lon) || !Number.isFinite(lat)) return null;
      return { lon, lat, label: first.display_name ?? '' };
    },
  };
}
