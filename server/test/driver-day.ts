/**
 * A real app's driver, for lifecycle tests: one van and its driver with shifts on given days, the
 * driver's `/driver` socket, and stop events sent on it the way the phone sends them.
 */
import { randomUUID } from 'node:crypto';
import { CreateDepotRequest, CreateDriverRequest, CreateShiftRequest, CreateVehicleRequest } from '@tournee/shared';
import { io as connect, type Socket } from 'socket.io-client';
import { systemActor } from '../src/audit/audit.ts';
import * as fleet from '../src/fleet/service.ts';
import type { PlanningTestApp } from './support/planning-app.ts';

/**
 * A depot in Lyon (Europe/Paris), one van (800 kg, 6 m³, 60 parcels) and its driver Léa, with a
 * 00:30–23:30 shift on each of `dates`, so plans of those days fit whatever the hour of the run.
 */
export async function vanWithShifts(
  t: Pick<PlanningTestApp, 'db' | 'org'>,
  dates: readonly string[],
): Promise<{ depotId: string; vehicleId: string; driverId: string }> {
  const actor = systemActor(t.org.id);
  const depot = await fleet.createDepot(
    t.db,
    actor,
    CreateDepotRequest.parse({ name: 'Lyon', location: { lon: 4.8322, lat: 45.7295 }, timeZone: 'Europe/Paris' }),
  );
  const van = await fleet.createVehicle(
    t.db,
    actor,
    CreateVehicleRequest.parse({ name: 'Van', depotId: depot.id, capacity: [800, 6, 60] }),
  );
  const driver = await fleet.createDriver(t.db, actor, CreateDriverRequest.parse({ name: 'Léa' }));
  for (const localDate of dates) {
    await fleet.createShift(
      t.db,
      actor,
      CreateShiftRequest.parse({ vehicleId: van.id, driverId: driver.id, localDate, start: '00:00', end: '23:30' }),
    );
  }
  return { depotId: depot.id, vehicleId: van.id, driverId: driver.id };
}

/**
 * The driver's `/driver` socket, signed in with a fresh link token (what a sign-in link opens a
 * session with; not POST /api/driver/session, whose per-address limit other test files share).
 * The socket is pushed on `sockets` for the caller's afterAll.
 */
export async function driverSocket(
  t: Pick<PlanningTestApp, 'call' | 'baseUrl'>,
  driverId: string,
  sockets: Socket[],
): Promise<{ socket: Socket; token: string }> {
  const { token } = (await t.call('POST', `/drivers/${driverId}/access`, {})).body as { token: string };
  const socket = connect(`${t.baseUrl}/driver`, { auth: { token }, transports: ['websocket'], forceNew: true });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.on('connect', () => resolve());
    socket.on('connect_error', reject);
  });
  return { socket, token };
}

/** A stop event as the phone sends it (device time now), answered with the server's ack. */
export function stopEvent(socket: Socket, stopId: string, type: string, extra: Record<string, unknown> = {}) {
  return socket.emitWithAck('stop:event', {
    id: randomUUID(),
    stopId,
    type,
    deviceAt: new Date().toISOString(),
    ...extra,
  });
}
