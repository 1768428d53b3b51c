/** SQL of intake rules: one row per rule, run in `position` order within an organisation. */
import type { AutomationRule, AutomationRuleInput, RuleThen, RuleWhen } from '@tournee/shared';
import type { Db } from '../db/db.ts';
import type { AutomationRulesRow } from '../db/rows/automation_rules.ts';
import { orgDimensions } from '../org/repo.ts';

type RuleRow = Pick<
  AutomationRulesRow,
  'id' | 'position' | 'name' | 'enabled' | 'stop' | 'created_at' | 'updated_at'
> & {
  when: RuleWhen;
  then: RuleThen;
};

const COLUMNS = 'id, position, name, enabled, stop, "when", "then", created_at, updated_at';

const toRule = (r: RuleRow): AutomationRule => ({
  id: r.id,
  position: r.position,
  name: r.name,
  enabled: r.enabled,
  stop: r.stop,
  when: r.when,
  // biome-ignore lint/suspicious/noThenProperty: `then` is the rule's public shape (issue 16)
  then: r.then,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

/** Every rule of the organisation, in the order they run. */
export async function listRules(db: Db, orgId: string, onlyEnabled = false): Promise<AutomationRule[]> {
  const { rows } = await db.query<RuleRow>(
    `SELECT ${COLUMNS} FROM automation_rules WHERE org_id = $1 ${onlyEnabled ? 'AND enabled' : ''}
      ORDER BY position, created_at, id`,
    [orgId],
  );
  return rows.map(toRule);
}

export async function getRule(db: Db, orgId: string, id: string): Promise<AutomationRule | null> {
  const { rows } = await db.query<RuleRow>(`SELECT ${COLUMNS} FROM automation_rules WHERE org_id = $1 AND id = $2`, [
    orgId,
    id,
  ]);
  return rows[0] ? toRule(rows[0]) : null;
}

export async function countRules(db: Db, orgId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM automation_rules WHERE org_id = $1', [
    orgId,
  ]);
  return rows[0]!.n;
}

/** Adds a rule after the others. */
export async function insertRule(db: Db, orgId: string, r: AutomationRuleInput): Promise<AutomationRule> {
  const { rows } = await db.query<RuleRow>(
    `INSERT INTO automation_rules (org_id, position, name, enabled, stop, "when", "then")
     VALUES ($1, (SELECT coalesce(max(position), 0) + 1 FROM automation_rules WHERE org_id = $1), $2, $3, $4, $5, $6)
     RETURNING ${COLUMNS}`,
    [orgId, r.name, r.enabled, r.stop, JSON.stringify(r.when), JSON.stringify(r.then)],
  );
  return toRule(rows[0]!);
}

export async function updateRule(
  db: Db,
  orgId: string,
  id: string,
  r: AutomationRuleInput,
): Promise<AutomationRule | null> {
  const { rows } = await db.query<RuleRow>(
    `UPDATE automation_rules SET name = $3, enabled = $4, stop = $5, "when" = $6, "then" = $7, updated_at = now()
      WHERE org_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
    [orgId, id, r.name, r.enabled, r.stop, JSON.stringify(r.when), JSON.stringify(r.then)],
  );
  return rows[0] ? toRule(rows[0]) : null;
}

export async function deleteRule(db: Db, orgId: string, id: string): Promise<boolean> {
  const res = await db.query('DELETE FROM automation_rules WHERE org_id = $1 AND id = $2', [orgId, id]);
  return (res.rowCount ?? 0) > 0;
}

/** Gives the rules positions 1..n in the order of `ids` (which must be every rule's id). */
export async function setOrder(db: Db, orgId: string, ids: string[]): Promise<void> {
  await db.query(
    `UPDATE automation_rules r SET position = o.n, updated_at = now()
       FROM unnest($2::uuid[]) WITH ORDINALITY AS o(id, n)
      WHERE r.org_id = $1 AND r.id = o.id`,
    [orgId, ids],
  );
}

/** True when the depot is the organisation's and not deleted. */
export async function depotExists(db: Db, orgId: string, depotId: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM depots WHERE org_id = $1 AND id = $2 AND deleted_at IS NULL', [
    orgId,
    depotId,
  ]);
  return rows.length > 0;
}

/** The organisation's dimensions and the import date in its first depot's zone. */
export async function intakeContext(db: Db, orgId: string): Promise<{ dimensions: string[]; timeZone: string }> {
  const { rows } = await db.query<{ time_zone: string }>(
    'SELECT time_zone FROM depots WHERE org_id = $1 AND deleted_at IS NULL ORDER BY created_at, id LIMIT 1',
    [orgId],
  );
  return { dimensions: await orgDimensions(db, orgId), timeZone: rows[0]?.time_zone ?? 'UTC' };
}

/** What validating a row needs of the organisation (see orders/import/validate-row.ts). */
export { orgDefaults } from '../org/repo.ts';
