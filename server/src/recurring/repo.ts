/**
 * SQL of order templates (tables order_templates, order_template_occurrences, order_template_runs:
 * migration 020). The orders themselves are written by the import pipeline; this module only
 * reads their ids back by ref.
 */
import {
  LOCKED_ORDER_STATUSES,
  type OrderTemplate,
  type OrderTemplateValues,
  type TemplateOrder,
} from '@tournee/shared';
import type { Db } from '../db/db.ts';
import type { OrderTemplatesRow } from '../db/rows/order_templates.ts';

/** A template as stored: the answer's fields but the next dates, with its organisation and depot's zone. */
export interface TemplateRecord extends Omit<OrderTemplate, 'nextDates'> {
  orgId: string;
  /** The depot's. */
  timeZone: string;
}

type TemplateRow = Pick<
  OrderTemplatesRow,
  'id' | 'org_id' | 'ref' | 'depot_id' | 'rrule' | 'ahead_days' | 'paused' | 'created_at' | 'updated_at'
> & {
  /** The depot's. */
  time_zone: string;
  /** `to_char(…, 'YYYY-MM-DD')` of the date columns. */
  starts_on: string;
  ends_on: string | null;
  order_fields: TemplateOrder;
  generated: number;
};

const LOCKED = LOCKED_ORDER_STATUSES.map((x) => `'${x}'`).join(', ');

const SELECT = `SELECT t.id, t.org_id, t.ref, t.depot_id, d.time_zone, t.rrule, to_char(t.starts_on, 'YYYY-MM-DD') AS starts_on,
    to_char(t.ends_on, 'YYYY-MM-DD') AS ends_on, t.ahead_days, t.paused, t.order_fields, t.created_at, t.updated_at,
    (SELECT count(*)::int FROM order_template_occurrences o WHERE o.template_id = t.id) AS generated
  FROM order_templates t JOIN depots d ON d.id = t.depot_id`;

