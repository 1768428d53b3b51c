import type { DispatchClientEvents, DispatchServerEvents } from '@tournee/shared';
import { io, type Socket } from 'socket.io-client';
import { watchConnections } from './reconnect.ts';

export type DispatchSocket = Socket<DispatchServerEvents, DispatchClientEvents>;

let socket: DispatchSocket | null = null;

/**
 * The one `/dispatch` connection of the app. Same origin, so the HttpOnly session cookie
 * authenticates the handshake; Socket.IO reconnects by itself after a network drop.
 */
export function dispatchSocket(): DispatchSocket {
  // Watched from the start, so screens know a reconnection from the page's first connection.
  socket ??= watchConnections(io('/dispatch', { withCredentials: true, transports: ['websocket', 'polling'] }));
  return socket;
}

export function closeDispatchSocket(): void {
  socket?.close();
  socket = null;
}
