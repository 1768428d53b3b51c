/**
 * The fleet module's domain functions, for routes and for in-process callers (the demo seeder,
 * planning). Every write takes the `Actor` it records in the audit trail; inputs are the parsed
 * request types of `@tournee/shared`.
 */
export { createDepot, deleteDepot, getDepot, listDepots, updateDepot } from './depot-service.ts';
export { createDriver, deleteDriver, getDriver, listDrivers, updateDriver } from './driver-service.ts';
export { SHIFT_HORIZON_DAYS } from './horizon.ts';
export {
  type CreatedShiftPattern,
  createShiftPattern,
  deleteShiftPattern,
  type Expansion,
  expandShiftPatterns,
  getShiftPattern,
  listShiftPatterns,
} from './pattern-service.ts';
export {
  cancelShift,
  cancelShiftDay,
  createShift,
  getShift,
  listShifts,
  relayoutFutureShifts,
  setShiftDay,
  updateShift,
} from './shift-service.ts';
export { createVehicle, deleteVehicle, getVehicle, listVehicles, updateVehicle } from './vehicle-service.ts';
