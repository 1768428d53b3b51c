/** Storage of baselines: one row each, its evaluated routes as jsonb (read and shown whole). */
import type { Baseline, BaselineRoute, RouteSetFigures } from '@tournee/shared';
import type { Db } from '../db/db.ts';
import type { BaselinesRow } from '../db/rows/baselines.ts';

type BaselineRowDb = Pick<BaselinesRow, 'id' | 'name' | 'created_at'> & {
  /** `local_date::text`. */
  local_date: string;
  totals: RouteSetFigures;
  routes: BaselineRoute[];
};

const toBaseline = (r: BaselineRowDb): Baseline => ({
  id: r.id,
  name: r.name,
  localDate: r.local_date,
  createdAt: r.created_at.toISOString(),
  totals: r.totals,
  routes: r.routes,
});

export interface NewBaseline {
  orgId: string;
  userId: string | null;
  name: string;
  localDate: string;
  filename: string | null;
  totals: RouteSetFigures;
  routes: BaselineRoute[];
}

export async function insertBaseline(db: Db, b: NewBaseline): Promise<Baseline> {
  const { rows } = await db.query<BaselineRowDb>(
    `INSERT INTO baselines (org_id, created_by, name, local_date, filename, totals, routes)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, name, local_date::text, created_at, totals, routes`,
    [b.orgId, b.userId, b.name, b.localDate, b.filename, JSON.stringify(b.totals), JSON.stringify(b.routes)],
  );
  return toBaseline(rows[0]!);
}

export async function findBaseline(db: Db, orgId: string, id: string): Promise<Baseline | null> {
  const { rows } = await db.query<BaselineRowDb>(
    `SELECT id, name, local_date::text, created_at, totals, routes FROM baselines WHERE org_id = $1 AND id = $2`,
    [orgId, id],
  );
  return rows[0] ? toBaseline(rows[0]) : null;
}

/** The organisation's baselines, newest first (optionally of one day). */
export async function listBaselines(db: Db, orgId: string, date: string | null): Promise<Baseline[]> {
  const { rows } = await db.query<BaselineRowDb>(
    `SELECT id, name, local_date::text, created_at, totals, routes FROM baselines
      WHERE org_id = $1 AND ($2::date IS NULL OR local_date = $2) ORDER BY created_at DESC, id LIMIT 200`,
    [orgId, date],
  );
  return rows.map(toBaseline);
}

/** What reading a file needs to know of the organisation. */
export { orgDefaults as orgImportSettings } from '../org/repo.ts';
