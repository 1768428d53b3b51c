/**
 * A driver's phone for load and fault tests: it records GPS fixes into an outbox at a fixed rate
 * and sends the outbox over `/driver` as the PWA's sender does (driver-pwa/src/outbox/sender.ts):
 * one `positions` batch in flight at a time, oldest first, at most 200 points; a point leaves the
 * outbox only when an ack lists it (accepted, duplicate or rejected); a nack or a lost ack sends
 * the same points again after a back-off. Each fix has its own UUID and device time.
 */
import { randomUUID } from 'node:crypto';
import type { DriverClientEvents, DriverServerEvents, PositionPoint } from '@tournee/shared';
import { io, type Socket } from 'socket.io-client';

const MAX_BATCH = 200;

export interface PhoneOptions {
  /** Fixes per second. */
  ratePerS: number;
  /** Fixes are recorded in groups this often (the batch the phone sends when all is well). @default 250 */
  tickMs?: number;
  /** Where the van starts; it drives east at ~10 m/s. */
  origin: [number, number];
  /** How long to wait for an ack before sending the points again. @default 5000 */
  ackTimeoutMs?: number;
  /** Longest back-off after failures (the PWA's is 60 s; tests keep it short). @default 2000 */
  maxBackoffMs?: number;
}

export class SimulatedPhone {
  readonly socket: Socket<DriverServerEvents, DriverClientEvents>;
  /** Every fix recorded, by id. */
  readonly sent = new Map<string, PositionPoint>();
  /** Ids an ack listed, with how the first ack did: accepted, duplicate or the rejection reason. */
  readonly acked = new Map<string, string>();
  /** Batches answered with an error or not answered in time. */
  failures = 0;
  private outbox: PositionPoint[] = [];
  private recorder: NodeJS.Timeout | null = null;
  private closed = false;
  private wake: (() => void) | null = null;
  private pumping: Promise<void> = Promise.resolve();
  private readonly o: Required<PhoneOptions>;

  constructor(baseUrl: string, token: string, opts: PhoneOptions) {
    this.o = { tickMs: 250, ackTimeoutMs: 5000, maxBackoffMs: 2000, ...opts };
    this.socket = io(`${baseUrl}/driver`, { auth: { token }, transports: ['websocket'], forceNew: true });
  }

  /** Resolves once connected (rejects on a refused handshake). */
  connected(): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.socket.connected) return resolve();
      this.socket.once('connect', () => resolve());
      this.socket.once('connect_error', reject);
    });
  }

  /** Records fixes at the rate for `durationMs` (at most `maxPoints`), sending as it goes. */
  record(durationMs: number, maxPoints: number): void {
    const t0 = Date.now();
    const stepMs = 1000 / this.o.ratePerS;
    let k = 0;
    const tick = () => {
      const now = Date.now();
      const until = Math.min(now, t0 + durationMs);
      while (k < maxPoints && t0 + k * stepMs <= until) {
        const p: PositionPoint = {
          id: randomUUID(),
          deviceAt: new Date(t0 + k * stepMs).toISOString(),
          coordinates: [this.o.origin[0] + k * 0.000_007, this.o.origin[1]],
          accuracyM: 8,
          speedMps: 10,
          headingDeg: 90,
        };
        this.sent.set(p.id, p);
        this.outbox.push(p);
        k++;
      }
      this.kick();
      if (k >= maxPoints || now >= t0 + durationMs) this.stopRecording();
    };
    this.recorder = setInterval(tick, this.o.tickMs);
    this.pumping = this.pump();
  }

  get recording(): boolean {
    return this.recorder !== null;
  }

  /** Points still waiting in the outbox. */
  get waiting(): number {
    return this.outbox.length;
  }

  close(): void {
    this.stopRecording();
    this.closed = true;
    this.kick();
    this.socket.disconnect();
  }

  /** Resolves once the sending loop has ended (after close()). */
  finished(): Promise<void> {
    return this.pumping;
  }

  private stopRecording() {
    if (this.recorder) clearInterval(this.recorder);
    this.recorder = null;
  }

  private kick() {
    this.wake?.();
    this.wake = null;
  }

  private async pump(): Promise<void> {
    let failures = 0;
    while (!this.closed) {
      if (this.outbox.length === 0 || !this.socket.connected) {
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          // A reconnect or a new fix wakes the loop; so does a periodic check.
          setTimeout(resolve, 200);
        });
        continue;
      }
      const points = this.outbox.slice(0, MAX_BATCH);
      try {
        const ack = await this.socket.timeout(this.o.ackTimeoutMs).emitWithAck('positions', { points });
        if (!ack.ok) throw new Error(`${ack.error.code}: ${ack.error.message}`);
        const first = (id: string, how: string) => this.acked.has(id) || this.acked.set(id, how);
        for (const id of ack.data.accepted) first(id, 'accepted');
        for (const id of ack.data.duplicates) first(id, 'duplicate');
        for (const r of ack.data.rejected) first(r.id, r.reason);
        this.outbox = this.outbox.filter((p) => !this.acked.has(p.id));
        failures = 0;
      } catch {
        this.failures++;
        failures++;
        const delay = Math.min(this.o.maxBackoffMs, 250 * 2 ** (failures - 1));
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  }
}
