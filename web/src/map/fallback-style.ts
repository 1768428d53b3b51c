import type { StyleSpecification } from 'maplibre-gl';

/**
 * The style used without MAP_STYLE_URL, or when the configured style cannot load: no tiles, no
 * glyphs, no sprites — just a neutral background, so routes and stops (drawn by our own layers,
 * with stop numbers as HTML markers) stay legible offline.
 */
export const FALLBACK_STYLE: StyleSpecification = {
  version: 8,
  name: 'tournee-offline',
  sources: {},
  layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#eef1f4' } }],
};
