/**
 * PATCH /api/orders/:id's `pickup`: set, change or clear (null) the pickup of a pickup and
 * delivery order. Until the shared OrderPatch carries it, the server reads it with this schema
 * (the shared one plus `pickup`), and the merged order is validated as an import row's
 * pickup_* cells are.
 */
import { OrderPatch } from '@tournee/shared';
import { z } from 'zod';

export const PickupPatch = z
  .object({
    address: z.string().max(500),
    /** Absent or null: the address is geocoded. */
    location: z
      .object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) })
      .nullable()
      .optional(),
    /** At most one window, as the import's pickup_tw_start / pickup_tw_end; empty: any time. */
    timeWindows: z
      .array(z.object({ start: z.string(), end: z.string() }))
      .max(1, 'a pickup has at most one window')
      .default([]),
  })
  .strict();
export type PickupPatch = z.infer<typeof PickupPatch>;

export const OrderPatchWithPickup = OrderPatch.extend({ pickup: PickupPatch.nullable().optional() }).strict();
export type OrderPatchWithPickup = z.infer<typeof OrderPatchWithPickup>;
