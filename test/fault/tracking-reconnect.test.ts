/**
 * Fault suite, item 14: a realtime event lost while the dispatcher's socket was down is caught up.
 *
 * First case:
 * Two server processes on one database without Redis (so nothing carries process A's events to
 * process B, as when Redis is down): the driver's phone talks to A, the dispatcher's browser to B.
 * B restarts on its port; while it is down the driver delivers a stop. Once the browser's socket
 * reconnects, the planner shows the delivery and the driver's position without a page reload.
 *
 * Second case: with Redis between the processes, a dispatcher's socket stays connected while Redis
 * is down, so nothing would make it catch up; once Redis is back its server closes the connection
 * and the client reconnects (and so fetches again, as in the first case).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeededDay } from '../../server/test/support/seeded-driver-day.ts';
import { screenshotFailures } from '../lib/artifacts.ts';
import { launchChromium, signInOnPage } from '../lib/browser.ts';
import { adminToken, issueDriverAccess, seedDriverInto } from '../lib/driver-day.ts';
import { startServerPair } from '../lib/e2e-db.ts';
import { freePort, type ServerProcess, startServerProcess } from '../lib/server-process.ts';

const ADMIN = { email: 'fault-reconnect@example.com', password: 'fault-password-14' };

const driverMarkers = (page: Page) =>
  page.evaluate(() => (window.__tourneeMap?.queryRenderedFeatures({ layers: ['drivers-point'] }) ?? []).length);

describe('dispatcher catch-up after a reconnection (item 14)', () => {
  let env: Record<string, string>;
  let a: ServerProcess;
  let b: ServerProcess;
  let browser: Browser;
  let page: Page;
  let day: SeededDay;
  let driver: Socket;

  beforeAll(async () => {
    let databaseUrl: string;
    ({ a, b, databaseUrl, env } = await startServerPair('tournee_fault_tracking_reconnect', ADMIN, { REDIS_URL: '' }));
    day = await seedDriverInto(databaseUrl, ADMIN.email, 3);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'en-GB' });
  });

  screenshotFailures('tracking-reconnect', () => page);

  afterAll(async () => {
    driver?.disconnect();
    await browser?.close();
    await Promise.all([a?.stop(), b?.stop()]);
  });

  it('shows a delivery and a position sent while its server was down, once the socket reconnects', async () => {
    await page.goto(b.baseUrl);
    await signInOnPage(page, ADMIN);
    await page.getByRole('link', { name: 'Planner' }).click();
    await page.locator(`.calendar-grid [data-date="${day.localDate}"]`).click();
    const stop = page.locator(`[data-stop-id="${day.stopIds[0]}"]`);
    await stop.waitFor();
    expect(await stop.locator('.stop-status').count()).toBe(0);
    expect(await driverMarkers(page)).toBe(0);

    // B goes down (the browser's socket drops and retries); the driver, on A, goes on working.
    const port = new URL(b.baseUrl).port;
    await b.stop();
    const staff = await adminToken(a.baseUrl, ADMIN.email, ADMIN.password);
    const access = await issueDriverAccess(a.baseUrl, staff, day.driverId);
    driver = io(`${a.baseUrl}/driver`, { auth: { token: access.token }, transports: ['websocket'], forceNew: true });
    const positions = (await driver.emitWithAck('positions', {
      points: [{ id: randomUUID(), deviceAt: new Date().toISOString(), coordinates: [4.8302, 45.7601], accuracyM: 8 }],
    })) as { ok: boolean };
    expect(positions.ok).toBe(true);
    const delivered = (await driver.emitWithAck('stop:event', {
      id: randomUUID(),
      stopId: day.stopIds[0],
      type: 'delivered',
      deviceAt: new Date().toISOString(),
    })) as { ok: boolean };
    expect(delivered.ok).toBe(true);

    // B is back where the browser expects it; nothing replays the events it never saw.
    b = await startServerProcess({ ...env, PORT: port });
    // Socket.IO retries every 5 s at most, then the page fetches the day again.
    await expect.poll(() => stop.locator('.stop-status.delivered').count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => driverMarkers(page), { timeout: 20_000 }).toBe(1);
  });
});

/** A redis-server of this test's own on `port` (restartable there), without persistence. */
async function redisOn(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
  ]);
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start on ${port}:\n${out}`)), 10_000);
    child.once('error', reject);
    child.stdout?.on('data', () => {
      if (!/Ready to accept connections/.test(out)) return;
      clearTimeout(timer);
      resolve();
    });
  });
  return child;
}

describe('dispatchers reconnect once Redis is back (item 14)', () => {
  let port: number;
  let redis: ChildProcess;
  let a: ServerProcess;
  let b: ServerProcess;
  let dispatcher: Socket;

  beforeAll(async () => {
    port = await freePort();
    redis = await redisOn(port);
    ({ a, b } = await startServerPair('tournee_fault_tracking_reconnect_redis', ADMIN, {
      REDIS_URL: `redis://127.0.0.1:${port}`,
    }));
  });
  afterAll(async () => {
    dispatcher?.disconnect();
    await Promise.all([a?.stop(), b?.stop()]);
    redis?.kill('SIGKILL');
  });

  it("closes the dispatchers' connections when Redis comes back, so they reconnect and catch up", async () => {
    const staff = await adminToken(b.baseUrl, ADMIN.email, ADMIN.password);
    dispatcher = io(`${b.baseUrl}/dispatch`, { auth: { token: staff }, transports: ['websocket'], forceNew: true });
    let connects = 0;
    dispatcher.on('connect', () => connects++);
    await expect.poll(() => connects).toBe(1);

    redis.kill('SIGKILL');
    // B's subscriber has lost Redis (it logs each failed reconnection); the socket stays up.
    await expect.poll(() => b.output(), { timeout: 10_000 }).toMatch(/socket.io redis connection error/);
    expect(dispatcher.connected).toBe(true);
    redis = await redisOn(port);

    await expect.poll(() => connects, { timeout: 20_000 }).toBe(2);
    expect(dispatcher.connected).toBe(true);
  });
});
