/** `organisations.settings.notify`: read as stored, replaced whole (through org/settings-repo.ts). */
import type { NotifySettings } from '@tournee/shared';
import type { Db } from '../db/db.ts';
import { storedSettings } from '../org/repo.ts';
import { writeSettingsSection } from '../org/settings-repo.ts';

export async function readNotifySettings(db: Db, orgId: string): Promise<unknown> {
  return storedSettings(db, orgId, 'notify');
}

export async function writeNotifySettings(db: Db, orgId: string, s: NotifySettings): Promise<void> {
  await writeSettingsSection(db, orgId, 'notify', s);
}
