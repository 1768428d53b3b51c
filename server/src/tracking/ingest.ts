/**
 * Position ingest: batches from every driver socket are gathered for a few milliseconds and
 * written together (one INSERT for the points, one upsert for the latest positions), so 2,000
 * phones sending a fix a second cost ~50 statements a second instead of 4,000. A socket's ack
 * waits for its points' flush: acked means stored. One flush runs at a time; points arriving
 * meanwhile go in the next one. A point the database refuses is isolated (see isolate.ts): it is
 * reported invalid and the flush's other points are stored all the same.
 */
import type { PositionPoint } from '@tournee/shared';
import type { Db } from '../db/db.ts';
import type { Logger } from '../logger.ts';
import type { DomainPublisher } from '../events/bus.ts';
import { writeIsolating } from './isolate.ts';
import { ingestPositions, type PositionRow } from './position-repo.ts';

/** What the socket knows of the driver sending: where its positions belong. */
export interface DriverContext {
  driverId: string;
  orgId: string;
  routeId: string | null;
  /** The day room positions are sent to. */
  localDate: string;
}

/** What became of a submission's points: inserted now, or refused by the database (the others were stored before). */
export interface IngestResult {
  inserted: Set<string>;
  invalid: Set<string>;
}

interface Pending {
  ctx: DriverContext;
  points: (PositionPoint & { t: number })[];
  resolve: (r: IngestResult) => void;
  reject: (err: unknown) => void;
}

export interface IngestOptions {
  /** How long the first point of a flush waits for others. @default 20 */
  flushMs?: number;
  /** A flush starts at once past this many points. @default 2000 */
  maxPoints?: number;
  /** Flushes under way at once. @default 2 */
  maxInFlight?: number;
}

export class PositionIngest {
  private pending: Pending[] = [];
  private count = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly running = new Set<Promise<void>>();
  private readonly flushMs: number;
  private readonly maxPoints: number;
  private readonly maxInFlight: number;

  constructor(
    private readonly db: Db,
    private readonly bus: DomainPublisher,
    private readonly log: Logger,
    opts: IngestOptions = {},
  ) {
    this.flushMs = opts.flushMs ?? 20;
    this.maxPoints = opts.maxPoints ?? 2000;
    this.maxInFlight = opts.maxInFlight ?? 2;
  }

  /** Stores the points (already filtered); resolves with the ids inserted now and those refused. */
  submit(ctx: DriverContext, points: (PositionPoint & { t: number })[]): Promise<IngestResult> {
    if (points.length === 0) return Promise.resolve({ inserted: new Set(), invalid: new Set() });
    return new Promise((resolve, reject) => {
      this.pending.push({ ctx, points, resolve, reject });
      this.count += points.length;
      this.schedule();
    });
  }

  /** Writes whatever is pending and waits for it. */
  async drain(): Promise<void> {
    while (this.pending.length > 0 || this.running.size > 0) {
      if (this.pending.length > 0 && this.running.size < this.maxInFlight) this.start();
      else await Promise.race(this.running);
    }
  }

  private schedule() {
    if (this.running.size >= this.maxInFlight) return;
    if (this.count >= this.maxPoints || this.running.size > 0) this.start();
    else this.timer ??= setTimeout(() => this.start(), this.flushMs);
  }

  private start() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.running.size >= this.maxInFlight || this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.count = 0;
    const run: Promise<void> = this.flush(batch).finally(() => {
      this.running.delete(run);
      if (this.pending.length > 0) this.schedule();
    });
    this.running.add(run);
  }

  private async flush(batch: Pending[]): Promise<void> {
    const rows: PositionRow[] = [];
    const ctxOf = new Map<string, DriverContext>();
    for (const b of batch) {
      ctxOf.set(b.ctx.driverId, b.ctx);
      for (const p of b.points) {
        rows.push({
          clientId: p.id,
          orgId: b.ctx.orgId,
          driverId: b.ctx.driverId,
          routeId: b.ctx.routeId,
          deviceAt: new Date(p.t),
          lon: p.coordinates[0],
          lat: p.coordinates[1],
          accuracyM: p.accuracyM ?? null,
          speedMps: p.speedMps ?? null,
          headingDeg: p.headingDeg ?? null,
        });
      }
    }
    try {
      const { inserted, moved, invalid } = await this.write(rows);
      const receivedAt = new Date().toISOString();
      const byKey = new Map<string, PositionRow>();
      for (const r of rows) if (inserted.has(r.clientId)) byKey.set(`${r.driverId}|${r.deviceAt.getTime()}`, r);
      for (const [driverId, at] of moved) {
        const r = byKey.get(`${driverId}|${at}`);
        const ctx = ctxOf.get(driverId);
        if (!r || !ctx) continue;
        this.bus.publish('driverPosition', {
          orgId: r.orgId,
          driverId,
          routeId: r.routeId,
          localDate: ctx.localDate,
          location: { type: 'Point', coordinates: [r.lon, r.lat] },
          deviceAt: r.deviceAt.toISOString(),
          receivedAt,
          accuracyM: r.accuracyM,
          speedMps: r.speedMps,
          headingDeg: r.headingDeg,
        });
      }
      for (const b of batch) b.resolve({ inserted, invalid });
    } catch (err) {
      this.log.error({ err, points: rows.length }, 'position flush failed');
      for (const b of batch) b.reject(err);
    }
  }

  /** One statement for the whole flush; on a data error, the bad points are isolated. */
  private async write(rows: PositionRow[]) {
    const { results, refused } = await writeIsolating(rows, (part) => ingestPositions(this.db, [...part]));
    const inserted = new Set<string>();
    const moved = new Map<string, number>();
    for (const r of results) {
      for (const id of r.inserted) inserted.add(id);
      for (const [driverId, at] of r.moved) moved.set(driverId, Math.max(at, moved.get(driverId) ?? at));
    }
    const invalid = new Set<string>();
    for (const { row, err } of refused) {
      this.log.warn({ err, driverId: row.driverId, clientId: row.clientId }, 'position refused by the database');
      invalid.add(row.clientId);
    }
    return { inserted, moved, invalid };
  }
}
