/** SQL of the stop.eta_changed throttle: the last ETA sent per stop, and who wants the event. */
import type { Db } from '../db/db.ts';

export interface EtaMark {
  stopId: string;
  etaAt: Date;
  sentAt: Date;
}

/** Whether an enabled subscription of the organisation takes `type`. */
export async function someoneWants(db: Db, orgId: string, type: string): Promise<boolean> {
  const { rows } = await db.query(
    'SELECT 1 FROM webhook_subscriptions WHERE org_id = $1 AND enabled AND $2 = ANY (events) LIMIT 1',
    [orgId, type],
  );
  return rows.length > 0;
}

export async function etaMarks(db: Db, stopIds: string[]): Promise<Map<string, EtaMark>> {
  const { rows } = await db.query<{ stop_id: string; eta_at: Date; sent_at: Date }>(
    'SELECT stop_id, eta_at, sent_at FROM webhook_eta_marks WHERE stop_id = ANY ($1::uuid[])',
    [stopIds],
  );
  return new Map(rows.map((r) => [r.stop_id, { stopId: r.stop_id, etaAt: r.eta_at, sentAt: r.sent_at }]));
}

export async function markEtaSent(db: Db, stopId: string, etaAt: Date, sentAt: Date): Promise<void> {
  await db.query(
    `INSERT INTO webhook_eta_marks (stop_id, eta_at, sent_at) VALUES ($1, $2, $3)
     ON CONFLICT (stop_id) DO UPDATE SET eta_at = EXCLUDED.eta_at, sent_at = EXCLUDED.sent_at`,
    [stopId, etaAt, sentAt],
  );
}
