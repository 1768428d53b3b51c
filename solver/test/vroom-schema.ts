/**
 * VROOM's output schema, transcribed from docs/API.md "Output" (VROOM-Project/vroom): which keys
 * each object has, which are optional, and their JSON types. `checkVroomOutput` throws naming
 * the first path that breaks it.
 */
type Kind = 'number' | 'string' | 'array' | 'object' | 'id' | 'coords';

interface Shape {
  required: Record<string, Kind>;
  optional: Record<string, Kind>;
}

export const SUMMARY: Shape = {
  required: {
    cost: 'number',
    routes: 'number',
    unassigned: 'number',
    setup: 'number',
    service: 'number',
    duration: 'number',
    waiting_time: 'number',
    priority: 'number',
    violations: 'array',
    computing_times: 'object',
  },
  optional: { delivery: 'array', pickup: 'array', amount: 'array', distance: 'number' },
};

export const ROUTE: Shape = {
  required: {
    vehicle: 'id',
    steps: 'array',
    cost: 'number',
    setup: 'number',
    service: 'number',
    duration: 'number',
    waiting_time: 'number',
    priority: 'number',
    violations: 'array',
  },
  optional: {
    delivery: 'array',
    pickup: 'array',
    amount: 'array',
    description: 'string',
    geometry: 'string',
    distance: 'number',
  },
};

export const STEP: Shape = {
  required: {
    type: 'string',
    arrival: 'number',
    duration: 'number',
    setup: 'number',
    service: 'number',
    waiting_time: 'number',
    violations: 'array',
  },
  optional: {
    description: 'string',
    location: 'coords',
    location_index: 'number',
    id: 'id',
    job: 'id',
    load: 'array',
    distance: 'number',
  },
};

/** Our one extension: why a task is left out. */
export const UNASSIGNED: Shape = {
  required: { id: 'id', type: 'string' },
  optional: { description: 'string', location: 'coords', location_index: 'number', reason: 'string' },
};

export const COMPUTING_TIMES: Shape = {
  required: { loading: 'number', solving: 'number', routing: 'number' },
  optional: {},
};

function isKind(x: unknown, k: Kind): boolean {
  switch (k) {
    case 'number':
      return typeof x === 'number' && Number.isFinite(x);
    case 'string':
      return typeof x === 'string';
    case 'array':
      return Array.isArray(x);
    case 'object':
      return typeof x === 'object' && x !== null && !Array.isArray(x);
    case 'id':
      return typeof x === 'number' || typeof x === 'string';
    case 'coords':
      return Array.isArray(x) && x.length === 2 && x.every((c) => typeof c === 'number');
  }
}

export function checkShape(path: string, o: unknown, shape: Shape): Record<string, unknown> {
  if (!isKind(o, 'object')) throw new Error(`${path}: not an object`);
  const rec = o as Record<string, unknown>;
  for (const [k, kind] of Object.entries(shape.required)) {
    if (!(k in rec)) throw new Error(`${path}.${k}: missing`);
    if (!isKind(rec[k], kind)) throw new Error(`${path}.${k}: not a ${kind}`);
  }
  for (const [k, v] of Object.entries(rec)) {
    const kind = shape.required[k] ?? shape.optional[k];
    if (!kind) throw new Error(`${path}.${k}: not in VROOM's output schema`);
    if (!isKind(v, kind)) throw new Error(`${path}.${k}: not a ${kind}`);
  }
  return rec;
}

const STEP_TYPES = new Set(['start', 'job', 'pickup', 'delivery', 'break', 'end']);

/** Checks a whole VROOM output document (code 0). */
export function checkVroomOutput(doc: unknown): void {
  const root = checkShape('output', doc, {
    required: { code: 'number', summary: 'object', unassigned: 'array', routes: 'array' },
    optional: {},
  });
  if (root.code !== 0) throw new Error('output.code: not 0');
  const summary = checkShape('summary', root.summary, SUMMARY);
  checkShape('summary.computing_times', summary.computing_times, COMPUTING_TIMES);
  (root.unassigned as unknown[]).forEach((u, i) => {
    const rec = checkShape(`unassigned[${i}]`, u, UNASSIGNED);
    if (!['job', 'pickup', 'delivery'].includes(rec.type as string))
      throw new Error(`unassigned[${i}].type: ${rec.type}`);
  });
  (root.routes as unknown[]).forEach((r, i) => {
    const route = checkShape(`routes[${i}]`, r, ROUTE);
    (route.steps as unknown[]).forEach((s, k) => {
      const step = checkShape(`routes[${i}].steps[${k}]`, s, STEP);
      const type = step.type as string;
      if (!STEP_TYPES.has(type)) throw new Error(`routes[${i}].steps[${k}].type: ${type}`);
      const isTask = type === 'job' || type === 'pickup' || type === 'delivery';
      if ((isTask || type === 'break') !== 'id' in step)
        throw new Error(`routes[${i}].steps[${k}].id: present iff a task or break`);
      if (isTask !== 'job' in step) throw new Error(`routes[${i}].steps[${k}].job: present iff a task`);
    });
  });
}

/** Checks a VROOM error document: `{ code: 1 | 2 | 3, error }` and nothing else (docs/API.md "Code"). */
export function checkVroomError(doc: unknown): void {
  const root = checkShape('output', doc, { required: { code: 'number', error: 'string' }, optional: {} });
  if (![1, 2, 3].includes(root.code as number)) throw new Error(`output.code: ${String(root.code)} is not 1, 2 or 3`);
}
