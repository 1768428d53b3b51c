/**
 * The periodic sweep (every 30 s, in every server process): what is noticed by its absence —
 * a started route without a fix for `staleGpsMin`, a published route not started
 * `notStartedMin` after its shift's start, an outbox message marked failed, a delivery still
 * without the proof its order requires — and the end of those conditions. It also refreshes
 * the service's view of unresolved alerts and drops cached routes another process changed.
 * Several processes sweeping at once open each alert once (the unique index on unresolved alerts).
 */
import type { AlertType } from '@tournee/shared';
import type { Db } from '../db/db.ts';
import type { Logger } from '../logger.ts';
import { isGpsStale, isNotStarted, isProofOverdue } from './detectors.ts';
import { type NewAlert, unresolvedKeys } from './repo.ts';
import { settingsOf } from './settings.ts';
import {
  deliveredWithoutProof,
  failedMessages,
  messagesNoLongerFailed,
  podNoLongerMissing,
  routesOfUnresolved,
  routeVersions,
  startedRoutes,
  unstartedRoutes,
} from './sources-repo.ts';

/** What the sweep needs of the alerts service. */
export interface SweepContext {
  db: Db;
  open(a: Omit<NewAlert, 'at'>): void;
  resolve(orgId: string, type: AlertType, subject: string): void;
  setUnresolved(keys: Set<string>): void;
  cachedRoutes(): { id: string; version: number; status: string; localDate: string }[];
  invalidate(routeId: string): void;
}

const ms = (d: Date | null) => (d ? d.getTime() : null);

export async function runSweep(ctx: SweepContext, at: number): Promise<void> {
  const now = new Date(at);
  ctx.setUnresolved(await unresolvedKeys(ctx.db, now));

  for (const r of await startedRoutes(ctx.db, now)) {
    if (!isGpsStale(ms(r.last_fix_at), ms(r.started_at), at, settingsOf(r.alerts))) continue;
    ctx.open({
      orgId: r.org_id,
      type: 'stale_gps',
      subject: `route:${r.id}`,
      localDate: r.local_date,
      routeId: r.id,
      driverId: r.driver_id,
      details: { lastFixAt: r.last_fix_at?.toISOString() ?? null },
    });
  }
  for (const a of await routesOfUnresolved(ctx.db, 'stale_gps')) {
    const fresh = !isGpsStale(ms(a.last_fix_at), null, at, settingsOf(a.alerts));
    if (a.status !== 'in_progress' || fresh) ctx.resolve(a.org_id, 'stale_gps', a.subject);
  }

  for (const r of await unstartedRoutes(ctx.db, now)) {
    if (!isNotStarted(r.start_at.getTime(), at, settingsOf(r.alerts))) continue;
    ctx.open({
      orgId: r.org_id,
      type: 'route_not_started',
      subject: `route:${r.id}`,
      localDate: r.local_date,
      routeId: r.id,
      driverId: r.driver_id,
      details: { shiftStartAt: r.start_at.toISOString() },
    });
  }
  for (const a of await routesOfUnresolved(ctx.db, 'route_not_started')) {
    if (a.status !== 'published') ctx.resolve(a.org_id, 'route_not_started', a.subject);
  }

  await sweepMessages(ctx, at);
  await sweepProofs(ctx, at);

  // Routes changed (or started) by another process: read again on next use.
  // Routes done, gone or of days past leave the cache (it holds today's fleet, not the year's).
  const cached = ctx.cachedRoutes();
  const dayBefore = new Date(at - 2 * 86_400_000).toISOString().slice(0, 10);
  const current = await routeVersions(
    ctx.db,
    cached.map((c) => c.id),
  );
  for (const c of cached) {
    const cur = current.get(c.id);
    const stale = cur?.version !== c.version || cur.status !== c.status;
    if (stale || cur.status === 'done' || c.localDate < dayBefore) ctx.invalidate(c.id);
  }
}

/** `message_failed` for failed outbox messages (one, or all of the last day), resolved once resent. */
export async function sweepMessages(ctx: SweepContext, at: number, notificationId?: string): Promise<void> {
  for (const m of await failedMessages(ctx.db, new Date(at), notificationId)) {
    ctx.open({
      orgId: m.org_id,
      type: 'message_failed',
      subject: `notification:${m.id}`,
      localDate: m.local_date,
      routeId: m.route_id,
      stopId: m.stop_id,
      orderId: m.order_id,
      details: { notificationId: m.id, channel: m.channel, trigger: m.trigger, error: m.last_error },
    });
  }
  if (notificationId) return;
  for (const a of await messagesNoLongerFailed(ctx.db)) ctx.resolve(a.org_id, 'message_failed', a.subject);
}

/**
 * `pod_missing`: a delivered stop still without a proof kind its order requires `podGraceMin`
 * after the delivery reached the server (the files follow the event in their own request);
 * resolved once the files arrive, the requirement goes or the stop is no longer delivered.
 */
async function sweepProofs(ctx: SweepContext, at: number): Promise<void> {
  for (const p of await deliveredWithoutProof(ctx.db, new Date(at))) {
    if (!isProofOverdue(ms(p.delivered_at), at, settingsOf(p.alerts))) continue;
    ctx.open({
      orgId: p.org_id,
      type: 'pod_missing',
      subject: `stop:${p.stop_id}`,
      localDate: p.local_date,
      routeId: p.route_id,
      stopId: p.stop_id,
      orderId: p.order_id,
      driverId: p.driver_id,
      details: { missing: p.missing, deliveredAt: p.delivered_at?.toISOString() ?? null },
    });
  }
  for (const a of await podNoLongerMissing(ctx.db)) ctx.resolve(a.org_id, 'pod_missing', a.subject);
}

/** Runs the sweep every `everyMs` (the first after one period), one pass at a time. */
export function startAlertSweep(alerts: { sweep(): Promise<void> }, log: Logger, everyMs = 30_000): { stop(): void } {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    alerts
      .sweep()
      .catch((err) => log.warn({ err }, 'alerts sweep failed; retried at the next run'))
      .finally(() => {
        running = false;
      });
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
