/** The organisation's security and retention settings (in `organisations.settings`), with defaults. */
import {
  DEFAULT_RETENTION,
  DEFAULT_SECURITY,
  RetentionSettings,
  SecuritySettings,
  type UpdateSecuritySettings,
} from '@tournee/shared';
import { type Actor, recordEvent } from '../audit/audit.ts';
import type { Db } from '../db/db.ts';
import { lockOrganisation } from '../org/repo.ts';
import * as repo from './security-repo.ts';

export interface OrgSecurity {
  security: SecuritySettings;
  retention: RetentionSettings;
}

/** Stored values over the defaults; a stored value that no longer parses falls back to its default. */
export function resolveSettings(stored: Record<string, unknown>): OrgSecurity {
  const security = SecuritySettings.safeParse({ ...DEFAULT_SECURITY, ...(stored.security as object) });
  const retention = RetentionSettings.safeParse({ ...DEFAULT_RETENTION, ...(stored.retention as object) });
  return {
    security: security.success ? security.data : DEFAULT_SECURITY,
    retention: retention.success ? retention.data : DEFAULT_RETENTION,
  };
}

export async function orgSecurity(db: Db, orgId: string): Promise<OrgSecurity> {
  return resolveSettings(await repo.orgSettings(db, orgId));
}

export async function updateOrgSecurity(db: Db, actor: Actor, patch: UpdateSecuritySettings): Promise<OrgSecurity> {
  return db.transaction(async (tx) => {
    await lockOrganisation(tx, actor.orgId);
    const before = await orgSecurity(tx, actor.orgId);
    const after: OrgSecurity = {
      security: { ...before.security, ...patch.security },
      retention: { ...before.retention, ...patch.retention },
    };
    if (patch.security) await repo.setOrgSetting(tx, actor.orgId, 'security', after.security);
    if (patch.retention) await repo.setOrgSetting(tx, actor.orgId, 'retention', after.retention);
    await recordEvent(tx, actor, 'update', 'security_settings', actor.orgId, { before, after });
    return after;
  });
}
