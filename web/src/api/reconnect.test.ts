import { describe, expect, it } from 'vitest';
import { type ConnectSource, onConnect, onReconnect, watchConnections } from './reconnect.ts';

/** A socket that connects when told, like Socket.IO's client (listeners run in order). */
class FakeSocket implements ConnectSource {
  connected = false;
  private listeners: (() => void)[] = [];
  on(_: 'connect', l: () => void) {
    this.listeners.push(l);
  }
  off(_: 'connect', l: () => void) {
    this.listeners = this.listeners.filter((x) => x !== l);
  }
  connect() {
    this.connected = true;
    for (const l of [...this.listeners]) l();
  }
  drop() {
    this.connected = false;
  }
}

describe('onReconnect', () => {
  it("skips the page's first connection and catches up after every later one", () => {
    const socket = watchConnections(new FakeSocket());
    let fetches = 0;
    onReconnect(socket, () => fetches++);
    socket.connect();
    expect(fetches).toBe(0);
    socket.drop();
    socket.connect();
    socket.drop();
    socket.connect();
    expect(fetches).toBe(2);
  });

  it('catches up on the next connection of a socket already connected when the screen opens', () => {
    const socket = watchConnections(new FakeSocket());
    socket.connect();
    let fetches = 0;
    onReconnect(socket, () => fetches++);
    socket.drop();
    socket.connect();
    expect(fetches).toBe(1);
  });

  it('catches up when the screen opens while a socket that was connected is down', () => {
    const socket = watchConnections(new FakeSocket());
    socket.connect();
    socket.drop();
    let fetches = 0;
    onReconnect(socket, () => fetches++);
    socket.connect();
    expect(fetches).toBe(1);
  });

  it('stops once unsubscribed', () => {
    const socket = watchConnections(new FakeSocket());
    socket.connect();
    let fetches = 0;
    const stop = onReconnect(socket, () => fetches++);
    stop();
    socket.drop();
    socket.connect();
    expect(fetches).toBe(0);
  });
});

describe('onConnect', () => {
  it('tells each connection whether it is a reconnection', () => {
    const socket = watchConnections(new FakeSocket());
    const seen: boolean[] = [];
    onConnect(socket, (r) => seen.push(r));
    socket.connect();
    socket.drop();
    socket.connect();
    expect(seen).toEqual([false, true]);
  });
});
