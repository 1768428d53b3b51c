/**
 * Learned service times at import: a row without service_min takes the median actual service
 * time (departure − arrival) of the last `analytics.serviceTimeVisits` visits at its address,
 * instead of the organisation's default. Loaded once per import, on the first row that needs it,
 * as one query over the organisation's measured visits; nothing is read for files whose rows all
 * give service_min, or when the setting is 0.
 */
import { DEFAULT_ANALYTICS } from '@tournee/shared';
import type { Db } from '../db/db.ts';
import { addressKey, learnedServiceTimes } from './repo.ts';
import { storedSettings } from '../org/repo.ts';

/** A row about to be written: its address and the service time it would get. */
export interface ServiceTimeRow {
  row: { address: string; serviceS: number };
}

/**
 * `apply(db, rows)` sets each row's serviceS to its address's learned time, where there is one
 * (`db` is the import's transaction: PGlite has a single connection).
 */
export function learnedServiceDefaults(orgId: string): { apply(db: Db, rows: ServiceTimeRow[]): Promise<number> } {
  let learned: Promise<Map<string, number>> | null = null;
  const load = async (db: Db) => {
    const stored = (await storedSettings(db, orgId, 'analytics')) as { serviceTimeVisits?: number } | null;
    const visits = stored?.serviceTimeVisits ?? DEFAULT_ANALYTICS.serviceTimeVisits;
    if (visits <= 0) return new Map<string, number>();
    const times = await learnedServiceTimes(db, orgId, { visits, limit: 1_000_000 });
    return new Map(times.map((t) => [t.addressKey, t.serviceMin * 60]));
  };
  return {
    async apply(db, rows) {
      if (rows.length === 0) return 0;
      learned ??= load(db);
      const byAddress = await learned;
      if (byAddress.size === 0) return 0;
      let applied = 0;
      for (const r of rows) {
        const s = byAddress.get(addressKey(r.row.address));
        if (s !== undefined) {
          r.row.serviceS = s;
          applied++;
        }
      }
      return applied;
    },
  };
}
