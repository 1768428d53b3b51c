/**
 * Gauges read at scrape time, so they are right whichever process changed the data: plans by
 * status, the outbox's depth and failures (from the database), Socket.IO connections per namespace
 * and the positions this process acked. They read the plans and notifications tables directly
 * (counts only): going through each module's repo would add a count function per module for this
 * one reader.
 */
import { Counter, Gauge, type Registry } from 'prom-client';
import type { Server } from 'socket.io';
import type { Db } from '../db/db.ts';
import type { Logger } from '../logger.ts';
import { positionCounts } from './position-counters.ts';

const PLAN_STATUSES = ['queued', 'running', 'done', 'failed', 'cancelled'];

export interface CollectorDeps {
  db: Db;
  log: Logger;
  io: Server;
  /** The position ingest whose acks are counted (see position-counters.ts). */
  ingest: object;
}

/** Runs a scrape-time query; a database down leaves the gauge empty rather than failing the scrape. */
async function guarded(log: Logger, what: string, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    log.warn({ err }, `metrics: ${what} not collected`);
  }
}

export function registerCollectors(registry: Registry, deps: CollectorDeps): void {
  const { db, log, io, ingest } = deps;
  const registers = [registry];

  new Gauge({
    name: 'tournee_plans',
    help: 'Plans by status (all organisations)',
    labelNames: ['status'] as const,
    registers,
    async collect() {
      this.reset();
      await guarded(log, 'plans', async () => {
        const { rows } = await db.query<{ status: string; n: number }>(
          'SELECT status, count(*)::int AS n FROM plans GROUP BY status',
        );
        for (const s of PLAN_STATUSES) this.set({ status: s }, rows.find((r) => r.status === s)?.n ?? 0);
      });
    },
  });

  new Gauge({
    name: 'tournee_outbox_messages',
    help: 'Customer messages in the outbox: pending (waiting, due or not), due (to send now), sending (leased), failed (gave up)',
    labelNames: ['state'] as const,
    registers,
    async collect() {
      this.reset();
      await guarded(log, 'outbox', async () => {
        const { rows } = await db.query<{ pending: number; due: number; sending: number; failed: number }>(
          `SELECT count(*) FILTER (WHERE status = 'pending')::int AS pending,
                  count(*) FILTER (WHERE status IN ('pending', 'sending') AND next_attempt_at <= now())::int AS due,
                  count(*) FILTER (WHERE status = 'sending')::int AS sending,
                  count(*) FILTER (WHERE status = 'failed')::int AS failed
             FROM notifications WHERE status IN ('pending', 'sending', 'failed')`,
        );
        const r = rows[0]!;
        for (const state of ['pending', 'due', 'sending', 'failed'] as const) this.set({ state }, r[state]);
      });
    },
  });

  new Gauge({
    name: 'tournee_outbox_oldest_due_seconds',
    help: 'How long the oldest due outbox message has waited (0 when none): a stuck sender shows here',
    registers,
    async collect() {
      await guarded(log, 'outbox age', async () => {
        const { rows } = await db.query<{ s: number | null }>(
          `SELECT extract(epoch FROM now() - min(next_attempt_at))::float8 AS s FROM notifications
            WHERE status IN ('pending', 'sending') AND next_attempt_at <= now()`,
        );
        this.set(Math.max(0, rows[0]?.s ?? 0));
      });
    },
  });

  new Gauge({
    name: 'tournee_socket_connections',
    help: 'Socket.IO connections to this process, by namespace',
    labelNames: ['namespace'] as const,
    registers,
    collect() {
      this.reset();
      for (const [name, ns] of io._nsps) this.set({ namespace: name }, ns.sockets.size);
    },
  });

  // Counters kept by the tracking code (position-counters.ts), copied in at scrape time.
  new Counter({
    name: 'tournee_positions_stored_total',
    help: 'Positions stored (acked accepted) by this process',
    registers,
    collect() {
      this.reset();
      this.inc(positionCounts(ingest).stored);
    },
  });
  new Counter({
    name: 'tournee_positions_duplicate_total',
    help: 'Positions acked as already stored (a phone resending after a lost ack)',
    registers,
    collect() {
      this.reset();
      this.inc(positionCounts(ingest).duplicates);
    },
  });
  new Counter({
    name: 'tournee_positions_rejected_total',
    help: 'Positions acked as rejected, by reason (the phone drops them)',
    labelNames: ['reason'] as const,
    registers,
    collect() {
      this.reset();
      for (const [reason, n] of positionCounts(ingest).rejected) this.inc({ reason }, n);
    },
  });
}
