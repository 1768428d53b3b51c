/** The HTML markers of the driver's map: numbered stops coloured by status, the depot, the van. */

export const STATUS_COLOUR: Record<string, string> = {
  pending: '#155e75',
  arrived: '#ca8a04',
  delivered: '#16a34a',
  failed: '#b91c1c',
  skipped: '#9ca3af',
};

export function stopMarker(seq: number, status: string): HTMLElement {
  const el = document.createElement('div');
  el.className = 'marker-stop';
  el.textContent = String(seq);
  el.style.background = STATUS_COLOUR[status] ?? STATUS_COLOUR.pending!;
  return el;
}

export function depotMarker(label: string): HTMLElement {
  const el = document.createElement('div');
  el.className = 'marker-depot';
  el.title = label;
  return el;
}

/** A dot with an arrow that turns with the heading (hidden until a heading is known). */
export function vanMarker(): { el: HTMLElement; setHeading(deg: number | null): void } {
  const el = document.createElement('div');
  el.className = 'marker-van';
  const arrow = document.createElement('div');
  arrow.className = 'marker-van-arrow';
  el.append(arrow);
  return {
    el,
    setHeading(deg) {
      arrow.style.display = deg === null ? 'none' : '';
      arrow.style.transform = `rotate(${deg ?? 0}deg)`;
      el.dataset.heading = deg === null ? '' : String(Math.round(deg));
    },
  };
}
