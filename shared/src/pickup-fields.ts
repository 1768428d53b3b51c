import type { OrderInput } from './order-api.ts';

/**
 * The fields of a pickup and delivery order's pickup, as the import (and `POST /api/orders`) names
 * them, in the import's order: the order form's pickup fields and the export's pickup columns.
 */
export const PICKUP_FIELDS = [
  'pickup_address',
  'pickup_lat',
  'pickup_lon',
  'pickup_tw_start',
  'pickup_tw_end',
] as const satisfies readonly (keyof OrderInput)[];
