/** [west, south, east, north] around every point, or null without any. */
export function boundsOfPoints(points: Iterable<[number, number]>): [number, number, number, number] | null {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (const [x, y] of points) {
    w = Math.min(w, x);
    s = Math.min(s, y);
    e = Math.max(e, x);
    n = Math.max(n, y);
  }
  return w === Infinity ? null : [w, s, e, n];
}
