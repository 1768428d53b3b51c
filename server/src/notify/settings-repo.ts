/** `organisations.settings.notify`: read as stored, replaced whole. */
import type { NotifySettings } from '@tournee/shared';
import type { Db } from '../db/db.ts';

export async function readNotifySettings(db: Db, orgId: string): Promise<unknown> {
  const { rows } = await db.query<{ notify: unknown }>(
    "SELECT settings->'notify' AS notify FROM organisations WHERE id = $1",
    [orgId],
  );
  return rows[0]?.notify;
}

export async function writeNotifySettings(db: Db, orgId: string, s: NotifySettings): Promise<void> {
  await db.query(
    `UPDATE organisations SET settings = jsonb_set(coalesce(settings, '{}'::jsonb), '{notify}', $2::jsonb) WHERE id = $1`,
    [orgId, JSON.stringify(s)],
  );
}
