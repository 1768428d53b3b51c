/**
 * MapLibre GL 6 for the bundled app (loaded on demand: most of the app's weight): v6 is ESM-only
 * without a default export, and its worker is a sibling file the bundler cannot see, so Vite
 * emits it as its own file and MapLibre is pointed at it.
 */
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import 'maplibre-gl/dist/maplibre-gl.css';

maplibregl.setWorkerUrl(workerUrl);

export { maplibregl };
