/**
 * Analytics: figures of delivered days for dispatchers (on time, late, km, service, overtime,
 * ratings, messages, cost), the stops behind each figure, ratings with comments, and service
 * times learned from the stop events. Read-only: nothing here writes.
 */
import type {
  AnalyticsStop,
  AnalyticsStopsQuery,
  AnalyticsSummary,
  AnalyticsSummaryQuery,
  LearnedServiceTime,
  RatingItem,
  ServiceTimesQuery,
} from '@tournee/shared';
import type { Db } from '../db/db.ts';
import { getOrganisation } from '../org/service.ts';
import * as repo from './repo.ts';

export async function getSummary(db: Db, orgId: string, q: AnalyticsSummaryQuery): Promise<AnalyticsSummary> {
  const org = await getOrganisation(db, orgId);
  const toleranceMin = org.analytics.onTimeToleranceMin;
  const { groups, total } = await repo.summary(db, orgId, { ...q, toleranceMin });
  return { from: q.from, to: q.to, groupBy: q.groupBy, onTimeToleranceMin: toleranceMin, groups, total };
}

export async function getStops(db: Db, orgId: string, q: AnalyticsStopsQuery): Promise<AnalyticsStop[]> {
  const org = await getOrganisation(db, orgId);
  return repo.stops(db, orgId, q, org.analytics.onTimeToleranceMin);
}

export function getRatings(db: Db, orgId: string, q: { from: string; to: string }): Promise<RatingItem[]> {
  return repo.ratings(db, orgId, q.from, q.to);
}

/**
 * Learned service times, keyed by address: the place decides the time spent (stairs, parking,
 * a reception desk) more than the person, and an address is on every order while a phone or an
 * e-mail may be missing or shared by a company's sites.
 */
export function getServiceTimes(db: Db, orgId: string, q: ServiceTimesQuery): Promise<LearnedServiceTime[]> {
  return repo.learnedServiceTimes(db, orgId, {
    addresses: q.address ? [repo.addressKey(q.address)] : undefined,
    visits: q.visits,
    limit: q.limit,
  });
}
