/**
 * MapLibre GL 6 for a bundled app: v6 is ESM-only without a default export, and its worker is a
 * sibling file the bundler cannot see, so Vite emits it as its own entry and we point MapLibre at it.
 */
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import 'maplibre-gl/dist/maplibre-gl.css';

maplibregl.setWorkerUrl(workerUrl);
// The worker starts loading with this module (a page with a map is opening), not when the map is
// created after the page's first requests: it is ready when the day's stops arrive. It also
// outlives the map, so the next map page reuses it.
maplibregl.prewarm();

export { maplibregl };
