/**
 * Automation on a timetable, as the app wires it: the plan-schedule and order-template routes,
 * and the scheduler loop (unless SCHEDULER_ENABLED=false) that runs schedule ticks and the daily
 * generation of recurring orders. The Clock is the app's (tests give a fake one; TEST_CLOCK_FILE
 * is a test-only hook for server processes), never the wall clock read directly.
 */
import { Router } from 'express';
import type { Config } from '../config.ts';
import type { Db } from '../db/db.ts';
import type { DomainPublisher } from '../events/bus.ts';
import { geocoderFromConfig } from '../geocoding/geocoder.ts';
import type { Logger } from '../logger.ts';
import type { Planner } from '../planning/service.ts';
import { generateDue } from '../recurring/generate.ts';
import { orderTemplateRoutes } from '../recurring/routes.ts';
import { type Clock, fileClock, systemClock } from './clock.ts';
import { planScheduleRoutes } from './routes.ts';
import { createScheduler, type Scheduler, startSchedulerLoop } from './scheduler.ts';

export type { Clock };

export interface SchedulesModule {
  api: Router;
  /** Tests call `scheduler.tick()` after moving their clock. */
  scheduler: Scheduler;
  clock: Clock;
  close(): Promise<void>;
}

/** The app's clock: the one given (tests), the TEST_CLOCK_FILE's (test processes), else the system's. */
export function appClock(config: Config, given?: Clock): Clock {
  if (given) return given;
  return config.TEST_CLOCK_FILE ? fileClock(config.TEST_CLOCK_FILE) : systemClock;
}

export function createSchedulesModule(deps: {
  db: Db;
  config: Config;
  log: Logger;
  bus: DomainPublisher;
  planner: Planner;
  clock?: Clock;
}): SchedulesModule {
  const clock = appClock(deps.config, deps.clock);
  if (!deps.clock && deps.config.TEST_CLOCK_FILE) {
    deps.log.warn(
      { file: deps.config.TEST_CLOCK_FILE },
      'TEST_CLOCK_FILE set: the scheduler reads its time from a file (tests only)',
    );
  }
  const geocoder = geocoderFromConfig(deps.config);
  const api = Router();
  api.use(planScheduleRoutes({ db: deps.db, clock }));
  api.use(orderTemplateRoutes({ db: deps.db, geocoder, clock }));
  const scheduler = createScheduler({
    ...deps,
    clock,
    onTick: (now) => generateDue({ db: deps.db, geocoder, log: deps.log }, now),
  });
  const loop = deps.config.SCHEDULER_ENABLED ? startSchedulerLoop(scheduler, deps.config.SCHEDULER_TICK_MS) : null;
  return {
    api,
    scheduler,
    clock,
    async close() {
      await loop?.stop();
      await scheduler.stop();
    },
  };
}
