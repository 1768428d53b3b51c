/**
 * Automation on a timetable, as the HTTP API reads and answers it: plan schedules (plan a
 * depot's next days on a cron, publish a day at a cut-off) and order templates (recurring
 * orders generated from an RRULE). Cron expressions and RRULEs are read in the depot's zone;
 * the server checks their syntax (400 naming `cron` / `rrule`).
 */
import { z } from 'zod';
import { MAX_PLAN_DAYS, PlanOptions } from './planning.ts';
import { LocalTimeField } from './shifts.ts';
import { LocalDateField } from './time.ts';
import { REQUIRED_PROOF_KINDS } from './proof-kinds.ts';

const id = z.uuid({ message: 'must be an id (uuid)' });

/** Auto-publish: every day at `at` (the depot's local time), the day `leadDays` ahead is published. */
export const SchedulePublish = z.object({
  at: LocalTimeField,
  /** 0: publish the day itself at `at` (e.g. 06:00 the same morning); 1: the next day. @default 0 */
  leadDays: z.number().int('must be whole days').min(0).max(14).default(0),
});
export type SchedulePublish = z.infer<typeof SchedulePublish>;

/** `POST /api/plan-schedules`. */
export const CreatePlanSchedule = z.object({
  name: z.string().trim().min(1, 'is required').max(100),
  enabled: z.boolean().default(true),
  depotId: id,
  /** Five-field cron (minute hour day month weekday), in the depot's zone: `0 18 * * 1-5`. */
  cron: z.string().trim().min(1, 'is required').max(100),
  /** The first day planned, counted from the tick's local day: 1 = tomorrow. @default 1 */
  startOffsetDays: z.number().int('must be whole days').min(0).max(14).default(1),
  /** How many days each run plans. @default 1 */
  horizonDays: z.number().int('must be whole days').min(1).max(MAX_PLAN_DAYS).default(1),
  /** The options of `POST /api/plans`. */
  options: PlanOptions,
  /** Solver budget per run, seconds (else the server's default). */
  timeLimitS: z.number().min(0.2).max(900).nullable().optional(),
  publish: SchedulePublish.nullable().default(null),
});
export type CreatePlanSchedule = z.infer<typeof CreatePlanSchedule>;

/**
 * `PATCH /api/plan-schedules/:id`: any field of the creation. No defaults: a field left out keeps
 * its value (zod 4 applies a default even under `.partial()`, so `options` is PlanOptions' object
 * without its default).
 */
export const UpdatePlanSchedule = z
  .object({
    name: z.string().trim().min(1, 'is required').max(100),
    enabled: z.boolean(),
    depotId: id,
    cron: z.string().trim().min(1, 'is required').max(100),
    startOffsetDays: z.number().int('must be whole days').min(0).max(14),
    horizonDays: z.number().int('must be whole days').min(1).max(MAX_PLAN_DAYS),
    options: PlanOptions.unwrap(),
    timeLimitS: z.number().min(0.2).max(900).nullable(),
    publish: SchedulePublish.nullable(),
  })
  .partial();
export type UpdatePlanSchedule = z.infer<typeof UpdatePlanSchedule>;

export const SCHEDULE_RUN_KINDS = ['plan', 'publish'] as const;
export type ScheduleRunKind = (typeof SCHEDULE_RUN_KINDS)[number];

/** What one run did: the plan's figures, or what it published. */
export interface ScheduleRunSummary {
  assigned?: number;
  unassigned?: number;
  /** Unassigned orders per reason (`time_window`, `capacity`…). */
  reasons?: Record<string, number>;
  /** Days left out of the plan because a route was already started on them. */
  skippedDays?: string[];
  publishedRoutes?: number;
  publishedOrders?: number;
  /** Planned routes of the day left unpublished because they are locked. */
  lockedRoutes?: number;
}

export interface ScheduleRun {
  id: string;
  kind: ScheduleRunKind;
  /** The cron or cut-off instant the run is for (ISO, UTC). */
  tick: string;
  status: 'running' | 'planning' | 'done' | 'failed';
  from: string | null;
  to: string | null;
  planIds: string[];
  summary: ScheduleRunSummary | null;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
}

