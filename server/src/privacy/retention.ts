/**
 * The organisation's retention settings enforced: per kind of data, what is older than its
 * setting is deleted or anonymised, in one transaction per organisation, and the purge is
 * audited with its counts (`retention.purge`). Run by the retention job (tracking/retention.ts).
 */
import type { PurgeCounts } from '@tournee/shared';
import { recordEvent, systemActor } from '../audit/audit.ts';
import type { Db } from '../db/db.ts';
import { resolveSettings } from '../security/settings.ts';
import * as repo from './retention-repo.ts';

export const NO_PURGE: PurgeCounts = {
  proofs: 0,
  customersAnonymised: 0,
  notifications: 0,
  positions: 0,
  importRejections: 0,
  auditEvents: 0,
};

/** One organisation's purge at `now`; audited when anything was purged. */
export async function purgeOrganisation(
  db: Db,
  org: { id: string; settings: Record<string, unknown> },
  now: Date,
): Promise<PurgeCounts> {
  const { retention } = resolveSettings(org.settings);
  return db.transaction(async (tx) => {
    const cut = (days: number) => ({ orgId: org.id, now, days });
    const anonymised = await repo.anonymiseDeliveredOrders(tx, cut(retention.customerDataDays));
    await repo.scrubStopEvents(tx, anonymised);
    const counts: PurgeCounts = {
      customersAnonymised: anonymised.length,
      proofs: await repo.deleteProofs(tx, cut(retention.proofDays)),
      notifications: await repo.redactNotifications(tx, cut(retention.notificationDays)),
      positions: await repo.deletePositions(tx, cut(retention.positionDays)),
      importRejections: await repo.deleteImportRejections(tx, cut(retention.importRejectionDays)),
      auditEvents: await repo.deleteAuditEvents(tx, { orgId: org.id, now, years: retention.auditYears }),
    };
    if (Object.values(counts).some((n) => n > 0)) {
      await recordEvent(tx, systemActor(org.id), 'retention.purge', 'organisation', org.id, { ...counts, retention });
    }
    return counts;
  });
}

/** Every organisation's purge; one failing does not stop the others (it is retried next run). */
export async function purgeAllOrganisations(
  db: Db,
  now: Date,
  onError: (orgId: string, err: unknown) => void,
): Promise<PurgeCounts> {
  const total = { ...NO_PURGE };
  for (const org of await repo.organisations(db)) {
    try {
      const counts = await purgeOrganisation(db, org, now);
      for (const k of Object.keys(total) as (keyof PurgeCounts)[]) total[k] += counts[k];
    } catch (err) {
      onError(org.id, err);
    }
  }
  return total;
}
