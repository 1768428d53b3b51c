/**
 * Test and bench support for customer communications: a real SMTP server (smtp-server, STARTTLS
 * off: its built-in certificate is expired), a local stand-in for Twilio's Messages API, the
 * app itself with its events at hand, and a simulated driver that moves through the same events
 * and tables the `/driver` namespace uses. Not imported by the server.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { recreateDatabase, testDatabaseUrl } from '../test-db.ts';
import { type App, createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import type { Db } from '../../src/db/db.ts';
import { migrate } from '../../src/db/migrate.ts';
import { createPgDb } from '../../src/db/pg-adapter.ts';
import { createLogger } from '../../src/logger.ts';
import type { DomainPublisher } from '../../src/events/bus.ts';
import type { SeededDay } from './seeded-driver-day.ts';

export interface Mail {
  to: string[];
  raw: string;
}

/** An SMTP server on 127.0.0.1 (`port` 0: any free port) keeping what it receives. */
export async function startSmtp(port = 0): Promise<{ port: number; mails: Mail[]; close(): Promise<void> }> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        cb();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const bound = (server.server.address() as AddressInfo).port;
  return { port: bound, mails, close: () => new Promise<void>((r) => server.close(() => r())) };
}

export interface Sms {
  to: string;
  from: string | undefined;
  body: string;
  statusCallback: string | undefined;
}

/** A local HTTP server answering Twilio's `POST /2010-04-01/Accounts/:sid/Messages.json`. */
export async function startTwilioStandIn(): Promise<{ url: string; sms: Sms[]; close(): Promise<void> }> {
  const sms: Sms[] = [];
  let n = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const m = /^\/2010-04-01\/Accounts\/(AC\w+)\/Messages\.json$/.exec(req.url ?? '');
      if (req.method !== 'POST' || !m) {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"code":20404,"message":"not found"}');
        return;
      }
      const p = new URLSearchParams(body);
      const sid = `SM${String(++n).padStart(32, '0')}`;
      sms.push({
        to: p.get('To')!,
        from: p.get('From') ?? undefined,
        body: p.get('Body')!,
        statusCallback: p.get('StatusCallback') ?? undefined,
      });
      res.writeHead(201, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          sid,
          account_sid: m[1],
          to: p.get('To'),
          from: p.get('From'),
          body: p.get('Body'),
          status: 'queued',
        }),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, sms, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/**
 * A database of this test file's own (migrated), so no other test file's server — each runs an
 * outbox sender over the shared test database — takes these messages.
 */
export async function ownTestDatabase(suffix: string): Promise<string> {
  const url = testDatabaseUrl(suffix);
  await recreateDatabase(url);
  const db = createPgDb(url, { max: 1 });
  await migrate(db);
  await db.close();
  return url;
}

/** The real app with its domain-event bus (to play a driver through it). */
export async function startCommsApp(
  databaseUrl: string,
  env: Record<string, string>,
): Promise<{ app: App; db: Db; baseUrl: string; bus: DomainPublisher; close(): Promise<void> }> {
  const config = loadConfig({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', ...env });
  const db = createPgDb(databaseUrl, { max: 5 });
  const app = createApp({ db, config, log: createLogger(config.LOG_LEVEL) });
  const port = await app.listen(0, '127.0.0.1');
  return {
    app,
    db,
    baseUrl: `http://127.0.0.1:${port}`,
    bus: app.bus,
    close: async () => {
      await app.close();
      await db.close();
    },
  };
}

/** A driver moving through a seeded day the way the `/driver` namespace records and announces it. */
export function simulatedDriver(db: Db, bus: DomainPublisher, orgId: string, day: SeededDay) {
  const announce = (
    stopIdx: number,
    type: 'started' | 'arrived' | 'delivered' | 'failed',
    reason: string | null = null,
  ) => {
    const at = new Date().toISOString();
    return {
      type,
      at,
      stopId: day.stopIds[stopIdx]!,
      orderId: type === 'started' ? null : day.orderIds[stopIdx]!,
      reason,
    };
  };
  return {
    async position(lon: number, lat: number) {
      const at = new Date();
      await db.query(
        `INSERT INTO latest_positions (driver_id, org_id, route_id, device_at, location)
         VALUES ($1, $2, $3, $4, ST_SetSRID(ST_MakePoint($5, $6), 4326)::geography)
         ON CONFLICT (driver_id) DO UPDATE SET device_at = EXCLUDED.device_at, location = EXCLUDED.location, route_id = EXCLUDED.route_id`,
        [day.driverId, orgId, day.routeId, at, lon, lat],
      );
      bus.publish('driverPosition', {
        orgId,
        driverId: day.driverId,
        routeId: day.routeId,
        localDate: day.localDate,
        location: { type: 'Point', coordinates: [lon, lat] },
        deviceAt: at.toISOString(),
        receivedAt: at.toISOString(),
        accuracyM: 5,
        speedMps: 8,
        headingDeg: null,
      });
    },
    async event(stopIdx: number, type: 'started' | 'arrived' | 'delivered' | 'failed', reason: string | null = null) {
      const a = announce(stopIdx, type, reason);
      const eventId = randomUUID();
      if (type === 'started') {
        await db.query(`UPDATE routes SET status = 'in_progress', started_at = now() WHERE id = $1`, [day.routeId]);
      } else {
        await db.query(
          `UPDATE stops SET status = $2, actual_arrival_at = COALESCE(actual_arrival_at, now()),
                  actual_departure_at = CASE WHEN $2 = 'arrived' THEN NULL ELSE now() END WHERE id = $1`,
          [a.stopId, type],
        );
      }
      await db.query(
        `INSERT INTO stop_events (id, stop_id, driver_id, type, reason, device_at, org_id, route_id) VALUES ($1, $2, $3, $4, $5, now(), $6, $7)`,
        [eventId, a.stopId, day.driverId, type, reason, orgId, day.routeId],
      );
      bus.publish('stopStatus', {
        orgId,
        eventId,
        type,
        stopId: a.stopId,
        routeId: day.routeId,
        orderId: a.orderId,
        driverId: day.driverId,
        localDate: day.localDate,
        status: type === 'started' ? 'pending' : type,
        routeStatus: 'in_progress',
        reason,
        deviceAt: a.at,
        actualArrivalAt: a.at,
        actualDepartureAt: type === 'arrived' || type === 'started' ? null : a.at,
      });
    },
  };
}
