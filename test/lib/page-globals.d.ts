// What the dispatcher app exposes on `window` for tests (see web/src/map/map-view.tsx), typed
// only as far as the tests use it, so this package need not depend on MapLibre.
declare global {
  interface Window {
    __tourneeMap?: {
      queryRenderedFeatures(options: { layers: string[] }): Array<{ geometry: { coordinates: unknown } }>;
      getBounds(): { contains(point: [number, number]): boolean };
    };
  }
}
export {};
