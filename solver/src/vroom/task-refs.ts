/** What the output needs to know about the task behind a step, looked up by step type and id. */
import type { Id, Problem, ShipmentStep, TimeWindow } from '../types.ts';

export interface TaskRef {
  serviceS: number;
  windows?: readonly TimeWindow[];
  description?: string;
  priority: number;
  delivery: number[];
  pickup: number[];
}

export type TaskRefs = Record<'job' | 'pickup' | 'delivery', Map<Id, TaskRef>>;

/** Amounts padded to `dims`; a shipment's amount is picked up at its pickup, delivered at its delivery. */
export function taskRefs(problem: Problem, dims: number): TaskRefs {
  const pad = (a?: number[]) => Array.from({ length: dims }, (_, i) => a?.[i] ?? 0);
  const zero = pad();
  const byType: TaskRefs = { job: new Map(), pickup: new Map(), delivery: new Map() };
  for (const j of problem.jobs ?? [])
    byType.job.set(j.id, {
      serviceS: j.serviceS ?? 0,
      windows: j.timeWindows,
      description: j.description,
      priority: j.priority ?? 0,
      delivery: pad(j.delivery),
      pickup: pad(j.pickup),
    });
  for (const s of problem.shipments ?? []) {
    const amount = pad(s.amount);
    const ref = (st: ShipmentStep, d: number[], p: number[]): TaskRef => ({
      serviceS: st.serviceS ?? 0,
      windows: st.timeWindows,
      description: st.description,
      priority: s.priority ?? 0,
      delivery: d,
      pickup: p,
    });
    // As in VROOM: the amount is picked up at the pickup and delivered at the delivery.
    byType.pickup.set(s.pickup.id, ref(s.pickup, zero, amount));
    byType.delivery.set(s.delivery.id, ref(s.delivery, amount, zero));
  }
  return byType;
}
