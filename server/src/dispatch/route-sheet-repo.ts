/** What a route sheet needs besides the routes: the organisation's words and places. */
import type { Db } from '../db/db.ts';

export interface SheetContext {
  dimensions: string[];
  locale: string;
  country: string;
  /** The depot's zone of the first route (every route of a sheet is read on it); UTC without one. */
  zone: string;
  /** The driver's name when one was asked for. */
  driverName: string | null;
}

export async function sheetContext(
  db: Db,
  orgId: string,
  depotId: string | null,
  driverId: string | null,
): Promise<SheetContext> {
  const { rows } = await db.query<{
    dimensions: string[];
    locale: string;
    default_country: string;
    time_zone: string | null;
    name: string | null;
  }>(
    `SELECT o.dimensions, o.locale, o.default_country,
       (SELECT time_zone FROM depots WHERE id = $2 AND org_id = $1) AS time_zone,
       (SELECT name FROM drivers WHERE id = $3 AND org_id = $1) AS name
     FROM organisations o WHERE o.id = $1`,
    [orgId, depotId, driverId],
  );
  const r = rows[0]!;
  return {
    dimensions: r.dimensions,
    locale: r.locale,
    country: r.default_country.trim(),
    zone: r.time_zone ?? 'UTC',
    driverName: r.name,
  };
}