export interface PlanSchedule {
  id: string;
  name: string;
  enabled: boolean;
  depotId: string;
  cron: string;
  startOffsetDays: number;
  horizonDays: number;
  options: PlanOptions;
  timeLimitS: number | null;
  publish: SchedulePublish | null;
  /** The next plan tick (ISO), null when disabled. */
  nextRunAt: string | null;
  /** The next publish (ISO), null without auto-publish or when disabled. */
  nextPublishAt: string | null;
  lastRuns: ScheduleRun[];
  createdAt: string;
  updatedAt: string;
}

const window = z.object({ start: LocalTimeField, end: LocalTimeField });

/** The order each occurrence of a template becomes (checked like an imported row). */
export const TemplateOrder = z.object({
  name: z.string().max(200).default(''),
  address: z.string().max(500).default(''),
  lat: z.number().min(-90).max(90).nullable().optional(),
  lon: z.number().min(-180).max(180).nullable().optional(),
  phone: z.string().max(40).nullable().optional(),
  email: z.string().max(200).nullable().optional(),
  notes: z.string().max(2000).default(''),
  timeWindows: z.array(window).max(4, 'at most 4 windows').default([]),
  serviceMin: z.number().min(0).max(1440).nullable().optional(),
  /** Per dimension of the organisation (`kg`, `parcels`…). */
  demand: z.record(z.string(), z.number().min(0)).default({}),
  skills: z.array(z.string().trim().min(1).max(50)).max(20).default([]),
  priority: z.number().int().min(0).max(100).default(0),
  requireProof: z.array(z.enum(REQUIRED_PROOF_KINDS)).default([]),
});
export type TemplateOrder = z.infer<typeof TemplateOrder>;

/** `POST /api/order-templates`. */
export const CreateOrderTemplate = z.object({
  /** Each occurrence's order ref is `<ref>-<YYYY-MM-DD>`. */
  ref: z
    .string()
    .trim()
    .min(1, 'is required')
    .max(80)
    .regex(/^[^\s]+$/, 'must not contain spaces'),
  depotId: id,
  /** RFC 5545 RRULE without DTSTART, e.g. `FREQ=WEEKLY;BYDAY=TU,FR`; days of the depot's zone. */
  rrule: z.string().trim().min(1, 'is required').max(500),
  startsOn: LocalDateField,
  endsOn: LocalDateField.nullable().default(null),
  /** Occurrences are generated this many days ahead of the depot's today. @default 14 */
  aheadDays: z.number().int('must be whole days').min(0).max(90).default(14),
  paused: z.boolean().default(false),
  order: TemplateOrder,
});
export type CreateOrderTemplate = z.infer<typeof CreateOrderTemplate>;

/** `PATCH /api/order-templates/:id` (the ref stays: it names the orders already generated). */
export const UpdateOrderTemplate = z
  .object({
    depotId: id,
    rrule: z.string().trim().min(1, 'is required').max(500),
    startsOn: LocalDateField,
    endsOn: LocalDateField.nullable(),
    aheadDays: z.number().int('must be whole days').min(0).max(90),
    paused: z.boolean(),
    order: TemplateOrder,
  })
  .partial();
export type UpdateOrderTemplate = z.infer<typeof UpdateOrderTemplate>;

/** What a save writes of a template: all it says but the ref (set once: it names the orders generated). */
export interface OrderTemplateValues {
  depotId: string;
  rrule: string;
  startsOn: string;
  endsOn: string | null;
  aheadDays: number;
  paused: boolean;
  order: TemplateOrder;
}

export interface OrderTemplate extends OrderTemplateValues {
  id: string;
  ref: string;
  /** The next occurrences from the depot's today (at most 5). */
  nextDates: string[];
  /** Occurrences generated so far. */
  generated: number;
  createdAt: string;
  updatedAt: string;
}

/** What one generation did (answered by save and `POST /api/order-templates/:id/generate`). */
export interface GenerationResult {
  templateId: string;
  /** Dates whose order was created now. */
  created: string[];
  /** Dates to come whose order nobody had edited, written again after a change of the template. */
  updated: string[];
  /** Rows the import validation refused, with its messages. */
  rejected: { date: string; message: string }[];
}
