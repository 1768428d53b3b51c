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
}

const sameMatrix = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The first vehicle's profile becomes `matrices`, other profiles `profileMatrices` (profiles with
 * identical matrices are merged). A profile without matrices is refused by name.
 */
export function pickMatrices(root: Json, vehicles: Json[]): PickedMatrices {
  const none: PickedMatrices = { others: {}, vehicleProfile: vehicles.map(() => undefined) };
  if (root.matrices === undefined)
    return root.matrix === undefined ? none : { ...none, main: { durations: root.matrix } };
  const profiles = obj(root.matrices);
  const names = Object.keys(profiles);
  refuseCostsMatrices(profiles);
  const declared = vehicles.some((v) => v.profile !== undefined);
  // One profile and no vehicle naming any: that profile, whatever its name (lenient, as before).
  if (!declared && names.length === 1) return { ...none, main: obj(profiles[names[0] as string]) };
  const out: PickedMatrices = { others: {}, vehicleProfile: [] };
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
  });
  return out;
}
