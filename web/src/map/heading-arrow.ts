/**
 * The driver's heading arrow, drawn once on a canvas and given to MapLibre as an image (no sprite
 * sheet needed, so it shows on the offline fallback style too). The image is centred on the
 * driver: its arrowhead sits just outside the driver's ring, at the top, and the layer turns it.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';

export const HEADING_ARROW = 'driver-heading-arrow';

/** Side of the square image, in CSS pixels (drawn at twice that for sharp screens). */
const SIZE = 48;

export function addHeadingArrow(map: MapLibreMap): void {
  if (map.hasImage(HEADING_ARROW)) return;
  const ratio = 2;
  const canvas = document.createElement('canvas');
  canvas.width = SIZE * ratio;
  canvas.height = SIZE * ratio;
  const g = canvas.getContext('2d');
  if (!g) return; // no 2D canvas: the ring alone still shows the driver
  g.scale(ratio, ratio);
  const c = SIZE / 2;
  g.beginPath();
  g.moveTo(c, 1); // tip, pointing north
  g.lineTo(c + 8, 13);
  g.lineTo(c, 10);
  g.lineTo(c - 8, 13);
  g.closePath();
  g.fillStyle = '#1d2433';
  g.strokeStyle = '#ffffff';
  g.lineWidth = 2;
  g.lineJoin = 'round';
  g.stroke();
  g.fill();
  map.addImage(HEADING_ARROW, g.getImageData(0, 0, canvas.width, canvas.height), { pixelRatio: ratio });
}