const toRecord = (r: TemplateRow): TemplateRecord => ({
  id: r.id,
  orgId: r.org_id,
  ref: r.ref,
  depotId: r.depot_id,
  timeZone: r.time_zone,
  rrule: r.rrule,
  startsOn: r.starts_on,
  endsOn: r.ends_on,
  aheadDays: r.ahead_days,
  paused: r.paused,
  order: r.order_fields,
  generated: r.generated,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

/** What insert and update write. */
export type TemplateValues = OrderTemplateValues;

export async function insertTemplate(
  db: Db,
  orgId: string,
  ref: string,
  v: TemplateValues,
  createdBy: string | null,
): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO order_templates (org_id, ref, depot_id, rrule, starts_on, ends_on, ahead_days, paused, order_fields, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (org_id, ref) DO NOTHING RETURNING id`,
    [orgId, ref, v.depotId, v.rrule, v.startsOn, v.endsOn, v.aheadDays, v.paused, JSON.stringify(v.order), createdBy],
  );
  return rows[0]?.id ?? null;
}

export async function updateTemplate(db: Db, id: string, v: TemplateValues): Promise<void> {
  await db.query(
    `UPDATE order_templates SET depot_id = $2, rrule = $3, starts_on = $4, ends_on = $5, ahead_days = $6, paused = $7,
       order_fields = $8, updated_at = now() WHERE id = $1`,
    [id, v.depotId, v.rrule, v.startsOn, v.endsOn, v.aheadDays, v.paused, JSON.stringify(v.order)],
  );
}

export async function deleteTemplate(db: Db, orgId: string, id: string): Promise<boolean> {
  const res = await db.query('DELETE FROM order_templates WHERE org_id = $1 AND id = $2', [orgId, id]);
  return (res.rowCount ?? 0) > 0;
}

export async function findTemplate(
  db: Db,
  orgId: string,
  id: string,
  forUpdate = false,
): Promise<TemplateRecord | null> {
  const { rows } = await db.query<TemplateRow>(
    `${SELECT} WHERE t.org_id = $1 AND t.id = $2${forUpdate ? ' FOR UPDATE OF t' : ''}`,
    [orgId, id],
  );
  return rows[0] ? toRecord(rows[0]) : null;
}

export async function listTemplates(db: Db, orgId: string): Promise<TemplateRecord[]> {
  const { rows } = await db.query<TemplateRow>(`${SELECT} WHERE t.org_id = $1 ORDER BY t.ref`, [orgId]);
  return rows.map(toRecord);
}

/** Templates not paused, of every organisation (the daily generation). */
export async function activeTemplates(db: Db): Promise<TemplateRecord[]> {
  const { rows } = await db.query<TemplateRow>(`${SELECT} WHERE NOT t.paused AND d.deleted_at IS NULL`);
  return rows.map(toRecord);
}

/** The dates among `dates` already generated (whatever became of their order since). */
export async function generatedDates(db: Db, templateId: string, dates: string[]): Promise<Set<string>> {
  const { rows } = await db.query<{ d: string }>(
    `SELECT to_char(local_date, 'YYYY-MM-DD') AS d FROM order_template_occurrences
      WHERE template_id = $1 AND local_date = ANY($2::date[])`,
    [templateId, dates],
  );
  return new Set(rows.map((r) => r.d));
}

/** Id and content hash of the organisation's orders with these refs. */
export async function ordersByRef(
  db: Db,
  orgId: string,
  refs: string[],
): Promise<Map<string, { id: string; contentHash: string }>> {
  const { rows } = await db.query<{ id: string; ref: string; content_hash: string }>(
    'SELECT id, ref, content_hash FROM orders WHERE org_id = $1 AND ref = ANY($2::text[])',
    [orgId, refs],
  );
  return new Map(rows.map((r) => [r.ref, { id: r.id, contentHash: r.content_hash }]));
}

/**
 * Records occurrences: new ones inserted; known ones given their order's new content hash when
 * `known` is 'rewrite' (the template wrote them), left as they are when 'keep' (an adoption:
 * a run that read the dates before another recorded them must not undo that record).
 */
export async function recordOccurrences(
  db: Db,
  templateId: string,
  rows: { date: string; orderId: string; contentHash: string }[],
  known: 'rewrite' | 'keep' = 'rewrite',
) {
  if (rows.length === 0) return;
  await db.query(
    `INSERT INTO order_template_occurrences (template_id, local_date, order_id, content_hash)
     SELECT $1, x.d::date, x.o::uuid, x.h FROM jsonb_to_recordset($2::jsonb) AS x(d text, o text, h text)
     ON CONFLICT (template_id, local_date) ${known === 'rewrite' ? 'DO UPDATE SET content_hash = EXCLUDED.content_hash' : 'DO NOTHING'}`,
    [templateId, JSON.stringify(rows.map((r) => ({ d: r.date, o: r.orderId, h: r.contentHash })))],
  );
}

/**
 * Occurrences from `from` on whose order nobody edited since the template wrote it (same
 * content hash) and that is not yet dispatched: they follow a change of the template.
 */
export async function uneditedOccurrences(db: Db, templateId: string, from: string): Promise<string[]> {
  const { rows } = await db.query<{ d: string }>(
    `SELECT to_char(occ.local_date, 'YYYY-MM-DD') AS d FROM order_template_occurrences occ
       JOIN orders o ON o.id = occ.order_id
      WHERE occ.template_id = $1 AND occ.local_date >= $2 AND o.content_hash = occ.content_hash
        AND o.status NOT IN (${LOCKED}) ORDER BY occ.local_date`,
    [templateId, from],
  );
  return rows.map((r) => r.d);
}

/** Claims a template's daily generation for its local day: true for exactly one caller. */
export async function claimDailyRun(db: Db, templateId: string, localDate: string, at: Date): Promise<boolean> {
  const { rows } = await db.query(
    `INSERT INTO order_template_runs (template_id, local_date, ran_at) VALUES ($1, $2, $3)
     ON CONFLICT DO NOTHING RETURNING template_id`,
    [templateId, localDate, at],
  );
  return rows.length > 0;
}
