/**
 * Catching up after a reconnection. Socket.IO does not replay what was sent while a client was
 * away (a network drop, a server restart, Redis down between two server processes): a screen
 * that holds live data (positions, stop statuses) fetches it again each time its socket connects
 * anew. The very first connection of the page needs no catch-up: the screen's first fetch is
 * fresh.
 */

/** The part of a Socket.IO client socket this module uses (a fake in tests). */
export interface ConnectSource {
  readonly connected: boolean;
  on(event: 'connect', listener: () => void): unknown;
  off(event: 'connect', listener: () => void): unknown;
}

const everConnected = new WeakSet<object>();

/**
 * Remembers whether `socket` has ever connected; call it once, where the socket is made, so a
 * screen opened while the socket is down after an earlier connection still catches up.
 */
export function watchConnections<S extends ConnectSource>(socket: S): S {
  if (socket.connected) everConnected.add(socket);
  socket.on('connect', () => everConnected.add(socket));
  return socket;
}

/**
 * Calls `listener` on each `connect` of `socket`, with `reconnected` true for every connection
 * but the page's first one. Returns the unsubscribe function.
 */
export function onConnect(socket: ConnectSource, listener: (reconnected: boolean) => void): () => void {
  // Decided now, not in the listener: watchConnections' own listener runs first and marks the socket.
  let connectedBefore = socket.connected || everConnected.has(socket);
  const handle = () => {
    const reconnected = connectedBefore;
    connectedBefore = true;
    listener(reconnected);
  };
  socket.on('connect', handle);
  return () => socket.off('connect', handle);
}

/** Calls `catchUp` after every reconnection of `socket` (see onConnect). Returns the unsubscribe function. */
export function onReconnect(socket: ConnectSource, catchUp: () => void): () => void {
  return onConnect(socket, (reconnected) => {
    if (reconnected) catchUp();
  });
}
