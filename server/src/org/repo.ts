import {
  type AlertSettings,
  type AnalyticsSettings,
  type CustomerRescheduleSettings,
  DEFAULT_ALERTS,
  DEFAULT_ANALYTICS,
  DEFAULT_CUSTOMER_RESCHEDULE,
  DEFAULT_REDELIVERY,
  DEFAULT_WORKING_TIME,
  type Organisation,
  type RedeliverySettings,
  type WorkingTimeSettings,
} from '@tournee/shared';
import type { Db } from '../db/db.ts';
import type { OrganisationsRow } from '../db/rows/organisations.ts';

type OrgRow = Omit<OrganisationsRow, 'settings' | 'created_at'> & {
  settings: {
    importMapping?: Record<string, string>;
    redelivery?: Partial<RedeliverySettings>;
    customerReschedule?: Partial<CustomerRescheduleSettings>;
    alerts?: Partial<AlertSettings>;
    analytics?: Partial<AnalyticsSettings>;
    workingTime?: Partial<WorkingTimeSettings>;
  } | null;
};

const toOrganisation = (r: OrgRow): Organisation => ({
  id: r.id,
  name: r.name,
  dimensions: r.dimensions,
  defaultServiceS: r.default_service_s,
  defaultCountry: r.default_country.trim(),
  locale: r.locale,
  importMapping: r.settings?.importMapping ?? {},
  // Stored as set; figures never set read as the defaults.
  redelivery: { ...DEFAULT_REDELIVERY, ...r.settings?.redelivery },
  customerReschedule: { ...DEFAULT_CUSTOMER_RESCHEDULE, ...r.settings?.customerReschedule },
  alerts: { ...DEFAULT_ALERTS, ...r.settings?.alerts },
  analytics: { ...DEFAULT_ANALYTICS, ...r.settings?.analytics },
  workingTime: { ...DEFAULT_WORKING_TIME, ...r.settings?.workingTime },
});

export async function findOrganisation(db: Db, orgId: string): Promise<Organisation | null> {
  const { rows } = await db.query<OrgRow>('SELECT * FROM organisations WHERE id = $1', [orgId]);
  return rows[0] ? toOrganisation(rows[0]) : null;
}

/** Locks the organisation row for the rest of the transaction, so settings change one at a time. */
export async function lockOrganisation(db: Db, orgId: string): Promise<Organisation | null> {
  const { rows } = await db.query<OrgRow>('SELECT * FROM organisations WHERE id = $1 FOR UPDATE', [orgId]);
  return rows[0] ? toOrganisation(rows[0]) : null;
}

export async function updateOrganisation(db: Db, org: Organisation): Promise<Organisation> {
  const { rows } = await db.query<OrgRow>(
    `UPDATE organisations SET name = $2, dimensions = $3, default_service_s = $4, default_country = $5, locale = $6,
       settings = coalesce(settings, '{}'::jsonb) || jsonb_build_object('importMapping', $7::jsonb, 'redelivery', $8::jsonb,
         'customerReschedule', $9::jsonb, 'alerts', $10::jsonb, 'analytics', $11::jsonb, 'workingTime', $12::jsonb)
     WHERE id = $1 RETURNING *`,
    [
      org.id,
      org.name,
      org.dimensions,
      org.defaultServiceS,
      org.defaultCountry,
      org.locale,
      JSON.stringify(org.importMapping),
      JSON.stringify(org.redelivery),
      JSON.stringify(org.customerReschedule),
      JSON.stringify(org.alerts),
      JSON.stringify(org.analytics),
      JSON.stringify(org.workingTime),
    ],
  );
  return toOrganisation(rows[0]!);
}

/** How many live vehicles and open orders hold vectors sized by the dimensions. */
export async function countVectorHolders(db: Db, orgId: string): Promise<{ vehicles: number; orders: number }> {
  const { rows } = await db.query<{ vehicles: number; orders: number }>(
    `SELECT (SELECT count(*)::int FROM vehicles WHERE org_id = $1 AND deleted_at IS NULL) AS vehicles,
            (SELECT count(*)::int FROM orders WHERE org_id = $1 AND status <> 'cancelled') AS orders`,
    [orgId],
  );
  return rows[0] ?? { vehicles: 0, orders: 0 };
}

/** The organisation's dimensions, in their order ([] for an unknown organisation). */
export async function orgDimensions(db: Db, orgId: string): Promise<string[]> {
  const { rows } = await db.query<{ dimensions: string[] }>('SELECT dimensions FROM organisations WHERE id = $1', [
    orgId,
  ]);
  return rows[0]?.dimensions ?? [];
}

/** What validating an order row needs of the organisation (orders/import/validate-row.ts), or null. */
export async function orgDefaults(
  db: Db,
  orgId: string,
): Promise<{ dimensions: string[]; defaultCountry: string; defaultServiceS: number } | null> {
  const { rows } = await db.query<{ dimensions: string[]; default_country: string; default_service_s: number }>(
    'SELECT dimensions, default_country, default_service_s FROM organisations WHERE id = $1',
    [orgId],
  );
  const o = rows[0];
  return o
    ? {
        dimensions: o.dimensions,
        defaultCountry: o.default_country.trim().toUpperCase(),
        defaultServiceS: o.default_service_s,
      }
    : null;
}

/** One section of the organisation's settings as stored (null when never set: the caller applies its defaults). */
export async function storedSettings(db: Db, orgId: string, section: string): Promise<unknown> {
  const { rows } = await db.query<{ s: unknown }>('SELECT settings->$2 AS s FROM organisations WHERE id = $1', [
    orgId,
    section,
  ]);
  return rows[0]?.s ?? null;
}

/** The organisation's drivers' working-time rules (defaults where never set: all off). */
export async function workingTimeRules(db: Db, orgId: string): Promise<WorkingTimeSettings> {
  const stored = (await storedSettings(db, orgId, 'workingTime')) as Partial<WorkingTimeSettings> | null;
  return { ...DEFAULT_WORKING_TIME, ...stored };
}
