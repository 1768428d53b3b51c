/**
 * The map style URL from /api/client-config (MAP_STYLE_URL, OpenFreeMap by default), kept on the
 * phone: offline the last one known is used, and the map falls back to the sketch anyway.
 */
const KEY = 'tournee.driver.mapStyle';

export async function loadMapStyleUrl(): Promise<string | null> {
  try {
    const res = await fetch('/api/client-config');
    const body = (await res.json()) as { mapStyleUrl?: string | null };
    const url = body.mapStyleUrl ?? null;
    if (url) localStorage.setItem(KEY, url);
    else localStorage.removeItem(KEY);
    return url;
  } catch {
    return localStorage.getItem(KEY);
  }
}
