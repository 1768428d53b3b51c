/** SQL of the alerts inbox (table `alerts`, migration 014) and the few reads its detectors need. */
import type { Alert, AlertStatus, AlertType } from '@tournee/shared';
import type { Db } from '../db/db.ts';
import type { AlertsRow } from '../db/rows/alerts.ts';

type AlertRow = Pick<
  AlertsRow,
  | 'id'
  | 'org_id'
  | 'subject'
  | 'route_id'
  | 'stop_id'
  | 'order_id'
  | 'driver_id'
  | 'opened_at'
  | 'acknowledged_at'
  | 'acknowledged_by'
  | 'resolved_at'
> & {
  type: AlertType;
  status: AlertStatus;
  /** `to_char(local_date, 'YYYY-MM-DD')`. */
  local_date: string | Date;
  details: Record<string, unknown>;
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const day = (d: string | Date) => (typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10));

export const toAlert = (r: AlertRow): Alert & { orgId: string; subject: string } => ({
  id: r.id,
  orgId: r.org_id,
  subject: r.subject,
  type: r.type,
  status: r.status,
  localDate: day(r.local_date),
  routeId: r.route_id,
  stopId: r.stop_id,
  orderId: r.order_id,
  driverId: r.driver_id,
  details: r.details ?? {},
  openedAt: r.opened_at.toISOString(),
  acknowledgedAt: iso(r.acknowledged_at),
  acknowledgedBy: r.acknowledged_by,
  resolvedAt: iso(r.resolved_at),
});

/** The alert as clients see it (without the organisation and the subject key). */
export const publicAlert = ({ orgId: _o, subject: _s, ...a }: ReturnType<typeof toAlert>): Alert => a;

const COLUMNS = `id, org_id, type, subject, route_id, stop_id, order_id, driver_id, to_char(local_date, 'YYYY-MM-DD') AS local_date,
  status, details, opened_at, acknowledged_at, acknowledged_by, resolved_at`;

/** What a detector opens an alert about. */
export interface NewAlert {
  orgId: string;
  type: AlertType;
  subject: string;
  localDate: string;
  routeId?: string | null;
  stopId?: string | null;
  orderId?: string | null;
  driverId?: string | null;
  details?: Record<string, unknown>;
  at: Date;
}

/**
 * Opens the alert unless one of this type and subject is unresolved; answers the new row, or
 * null when it existed (another process, or an earlier detection, opened it: nothing to announce).
 */
export async function openAlert(db: Db, a: NewAlert): Promise<ReturnType<typeof toAlert> | null> {
  const { rows } = await db.query<AlertRow>(
    `INSERT INTO alerts (org_id, type, subject, route_id, stop_id, order_id, driver_id, local_date, details, opened_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (org_id, type, subject) WHERE status <> 'resolved' DO NOTHING
     RETURNING ${COLUMNS}`,
    [
      a.orgId,
      a.type,
      a.subject,
      a.routeId ?? null,
      a.stopId ?? null,
      a.orderId ?? null,
      a.driverId ?? null,
      a.localDate,
      JSON.stringify(a.details ?? {}),
      a.at,
    ],
  );
  return rows[0] ? toAlert(rows[0]) : null;
}

/** Resolves the unresolved alert of this type and subject; answers it, or null when there was none. */
export async function resolveAlert(
  db: Db,
  orgId: string,
  type: AlertType,
  subject: string,
  at: Date,
): Promise<ReturnType<typeof toAlert> | null> {
  const { rows } = await db.query<AlertRow>(
    `UPDATE alerts SET status = 'resolved', resolved_at = $4
      WHERE org_id = $1 AND type = $2 AND subject = $3 AND status <> 'resolved' RETURNING ${COLUMNS}`,
    [orgId, type, subject, at],
  );
  return rows[0] ? toAlert(rows[0]) : null;
}

export async function listAlerts(db: Db, orgId: string, localDate: string, statuses: AlertStatus[]) {
  const { rows } = await db.query<AlertRow>(
    `SELECT ${COLUMNS} FROM alerts WHERE org_id = $1 AND local_date = $2 AND status = ANY($3::text[])
      ORDER BY opened_at DESC, id LIMIT 1000`,
    [orgId, localDate, statuses],
  );
  return rows.map(toAlert);
}

export async function findAlert(db: Db, orgId: string, id: string) {
  const { rows } = await db.query<AlertRow>(`SELECT ${COLUMNS} FROM alerts WHERE org_id = $1 AND id = $2`, [orgId, id]);
  return rows[0] ? toAlert(rows[0]) : null;
}

/** Marks an open alert acknowledged (an acknowledged one is answered as it is). */
export async function acknowledgeAlert(db: Db, orgId: string, id: string, userId: string | null, at: Date) {
  const { rows } = await db.query<AlertRow>(
    `UPDATE alerts SET status = 'acknowledged', acknowledged_at = $4, acknowledged_by = $3
      WHERE org_id = $1 AND id = $2 AND status = 'open' RETURNING ${COLUMNS}`,
    [orgId, id, userId, at],
  );
  return rows[0] ? toAlert(rows[0]) : null;
}

/** Unresolved alerts opened within two days: `orgId|type|subject` keys, what the service keeps in memory. */
export async function unresolvedKeys(db: Db, now: Date): Promise<Set<string>> {
  const { rows } = await db.query<{ org_id: string; type: string; subject: string }>(
    `SELECT org_id, type, subject FROM alerts WHERE status <> 'resolved' AND opened_at > $1::timestamptz - interval '2 days'`,
    [now],
  );
  return new Set(rows.map((r) => `${r.org_id}|${r.type}|${r.subject}`));
}
