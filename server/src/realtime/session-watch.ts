/**
 * Keeps `/dispatch` sockets tied to a live session. A socket is opened with a session token and
 * then streams for hours, so the handshake check alone is not enough:
 *
 * - each socket joins `session:<token hash>`; logout ends that room's sockets on every process
 *   (`disconnectSockets` goes through the Redis adapter when there is one);
 * - each socket is ended when its session expires (a timer set at the handshake);
 * - every `everyMs` each process re-checks its own sockets' sessions in one query and ends those
 *   revoked, expired or whose user was disabled (this also catches a logout message lost while
 *   Redis was down).
 */
import type { Namespace, Socket } from 'socket.io';
import { liveSessionHashes } from '../auth/repo.ts';
import type { Db } from '../db/db.ts';
import type { Logger } from '../logger.ts';

export const sessionRoom = (tokenHash: string) => `session:${tokenHash}`;

/** What a watched socket carries in `socket.data`. */
export interface SessionData {
  tokenHash: string;
  expiresAt: Date;
}

// setTimeout takes at most 2^31-1 ms (~24.8 days); later expiries are left to the periodic check.
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Joins the socket to its session room and ends it when the session expires. */
export function bindToSession(socket: Socket, data: SessionData): void {
  void socket.join(sessionRoom(data.tokenHash));
  const ms = data.expiresAt.getTime() - Date.now();
  if (ms > MAX_TIMER_MS) return;
  const timer = setTimeout(() => socket.disconnect(true), Math.max(0, ms));
  socket.once('disconnect', () => clearTimeout(timer));
}

/** Ends every socket of the session, on every server process. */
export function endSession(ns: Namespace, tokenHash: string): void {
  ns.in(sessionRoom(tokenHash)).disconnectSockets(true);
}

/** Re-checks this process's sockets once: ends those whose session is gone. Returns how many. */
export async function recheckSessions(ns: Namespace, db: Db): Promise<number> {
  const sockets = [...ns.sockets.values()].filter((s) => typeof s.data?.tokenHash === 'string');
  if (sockets.length === 0) return 0;
  const live = await liveSessionHashes(db, [...new Set(sockets.map((s) => s.data.tokenHash as string))]);
  let ended = 0;
  for (const s of sockets) {
    if (live.has(s.data.tokenHash)) continue;
    s.disconnect(true);
    ended++;
  }
  return ended;
}

/** Runs {@link recheckSessions} every `everyMs` until stopped. */
export function watchSessions(ns: Namespace, db: Db, log: Logger, everyMs: number): { stop(): void } {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    recheckSessions(ns, db)
      .then((n) => {
        if (n > 0) log.info({ ended: n }, 'dispatch sockets of ended sessions disconnected');
      })
      .catch((err) => log.warn({ err }, 'dispatch session re-check failed'))
      .finally(() => {
        running = false;
      });
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
