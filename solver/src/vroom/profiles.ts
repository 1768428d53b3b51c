/**
 * Per-vehicle routing profiles: each vehicle travels on its own `profile`'s matrices (VROOM's
 * default profile is "car"), whatever the key order of `matrices`.
 */
import { ProblemError } from '../errors.ts';
import { type Json, obj } from './json.ts';
import { refuseCostsMatrices } from './refusals.ts';

export interface PickedMatrices {
  /** The first vehicle's profile: becomes the problem's `matrices`. */
  main?: Json;
  /** Matrices of the other profiles in use, by name. */
  others: Record<string, Json>;
  /** Per vehicle: the profile name when it is not the main one. */
  vehicleProfile: (string | undefined)[];
  /** Per vehicle: the matrices it travels on (none: coordinates and the speed model). */
  vehicleMatrices: (Json | undefined)[];
  /** Per vehicle: where those matrices are in the input (`matrices.car`, `matrix`). */
  vehicleSource: string[];
}

/**
 * Without per-profile matrices every vehicle travels on one network (`matrix`, or coordinates
 * and the speed model; no routing engine here): vehicles naming two profiles would silently
 * share it.
 */
function refuseSeveralProfiles(vehicles: Json[], network: string): void {
  let first: string | undefined;
  vehicles.forEach((v, i) => {
    const name = v.profile === undefined ? 'car' : v.profile;
    if (first === undefined) first = String(name);
    else if (String(name) !== first)
      throw new ProblemError(
        `vehicles[${i}].profile`,
        `"${String(name)}" beside "${first}" needs matrices per profile (without them every vehicle travels on ${network}; use speed_factor for slower vehicles)`,
      );
  });
}

const sameMatrix = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The first vehicle's profile becomes `matrices`, other profiles `profileMatrices` (profiles with
 * identical matrices are merged). A profile without matrices is refused by name.
 */
export function pickMatrices(root: Json, vehicles: Json[]): PickedMatrices {
  const all = (main: Json | undefined, source: string): PickedMatrices => ({
    main,
    others: {},
    vehicleProfile: vehicles.map(() => undefined),
    vehicleMatrices: vehicles.map(() => main),
    vehicleSource: vehicles.map(() => source),
  });
  if (root.matrices === undefined) {
    refuseSeveralProfiles(vehicles, root.matrix === undefined ? 'speed_model' : 'matrix');
    return root.matrix === undefined ? all(undefined, 'speed_model') : all({ durations: root.matrix }, 'matrix');
  }
  const profiles = obj(root.matrices);
  const names = Object.keys(profiles);
  refuseCostsMatrices(profiles);
  for (const n of names) {
    const m = obj(profiles[n]);
    if (m.durations === undefined && m.distances !== undefined)
      throw new ProblemError(`matrices.${n}.durations`, 'is required with distances (as in VROOM)');
  }
  const declared = vehicles.some((v) => v.profile !== undefined);
  // One profile and no vehicle naming any: that profile, whatever its name (lenient, as before).
  if (!declared && names.length === 1) return all(obj(profiles[names[0] as string]), `matrices.${names[0]}`);
  const out: PickedMatrices = { others: {}, vehicleProfile: [], vehicleMatrices: [], vehicleSource: [] };
  let mainName = '';
  vehicles.forEach((v, i) => {
    const name = v.profile === undefined ? 'car' : v.profile;
    if (typeof name !== 'string') throw new ProblemError(`vehicles[${i}].profile`, 'must be a string');
    const m = profiles[name];
    if (m === undefined)
      throw new ProblemError(
        `vehicles[${i}].profile`,
        `no matrices for profile "${name}" (matrices has ${names.map((n) => `"${n}"`).join(', ') || 'none'})`,
      );
    if (out.main === undefined) {
      out.main = obj(m);
      mainName = name;
    }
    const same = name === mainName || sameMatrix(out.main, m);
    if (!same) out.others[name] = obj(m);
    out.vehicleProfile.push(same ? undefined : name);
    out.vehicleMatrices.push(obj(m));
    out.vehicleSource.push(`matrices.${name}`);
  });
  return out;
}
