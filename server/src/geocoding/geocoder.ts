/**
 * Geocoding: turning an address into [lon, lat]. One interface, one HTTP provider speaking
 * Nominatim's /search API (nominatim.openstreetmap.org, a self-hosted Nominatim, or any
 * compatible service at GEOCODER_URL), a rate limiter, and a cache in the database.
 */
import type { Config } from '../config.ts';
import { createNominatimGeocoder, type NominatimOptions } from './nominatim.ts';

export interface GeocodeResult {
  lon: number;
  lat: number;
  /** The provider's label of the place it found. */
  label: string;
}

export interface Geocoder {
  /**
   * The best match for an address, or null when the provider knows no such place.
   * Throws GeocoderUnavailable when the provider cannot be reached or answers with an error.
   */
  geocode(address: string, country: string): Promise<GeocodeResult | null>;
}

/** The provider failed (network, timeout, HTTP error): the address may well exist. */
export class GeocoderUnavailable extends Error {}

/**
 * The app's geocoders, one per config: every module of one app (orders, bulk edits, shops,
 * savings, schedules) shares its rate limiter, so together they keep to GEOCODER_RATE_PER_S
 * (Nominatim's usage policy allows 1 request per second) instead of each keeping to it.
 */
const perConfig = new WeakMap<Config, Geocoder | null>();

/**
 * The geocoder configured by GEOCODER_URL, or null when none is: the same one for every call
 * with the same config. `time`: a rate limiter's clock (tests give a manual one), else the
 * system's; a geocoder on a clock of its own is never shared.
 */
export function geocoderFromConfig(
  config: Config,
  time: Pick<NominatimOptions, 'now' | 'sleep'> = {},
): Geocoder | null {
  const own = time.now !== undefined || time.sleep !== undefined;
  if (!own && perConfig.has(config)) return perConfig.get(config)!;
  const geocoder = config.GEOCODER_URL
    ? createNominatimGeocoder({
        url: config.GEOCODER_URL,
        userAgent: config.GEOCODER_USER_AGENT,
        ratePerS: config.GEOCODER_RATE_PER_S,
        timeoutMs: config.GEOCODER_TIMEOUT_MS,
        ...time,
      })
    : null;
  if (!own) perConfig.set(config, geocoder);
  return geocoder;
}
