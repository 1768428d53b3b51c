/** What a route sheet needs besides the routes: the organisation's words and places. */
import type { Db } from '../db/db.ts';
import { orgProfile } from '../org/profile-repo.ts';

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
  const org = (await orgProfile(db, orgId))!;
  const { rows } = await db.query<{ time_zone: string | null; name: string | null }>(
    `SELECT (SELECT time_zone FROM depots WHERE id = $2 AND org_id = $1) AS time_zone,
            (SELECT name FROM drivers WHERE id = $3 AND org_id = $1) AS name`,
    [orgId, depotId, driverId],
  );
  const r = rows[0]!;
  return {
    dimensions: org.dimensions,
    locale: org.locale,
    country: org.defaultCountry,
    zone: r.time_zone ?? 'UTC',
    driverName: r.name,
  };
}
