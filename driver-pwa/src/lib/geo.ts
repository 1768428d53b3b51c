/** Navigation-app links (lon/lat in, as everywhere in Tournée); distances are shared's `greatCircleM`. */

export interface NavLinks {
  geo: string;
  google: string;
  apple: string;
}

/** Links that open the phone's navigation app at a stop: `geo:` (Android), Google Maps, Apple Maps. */
export function navLinks([lon, lat]: [number, number], label: string): NavLinks {
  const ll = `${lat.toFixed(6)},${lon.toFixed(6)}`;
  return {
    geo: `geo:${ll}?q=${ll}(${encodeURIComponent(label)})`,
    google: `https://www.google.com/maps/dir/?api=1&destination=${ll}&travelmode=driving`,
    apple: `https://maps.apple.com/?daddr=${ll}&dirflg=d`,
  };
}

/** The link to use first: Apple Maps on iOS, `geo:` on Android, Google Maps elsewhere. */
export function preferredNav(links: NavLinks, ua = navigator.userAgent): string {
  if (/iPhone|iPad|iPod/.test(ua)) return links.apple;
  if (/Android/.test(ua)) return links.geo;
  return links.google;
}
