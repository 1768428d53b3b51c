/**
 * The numbers people see on a route's stops: 1, 2, 3… over the visits only. A break keeps its
 * place in the route's order (`seq`) but takes no number, so a route of 10 visits and a break
 * reads 1–10 on the planner, the map, the driver's phone and the printed sheet alike.
 */
export interface NumberedStop {
  kind: 'delivery' | 'pickup' | 'break' | 'reload';
  seq: number;
}

// Screens ask per stop while drawing; a route's stop list is replaced, never mutated, so its
// numbers are worked out once per list.
const computed = new WeakMap<readonly NumberedStop[], Map<number, number>>();

/** Visit number by `seq` for one route's stops (in any order); breaks and reloads are absent from the map. */
export function visitNumbers(stops: readonly NumberedStop[]): Map<number, number> {
  const known = computed.get(stops);
  if (known) return known;
  const numbers = new Map<number, number>();
  computed.set(stops, numbers);
  let n = 0;
  for (const s of [...stops].sort((a, b) => a.seq - b.seq))
    if (s.kind !== 'break' && s.kind !== 'reload') numbers.set(s.seq, ++n);
  return numbers;
}
