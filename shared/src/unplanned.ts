/**
 * The figures behind an unplanned order's reason, so the dispatcher reads "950 kg, largest van
 * 800 kg" rather than "capacity": what the order needs beside what the fleet offers.
 */
import { z } from 'zod';
import type { TimeWindow } from './orders.ts';
import type { UnassignedOrder, UnassignedReason } from './planning.ts';
import { LocalDateField } from './time.ts';

export interface UnassignedFigures {
  /** The organisation's capacity dimensions (kg, m3, parcels…), the order of `demand` and `largest`. */
  dimensions: string[];
  demand: number[];
  /** Per dimension, the largest capacity among the organisation's vehicles, and that vehicle's name. */
  largest: { capacity: number; vehicle: string | null }[];
  skills: string[];
  /** The order's skills that no vehicle of the organisation has. */
  missingSkills: string[];
  timeWindows: TimeWindow[];
  /** Earliest start and latest end (local) of the shifts on the order's allowed days; null: no shift at all. */
  shiftHours: { start: string; end: string } | null;
}

/** An entry of GET /api/plans/:id/unassigned: the reason with its figures. */
export interface UnassignedOrderWithFigures extends UnassignedOrder {
  figures: UnassignedFigures;
}

/** An entry of GET /api/planning/unplanned?date=: an order of the day on no route, and why if a plan said so. */
export interface DayUnplannedOrder {
  orderId: string;
  ref: string;
  name: string | null;
  dateFrom: string;
  dateTo: string;
  /** The reason given by the latest plan that left it out; null when no plan has tried it yet. */
  reason: UnassignedReason | null;
  message: string | null;
  figures: UnassignedFigures;
}

/** Query of GET /api/planning/unplanned. */
export const DayUnplannedQuery = z.object({ date: LocalDateField });
export type DayUnplannedQuery = z.infer<typeof DayUnplannedQuery>;
