/**
 * Sends the outbox, oldest first, over the `/driver` socket (positions, stop events) and HTTP
 * (proof files). Strict order: an item is sent only after everything before it was acked, so
 * the server applies events in the order the driver did them and a proof after its event.
 * Consecutive positions go as one batch. Failures back off (1 s, 2 s, 4 s … 60 s); coming back
 * online or reconnecting sends at once.
 */
import {
  DRIVER_PROTOCOL,
  type DriverClientEvents,
  type DriverServerEvents,
  OUTDATED_CLIENT,
  type RouteChangedEvent,
  type StopEventInput,
} from '@tournee/shared';
import { io, type Socket } from 'socket.io-client';
import { HttpError, uploadProof } from '../api.ts';
import { type OutboxItem, peek, remove } from './store.ts';

type DriverSocket = Socket<DriverServerEvents, DriverClientEvents>;

/** Ack error codes after which sending again cannot succeed: the item is dropped. */
const FINAL = new Set(['bad_request', 'forbidden', 'not_found', 'conflict', 'unprocessable']);
const MAX_BATCH = 200;

export interface SenderHooks {
  onRouteChanged(e: RouteChangedEvent | { routeId: string; version: number }): void;
  onUnauthorized(): void;
  onConnection(connected: boolean): void;
  onDropped(item: OutboxItem, message: string): void;
  /** The server applied this stop event (called before it leaves the outbox). */
  onAcked(event: StopEventInput): void;
  /** Stop events were sent and the outbox is empty (the server's copy of the day is complete). */
  onDrained(): void;
}

/**
 * The server refused this app as out of date (a cached copy from before a protocol change): fetch
 * the new service worker and reload, once per tab session so that a server still refusing after
 * the reload does not loop. The outbox is in IndexedDB: nothing waiting is lost.
 */
function reloadForNewVersion() {
  const KEY = 'tournee.reloaded-for-protocol';
  if (sessionStorage.getItem(KEY)) return;
  sessionStorage.setItem(KEY, '1');
  const update = navigator.serviceWorker?.getRegistration().then((r) => r?.update());
  void Promise.resolve(update)
    .catch(() => {})
    .finally(() => window.location.reload());
}

export class OutboxSender {
  private readonly socket: DriverSocket;
  private busy = false;
  private again = false;
  private failures = 0;
  private retry: ReturnType<typeof setTimeout> | null = null;
  private readonly online = () => {
    this.socket.connect();
    this.kick();
  };
  private readonly offline = () => this.socket.disconnect();

  constructor(
    private readonly token: string,
    private readonly hooks: SenderHooks,
  ) {
    this.socket = io('/driver', {
      auth: { token, protocol: DRIVER_PROTOCOL },
      transports: ['websocket'],
      autoConnect: navigator.onLine,
    });
    this.socket.on('connect', () => {
      hooks.onConnection(true);
      this.failures = 0;
      this.kick();
    });
    this.socket.on('disconnect', () => hooks.onConnection(false));
    this.socket.on('connect_error', (err) => {
      if (/unauthorized/.test(err.message)) hooks.onUnauthorized();
      if (err.message.startsWith(OUTDATED_CLIENT)) reloadForNewVersion();
    });
    this.socket.on('route:changed', (e) => hooks.onRouteChanged(e));
    this.socket.on('route:published', (e) => hooks.onRouteChanged(e));
    window.addEventListener('online', this.online);
    window.addEventListener('offline', this.offline);
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  close() {
    window.removeEventListener('online', this.online);
    window.removeEventListener('offline', this.offline);
    if (this.retry) clearTimeout(this.retry);
    this.socket.disconnect();
  }

  /** Sends what is waiting, now (or right after the send under way). */
  kick() {
    if (this.busy) {
      this.again = true;
      return;
    }
    void this.pump();
  }

  private async pump() {
    this.busy = true;
    try {
      let sent = false;
      while (navigator.onLine && this.socket.connected) {
        const items = await peek(MAX_BATCH);
        if (items.length === 0) {
          if (sent) this.hooks.onDrained();
          break;
        }
        await this.sendHead(items);
        // Positions alone do not change the day: no refetch for them.
        if (items[0]!.kind !== 'position') sent = true;
        this.failures = 0;
      }
    } catch {
      this.failures++;
      const delay = Math.min(60_000, 1000 * 2 ** (this.failures - 1));
      if (this.retry) clearTimeout(this.retry);
      this.retry = setTimeout(() => this.kick(), delay);
    } finally {
      this.busy = false;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    }
  }

  private async sendHead(items: OutboxItem[]) {
    const head = items[0]!;
    if (head.kind === 'position') {
      const run: OutboxItem[] = [];
      for (const i of items) {
        if (i.kind !== 'position') break;
        run.push(i);
      }
      const points = run.map((i) => (i.kind === 'position' ? i.point : null)).filter((p) => p !== null);
      const ack = await this.socket.timeout(20_000).emitWithAck('positions', { points });
      if (!ack.ok && !FINAL.has(ack.error.code)) throw new Error(ack.error.message);
      await remove(run.map((i) => i.seq!));
      return;
    }
    if (head.kind === 'event') {
      const ack = await this.socket.timeout(20_000).emitWithAck('stop:event', head.event);
      if (!ack.ok) {
        if (ack.error.code === 'unauthorized') this.hooks.onUnauthorized();
        if (!FINAL.has(ack.error.code)) throw new Error(ack.error.message);
        this.hooks.onDropped(head, ack.error.message);
      } else this.hooks.onAcked(head.event);
      await remove([head.seq!]);
      return;
    }
    try {
      await uploadProof(this.token, head.stopId, head.upload);
    } catch (err) {
      // 409: the event has not reached the server (cannot happen in order, but retry anyway).
      if (!(err instanceof HttpError) || err.status >= 500 || err.status === 409 || err.status === 429) throw err;
      if (err.status === 401) this.hooks.onUnauthorized();
      this.hooks.onDropped(head, err.message);
    }
    await remove([head.seq!]);
  }
}
