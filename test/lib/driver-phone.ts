/**
 * A driver's phone scripted by a browser test: the real `/driver` socket, signed in with a
 * driver link the dispatcher issued, sending stop events and GPS fixes the way the PWA does.
 */
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { issueDriverAccess } from './driver-day.ts';

export interface ScriptedPhone {
  socket: Socket;
  /** The driver link's access (its code signs the PWA in). */
  access: Awaited<ReturnType<typeof issueDriverAccess>>;
  /** Sends a stop event and resolves with its id once the server accepted it. */
  stopEvent(stopId: string, type: string, extra?: Record<string, unknown>): Promise<string>;
  /** Sends one fix, 30 s after the previous one in device time (the speed filter takes the hops as a van's). */
  position(lon: number, lat: number): Promise<void>;
  disconnect(): void;
}

/** Issues `driverId` a link as the staff member of `staffToken` and connects its phone. */
export async function connectDriverPhone(
  baseUrl: string,
  staffToken: string,
  driverId: string,
): Promise<ScriptedPhone> {
  const access = await issueDriverAccess(baseUrl, staffToken, driverId);
  const socket = io(`${baseUrl}/driver`, { auth: { token: access.token }, transports: ['websocket'], forceNew: true });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  const accepted = async (what: string, payload: unknown) => {
    const ack = (await socket.emitWithAck(what, payload)) as { ok: boolean };
    if (!ack.ok) throw new Error(`${what} refused: ${JSON.stringify(ack)}`);
  };
  let clock = Date.now() - 5 * 60_000;
  return {
    socket,
    access,
    async stopEvent(stopId, type, extra = {}) {
      const id = randomUUID();
      await accepted('stop:event', { id, stopId, type, deviceAt: new Date().toISOString(), ...extra });
      return id;
    },
    async position(lon, lat) {
      clock += 30_000;
      const point = {
        id: randomUUID(),
        deviceAt: new Date(clock).toISOString(),
        coordinates: [lon, lat],
        accuracyM: 5,
      };
      await accepted('positions', { points: [point] });
    },
    disconnect: () => socket.disconnect(),
  };
}
