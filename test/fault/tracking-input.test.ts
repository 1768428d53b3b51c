/**
 * Fault suite, tracking input (issue 11, items 1, 7 and 9), against a real server process:
 * a phone sending impossible numbers cannot stop the fleet's tracking, a stop event's device time
 * is bounded like a position's, and a proof file must be the image it says it is.
 */
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgDb } from '../../server/src/db/pg-adapter.ts';
import { type SeededDay, seedDriverDay } from '../../server/test/support/seeded-driver-day.ts';
import { adminToken, issueDriverAccess } from '../lib/driver-day.ts';
import { startOnFreshDatabase } from '../lib/e2e-db.ts';
import type { ServerProcess } from '../lib/server-process.ts';

const ADMIN = { email: 'fault-tracking@example.com', password: 'fault-password-1' };

// biome-ignore lint/suspicious/noExplicitAny: acks are read as loosely typed JSON
type Ack = { ok: true; data: any } | { ok: false; error: { code: string; message: string } };

describe('tracking input faults', () => {
  let server: ServerProcess;
  let databaseUrl: string;
  let db: ReturnType<typeof createPgDb>;
  let staff: string;
  let anne: SeededDay;
  let bruno: SeededDay;
  let anneSocket: Socket;
  let brunoSocket: Socket;
  let anneToken: string;
  const sockets: Socket[] = [];

  const driverSocket = async (driverId: string): Promise<{ socket: Socket; token: string }> => {
    const { token } = await issueDriverAccess(server.baseUrl, staff, driverId);
    const socket = io(`${server.baseUrl}/driver`, { auth: { token }, transports: ['websocket'], forceNew: true });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.on('connect', () => resolve());
      socket.on('connect_error', reject);
    });
    return { socket, token };
  };
  const good = (s: number, lon = 4.83) => ({
    id: randomUUID(),
    deviceAt: new Date(Date.now() - 120_000 + s * 1000).toISOString(),
    coordinates: [lon, 45.76],
    accuracyM: 8,
    speedMps: 5,
    headingDeg: 90,
  });
  const storedCount = async (driverId: string) =>
    (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM positions WHERE driver_id = $1', [driverId]))
      .rows[0]!.n;

  beforeAll(async () => {
    ({ server, databaseUrl } = await startOnFreshDatabase('tournee_fault_tracking_input', ADMIN, {
      LOG_LEVEL: 'warn',
    }));
    db = createPgDb(databaseUrl, { max: 2 });
    const { rows } = await db.query<{ org_id: string }>('SELECT org_id FROM users WHERE email = $1', [ADMIN.email]);
    anne = await seedDriverDay(db, rows[0]!.org_id, { name: 'Anne' });
    bruno = await seedDriverDay(db, rows[0]!.org_id, { name: 'Bruno' });
    staff = await adminToken(server.baseUrl, ADMIN.email, ADMIN.password);
    ({ socket: anneSocket, token: anneToken } = await driverSocket(anne.driverId));
    ({ socket: brunoSocket } = await driverSocket(bruno.driverId));
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await db?.close();
    await server?.stop();
  });

  describe('one phone sending impossible numbers (item 1)', () => {
    it("rejects each bad point with its reason while another driver's points are all stored", async () => {
      // Anne's phone is broken: every batch mixes one good fix with values no GPS gives and no
      // PostgreSQL `real` holds (JSON turns NaN and Infinity into null; strings stand in for the rest).
      // Every other batch holds only values the old schema let through to the database.
      const badBatch = (s: number) => {
        const bad = [
          { ...good(s), speedMps: 1e39 },
          { ...good(s), accuracyM: 1e39 },
          { ...good(s), headingDeg: 1e9 },
          { ...good(s), speedMps: -3 },
          { ...good(s), speedMps: 'NaN' },
          { ...good(s), coordinates: [null, 45.76] },
          { ...good(s), coordinates: [4.83, 1e300] },
          { ...good(s), deviceAt: 'yesterday' },
        ];
        return { ok: good(s + 0.5), bad: s % 2 === 0 ? bad.slice(0, 2) : bad };
      };
      const anneBatches = Array.from({ length: 20 }, (_, i) => badBatch(i));
      const brunoBatches = Array.from({ length: 20 }, (_, i) => [good(i * 3), good(i * 3 + 1), good(i * 3 + 2)]);

      // Sent at once, so the server's flushes mix both drivers' points.
      const [anneAcks, brunoAcks] = await Promise.all([
        Promise.all(
          anneBatches.map((b) => anneSocket.emitWithAck('positions', { points: [b.ok, ...b.bad] }) as Promise<Ack>),
        ),
        Promise.all(brunoBatches.map((points) => brunoSocket.emitWithAck('positions', { points }) as Promise<Ack>)),
      ]);

      for (const [i, ack] of brunoAcks.entries()) {
        expect(ack).toEqual({
          ok: true,
          data: { accepted: brunoBatches[i]!.map((p) => p.id), duplicates: [], rejected: [] },
        });
      }
      expect(await storedCount(bruno.driverId)).toBe(60);

      for (const [i, ack] of anneAcks.entries()) {
        const { ok, bad } = anneBatches[i]!;
        expect(ack.ok).toBe(true);
        if (!ack.ok) continue;
        expect(ack.data.accepted).toEqual([ok.id]);
        // Every bad point is acked (so the phone drops it), with why.
        expect(ack.data.rejected.map((r: { id: string }) => r.id).sort()).toEqual(bad.map((p) => p.id).sort());
        for (const r of ack.data.rejected) expect(r.reason).toBe('invalid');
        const fields = Object.fromEntries(ack.data.rejected.map((r: { id: string; field: string }) => [r.id, r.field]));
        expect(fields[bad[0]!.id]).toBe('speedMps');
        expect(fields[bad[1]!.id]).toBe('accuracyM');
        if (bad.length === 2) continue;
        expect(fields[bad[2]!.id]).toBe('headingDeg');
        expect(fields[bad[5]!.id]).toBe('coordinates');
      }
      expect(await storedCount(anne.driverId)).toBe(20);

      // The dispatcher's map shows both drivers where their last good fix put them.
      const latest = await fetch(`${server.baseUrl}/api/tracking/latest?date=${bruno.localDate}`, {
        headers: { authorization: `Bearer ${staff}` },
      });
      expect(latest.status).toBe(200);
      const items = ((await latest.json()) as { items: { driverId: string; speedMps: number }[] }).items;
      expect(items.map((p) => p.driverId).sort()).toEqual([anne.driverId, bruno.driverId].sort());
      for (const p of items) expect(p.speedMps).toBe(5);
    });
  });

  describe('stop event device times (item 7)', () => {
    const stopEvent = (stopId: string, deviceAt: string, type = 'arrived') =>
      anneSocket.emitWithAck('stop:event', { id: randomUUID(), stopId, type, deviceAt }) as Promise<Ack>;
    const stopRow = async (stopId: string) =>
      (
        await db.query<{ status: string; actual_arrival_at: Date | null }>(
          'SELECT status, actual_arrival_at FROM stops WHERE id = $1',
          [stopId],
        )
      ).rows[0]!;

    it('refuses an arrival in year 9999, naming deviceAt, and stores nothing', async () => {
      // (Anne's positions above may have set a geofence arrival: it must stay as it was.)
      const before = await stopRow(anne.stopIds[0]!);
      const ack = await stopEvent(anne.stopIds[0]!, '9999-12-31T23:59:59Z');
      expect(ack).toMatchObject({ ok: false, error: { code: 'bad_request' } });
      if (!ack.ok) expect(ack.error.message).toMatch(/deviceAt/);
      expect(await stopRow(anne.stopIds[0]!)).toEqual(before);
      expect(before.status).toBe('pending');
      const events = await db.query('SELECT 1 FROM stop_events WHERE stop_id = $1', [anne.stopIds[0]]);
      expect(events.rowCount).toBe(0);
    });

    it('refuses a delivery dated past the allowed age or beyond the clock-skew allowance', async () => {
      const old = new Date(Date.now() - 400 * 86_400_000).toISOString();
      const ahead = new Date(Date.now() + 3600_000).toISOString();
      for (const at of [old, ahead]) {
        const ack = await stopEvent(anne.stopIds[1]!, at, 'delivered');
        expect(ack).toMatchObject({ ok: false, error: { code: 'bad_request' } });
        if (!ack.ok) expect(ack.error.message).toMatch(/deviceAt/);
      }
      expect((await stopRow(anne.stopIds[1]!)).status).toBe('pending');
      // The route was not started by them either.
      const route = await db.query<{ status: string }>('SELECT status FROM routes WHERE id = $1', [anne.routeId]);
      expect(route.rows[0]!.status).toBe('published');
    });

    it('accepts a phone clock a few seconds ahead', async () => {
      const at = new Date(Date.now() + 5_000).toISOString();
      const ack = await stopEvent(anne.stopIds[0]!, at);
      expect(ack).toMatchObject({ ok: true, data: { applied: true, status: 'arrived' } });
      expect((await stopRow(anne.stopIds[0]!)).actual_arrival_at?.toISOString()).toBe(at);
    });
  });

  describe('proof uploads (item 9)', () => {
    // The smallest real PNG: one transparent pixel.
    const PNG = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
      'base64',
    );
    // A JPEG's start of image and JFIF header (the check reads the signature, not the pixels).
    const JPEG = Buffer.concat([
      Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
      Buffer.from('JFIF\0', 'latin1'),
      Buffer.alloc(64),
      Buffer.from([0xff, 0xd9]),
    ]);
    let eventId: string;
    const upload = (kind: string, contentType: string, data: Buffer) =>
      fetch(`${server.baseUrl}/api/driver/stops/${anne.stopIds[2]}/proof`, {
        method: 'POST',
        headers: { authorization: `Bearer ${anneToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ eventId, kind, contentType, data: data.toString('base64') }),
      });

    beforeAll(async () => {
      eventId = randomUUID();
      const ack = (await anneSocket.emitWithAck('stop:event', {
        id: eventId,
        stopId: anne.stopIds[2],
        type: 'delivered',
        recipientName: 'M. Durand',
        deviceAt: new Date().toISOString(),
      })) as Ack;
      expect(ack.ok).toBe(true);
    });

    it('refuses an HTML page declared as a JPEG photo, naming the field', async () => {
      const html = Buffer.from('<!doctype html><html><script>alert(document.cookie)</script></html>');
      const res = await upload('photo', 'image/jpeg', html);
      expect(res.status).toBe(422);
      const body = (await res.json()) as { error: { message: string } };
      expect(body.error.message).toMatch(/^data: /);
      const stored = await db.query('SELECT 1 FROM proof_files WHERE stop_event_id = $1', [eventId]);
      expect(stored.rowCount).toBe(0);
    });

    it('refuses an SVG signature and a PNG declared as a JPEG', async () => {
      const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>');
      expect((await upload('signature', 'image/svg+xml', svg)).status).toBe(400);
      expect((await upload('signature', 'image/png', svg)).status).toBe(422);
      expect((await upload('signature', 'image/jpeg', PNG)).status).toBe(422);
    });

    it('stores a real PNG and JPEG and serves them with their type and nosniff', async () => {
      const sig = await upload('signature', 'image/png', PNG);
      expect(sig.status).toBe(201);
      const photo = await upload('photo', 'image/jpeg', JPEG);
      expect(photo.status).toBe(201);
      for (const [res, type, bytes] of [
        [sig, 'image/png', PNG],
        [photo, 'image/jpeg', JPEG],
      ] as const) {
        const { id } = (await res.json()) as { id: string };
        const file = await fetch(`${server.baseUrl}/api/proofs/${id}`, {
          headers: { authorization: `Bearer ${staff}` },
        });
        expect(file.status).toBe(200);
        expect(file.headers.get('content-type')).toBe(type);
        expect(file.headers.get('x-content-type-options')).toBe('nosniff');
        expect(file.headers.get('content-disposition')).toBe('inline');
        expect(Buffer.from(await file.arrayBuffer()).equals(bytes)).toBe(true);
      }
    });
  });
});
