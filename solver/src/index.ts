/**
 * @tournee/solver — Tournée's vehicle routing solver (AssemblyScript → WebAssembly), driven from
 * TypeScript. See `types.ts` for the model and `assembly/index.ts` for the engine ABI.
 */
export { solve, shutdownWorkers } from './solve.ts';
export { fromVroom, toVroom, toVroomError } from './vroom.ts';
export type { VroomError, VroomOutputOptions } from './vroom.ts';
export { parseSolomon, solomonToProblem } from './solomon.ts';
export type { Objective, SolomonInstance } from './solomon.ts';
export { ProblemError, SolverError } from './errors.ts';
export { validateProblem } from './validate.ts';
export type {
  Break,
  Coordinates,
  Id,
  Job,
  Location,
  Matrices,
  Problem,
  Progress,
  Route,
  Shipment,
  ShipmentStep,
  Solution,
  SolveOptions,
  SpeedModel,
  Step,
  StepType,
  Summary,
  TimeWindow,
  Tuning,
  Unassigned,
  UnassignedReason,
  Vehicle,
  VehicleCosts,
} from './types.ts';
