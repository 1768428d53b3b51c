/**
 * What other modules read of an organisation beside rows of their own (its name on a message,
 * its locale and country, its dimensions, its settings as stored): one or many at a time, so a
 * batch over several organisations costs one statement.
 */
import type { Db } from '../db/db.ts';
import type { OrganisationsRow } from '../db/rows/organisations.ts';

export interface OrgProfile {
  id: string;
  name: string;
  locale: string;
  /** ISO 3166 alpha-2, trimmed (the column is fixed-width). */
  defaultCountry: string;
  dimensions: string[];
  /** The settings as stored ({} when none): each module applies its own defaults. */
  settings: Record<string, unknown>;
}

type ProfileRow = Pick<OrganisationsRow, 'id' | 'name' | 'locale' | 'default_country' | 'dimensions'> & {
  settings: Record<string, unknown> | null;
};

const toProfile = (r: ProfileRow): OrgProfile => ({
  id: r.id,
  name: r.name,
  locale: r.locale,
  defaultCountry: r.default_country.trim(),
  dimensions: r.dimensions,
  settings: r.settings ?? {},
});

/** The profiles of these organisations, by id (unknown ids absent). */
export async function orgProfiles(db: Db, orgIds: readonly string[]): Promise<Map<string, OrgProfile>> {
  const ids = [...new Set(orgIds)];
  if (ids.length === 0) return new Map();
  const { rows } = await db.query<ProfileRow>(
    'SELECT id, name, locale, default_country, dimensions, settings FROM organisations WHERE id = ANY($1::uuid[])',
    [ids],
  );
  return new Map(rows.map((r) => [r.id, toProfile(r)]));
}

/** The profile of one organisation, or null for an unknown id. */
export async function orgProfile(db: Db, orgId: string): Promise<OrgProfile | null> {
  return (await orgProfiles(db, [orgId])).get(orgId) ?? null;
}
