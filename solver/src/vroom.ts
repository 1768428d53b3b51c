/**
 * VROOM-compatible JSON (https://github.com/VROOM-Project/vroom/blob/master/docs/API.md), both ways.
 *
 * Supported input: `vehicles` (id, description, profile, type, start/end or start_index/end_index,
 * capacity, skills, time_window, breaks {id, description, time_windows, service}, speed_factor,
 * max_tasks, max_travel_time, max_distance, costs {fixed, per_hour (default 3600), per_km}),
 * `jobs` (id, description, location/location_index, setup, service, delivery, pickup, amount,
 * skills, priority, time_windows), `shipments` (pickup/delivery with id, description,
 * location/location_index, setup, service, time_windows; amount, skills, priority), `matrices`
 * (per profile: durations, distances) or legacy `matrix`.
 * Each vehicle uses its own `profile`'s matrices (default "car").
 * Refused with a ProblemError naming the field (never silently ignored): custom `costs` matrices,
 * `costs.per_task_hour`, `service_per_type` / `setup_per_type`, break `max_load`, vehicle `steps`,
 * `costs.per_km` / `max_distance` on matrices without distances, two profiles without matrices.
 * Output follows VROOM's schema (docs/API.md "Output"): `violations` are always empty (no plan
 * mode), `computing_times.routing` is 0 (no routing engine), `distance` is omitted when a profile
 * in use comes without distances, coordinates given beside a matrix index are shown beside it;
 * the route start is delayed as VROOM does, so a route does not wait before its first stop when a
 * later departure keeps every stop's service start.
 * Errors as VROOM reports them: `{ code, error }`, code 2 for input errors (a `ProblemError`,
 * naming the field), 1 for internal ones (`vroom/errors.ts`; the CLI prints it).
 * Extensions: without matrices, coordinates are routed with `speed_model {speed_mps, circuity}`
 * (our travel model, not OSRM, so distances are always reported); every `unassigned` entry
 * carries a `reason`.
 *
 * | module                    | part                                                              |
 * | ------------------------- | ----------------------------------------------------------------- |
 * | `vroom/input.ts`          | input JSON → `Problem` (`fromVroom`)                              |
 * | `vroom/profiles.ts`       | each vehicle's `profile` → `matrices` / `profileMatrices`         |
 * | `vroom/refusals.ts`       | what is not modelled, refused by field name                       |
 * | `vroom/field-names.ts`    | validation errors in VROOM's field names                          |
 * | `vroom/output.ts`         | `Solution` → output JSON (`toVroom`): summary, routes, steps      |
 * | `vroom/waiting.ts`        | waiting placed as VROOM does (a later start)                      |
 * | `vroom/task-refs.ts`      | service, amounts, priority, description of the task at a step     |
 * | `vroom/echo.ts`           | coordinates given beside a matrix index, shown in the output      |
 * | `vroom/unassigned.ts`     | the `unassigned` list (both halves of a shipment)                 |
 * | `vroom/errors.ts`         | an error → VROOM's `{ code, error }`                              |
 * | `vroom/json.ts`           | reading untyped JSON                                              |
 */
export { fromVroom } from './vroom/input.ts';
export { toVroom, type VroomOutputOptions } from './vroom/output.ts';
export { toVroomError, type VroomError } from './vroom/errors.ts';
