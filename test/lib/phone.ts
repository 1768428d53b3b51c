/**
 * The phones of end-to-end tests: the driver's phone (the driver app) and the customer's (the
 * tracking page), as Chromium contexts; and a server with a driver's published day for the
 * driver app's tests.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { Browser, BrowserContext } from 'playwright-core';
import type { SeededDay } from '../../server/test/support/seeded-driver-day.ts';
import { seedDriverInto } from './driver-day.ts';
import { startOnFreshDatabase } from './e2e-db.ts';
import { REPO_ROOT, type ServerProcess } from './server-process.ts';

/** Where the phone says it is when it shares its position: in Lyon, near the seeded stops, to 12 m. */
export const IN_LYON = { latitude: 45.7601, longitude: 4.8302, accuracy: 12 };

/** A phone: a phone-sized screen in `locale`, sharing its position `at` when given. */
export function openPhone(
  browser: Browser,
  locale = 'en-GB',
  at?: { latitude: number; longitude: number; accuracy?: number },
): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 400, height: 860 },
    locale,
    ...(at ? { permissions: ['geolocation'], geolocation: at } : {}),
  });
}

/** The driver app's build, which the server serves: a test file of the app fails at once without it, saying how. */
export function requireDriverAppBuilt(): void {
  if (!existsSync(join(REPO_ROOT, 'driver-pwa', 'dist', 'index.html'))) {
    throw new Error('The driver app is not built: run `pnpm --filter @tournee/driver-pwa build` first');
  }
}

export interface DriverDayServer {
  server: ServerProcess;
  databaseUrl: string;
  /** Camille's published route of today. */
  day: SeededDay;
  /** A client on the server's database, for what the test sets up or checks there. */
  db: pg.Client;
}

/**
 * A server on a fresh database `name` (first admin `admin`) with a driver's published route of
 * today of `stops` stops. Fails at once, saying how, when the driver app was not built.
 */
export async function startWithDriverDay(
  name: string,
  admin: { email: string; password: string },
  stops: number,
): Promise<DriverDayServer> {
  requireDriverAppBuilt();
  const { server, databaseUrl } = await startOnFreshDatabase(name, admin, { LOG_LEVEL: 'warn' });
  const day = await seedDriverInto(databaseUrl, admin.email, stops);
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  return { server, databaseUrl, day, db };
}
