/**
 * A driver's published day as the planner writes it: stops numbered from 1, a lunch break
 * between two of them (kind 'break', no order), service starts inside the customers' 09:00–12:00
 * windows. Built on seedDriverDay (whose stops start at 0 and have no break).
 */
import { createPgDb } from '../../server/src/db/pg-adapter.ts';
import { type SeededDay, seedDriverDay } from '../../server/test/support/seeded-driver-day.ts';

export interface DayWithBreak extends SeededDay {
  breakId: string;
  orgId: string;
}

/**
 * `stops` deliveries (Client 1…n) for a driver `name`; the break comes after stop `breakAfter`.
 * Stop k arrives at 08:00 UTC + 25 min × (k − 1), plus 30 min once past the break.
 */
export async function seedDayWithBreak(
  databaseUrl: string,
  adminEmail: string,
  opts: { name: string; stops?: number; breakAfter?: number },
): Promise<DayWithBreak> {
  const db = createPgDb(databaseUrl, { max: 1 });
  try {
    const { rows } = await db.query<{ org_id: string }>('SELECT org_id FROM users WHERE lower(email) = lower($1)', [
      adminEmail,
    ]);
    const orgId = rows[0]!.org_id;
    const day = await seedDriverDay(db, orgId, { name: opts.name, stops: opts.stops ?? 4 });
    const breakAfter = opts.breakAfter ?? 2;
    const at = (minutes: number) => new Date(Date.parse(`${day.localDate}T08:00:00Z`) + minutes * 60_000);
    for (const [i, id] of day.stopIds.entries()) {
      const k = i + 1;
      const arrival = at((k - 1) * 25 + (k > breakAfter ? 30 : 0));
      await db.query('UPDATE stops SET seq = $2, planned_arrival_at = $3, planned_departure_at = $4 WHERE id = $1', [
        id,
        k > breakAfter ? k + 1 : k,
        arrival,
        new Date(arrival.getTime() + 300_000),
      ]);
    }
    const b = await db.query<{ id: string }>(
      `INSERT INTO stops (route_id, seq, kind, break_index, planned_arrival_at, planned_departure_at)
       VALUES ($1, $2, 'break', 0, $3, $4) RETURNING id`,
      [day.routeId, breakAfter + 1, at((breakAfter - 1) * 25 + 5), at((breakAfter - 1) * 25 + 35)],
    );
    await db.query(`UPDATE routes SET distance_m = 18400 WHERE id = $1`, [day.routeId]);
    return { ...day, breakId: b.rows[0]!.id, orgId };
  } finally {
    await db.close();
  }
}
