/**
 * `organisations.settings` section by section, for the modules that own a section (alerts,
 * notify, security, retention, customer reschedule): read as stored (each module applies its own
 * defaults), for one organisation, several or all of them, and written one section at a time.
 */
import type { Db } from '../db/db.ts';

/** One section of these organisations' settings as stored, by id (absent: never set or unknown id). */
export async function storedSettingsOf(
  db: Db,
  orgIds: readonly string[],
  section: string,
): Promise<Map<string, unknown>> {
  const ids = [...new Set(orgIds)];
  if (ids.length === 0) return new Map();
  const { rows } = await db.query<{ id: string; s: unknown }>(
    'SELECT id, settings->$2 AS s FROM organisations WHERE id = ANY($1::uuid[]) AND settings->$2 IS NOT NULL',
    [ids, section],
  );
  return new Map(rows.map((r) => [r.id, r.s]));
}

/** The organisation's settings as stored ({} when none or an unknown id). */
export async function orgSettings(db: Db, orgId: string): Promise<Record<string, unknown>> {
  const { rows } = await db.query<{ settings: Record<string, unknown> | null }>(
    'SELECT settings FROM organisations WHERE id = $1',
    [orgId],
  );
  return rows[0]?.settings ?? {};
}

/** Every organisation with its settings as stored ({} when none), oldest first. */
export async function allOrgSettings(db: Db): Promise<{ id: string; settings: Record<string, unknown> }[]> {
  const { rows } = await db.query<{ id: string; settings: Record<string, unknown> | null }>(
    'SELECT id, settings FROM organisations ORDER BY created_at',
  );
  return rows.map((r) => ({ id: r.id, settings: r.settings ?? {} }));
}

/** Replaces one section of the organisation's settings whole, leaving the others as they are. */
export async function writeSettingsSection(db: Db, orgId: string, section: string, value: unknown): Promise<void> {
  await db.query(
    `UPDATE organisations SET settings = coalesce(settings, '{}'::jsonb) || jsonb_build_object($2::text, $3::jsonb)
     WHERE id = $1`,
    [orgId, section, JSON.stringify(value)],
  );
}
