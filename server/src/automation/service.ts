/**
 * Intake rules as the organisation keeps them: checked against its depots and dimensions,
 * every change audited in the same transaction, and compiled for an import (intakeEngine).
 */
import {
  type AutomationRule,
  type AutomationRuleInput,
  type AutomationRulePatch,
  MAX_RULES,
  type ServiceMappingInput,
  todayIn,
} from '@tournee/shared';
import { type Actor, recordEvent } from '../audit/audit.ts';
import type { Db } from '../db/db.ts';
import { AppError, found, notFound } from '../errors.ts';
import { compileRules, type EngineRule, type RuleEngine } from './engine.ts';
import * as repo from './repo.ts';
import { serviceMappingRule } from './service-mapping.ts';

/** Refuses what the schema cannot know: a depot of another organisation, an unknown dimension. */
async function checkAgainstOrg(db: Db, orgId: string, r: AutomationRuleInput): Promise<void> {
  if (r.then.depotId && !(await repo.depotExists(db, orgId, r.then.depotId)))
    throw new AppError('bad_request', `then.depotId: no depot ${r.then.depotId}`);
  const demand = Object.keys(r.then.demand ?? {});
  if (demand.length) {
    const { dimensions } = await repo.intakeContext(db, orgId);
    const unknown = demand.find((d) => !dimensions.includes(d));
    if (unknown !== undefined)
      throw new AppError(
        'bad_request',
        `then.demand.${unknown}: not a dimension of the organisation (${dimensions.join(', ')})`,
      );
  }
}

export const listRules = (db: Db, orgId: string) => repo.listRules(db, orgId);

export async function createRule(db: Db, actor: Actor, input: AutomationRuleInput): Promise<AutomationRule> {
  return db.transaction(async (tx) => {
    await checkAgainstOrg(tx, actor.orgId, input);
    if ((await repo.countRules(tx, actor.orgId)) >= MAX_RULES)
      throw new AppError('conflict', `The organisation already has ${MAX_RULES} rules`);
    const rule = await repo.insertRule(tx, actor.orgId, input);
    await recordEvent(tx, actor, 'automation_rule.create', 'automation_rule', rule.id, { rule: input });
    return rule;
  });
}

/** Service mapping: one rule "column = value → actions", added after the others. */
export function createServiceMapping(db: Db, actor: Actor, input: ServiceMappingInput): Promise<AutomationRule> {
  return createRule(db, actor, serviceMappingRule(input));
}

export async function updateRule(
  db: Db,
  actor: Actor,
  id: string,
  patch: AutomationRulePatch,
): Promise<AutomationRule> {
  return db.transaction(async (tx) => {
    const old = found(await repo.getRule(tx, actor.orgId, id), 'Rule');
    const next: AutomationRuleInput = {
      name: patch.name ?? old.name,
      enabled: patch.enabled ?? old.enabled,
      stop: patch.stop ?? old.stop,
      when: patch.when ?? old.when,
      // biome-ignore lint/suspicious/noThenProperty: `then` is the rule's public shape (issue 16)
      then: patch.then ?? old.then,
    };
    await checkAgainstOrg(tx, actor.orgId, next);
    const rule = (await repo.updateRule(tx, actor.orgId, id, next))!;
    await recordEvent(tx, actor, 'automation_rule.update', 'automation_rule', id, { changed: patch });
    return rule;
  });
}

export async function deleteRule(db: Db, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const old = await repo.getRule(tx, actor.orgId, id);
    if (!old || !(await repo.deleteRule(tx, actor.orgId, id))) throw notFound('Rule');
    await recordEvent(tx, actor, 'automation_rule.delete', 'automation_rule', id, { name: old.name });
  });
}

/** Puts the rules in the order of `ids`, which must name every rule once. */
export async function reorderRules(db: Db, actor: Actor, ids: string[]): Promise<AutomationRule[]> {
  return db.transaction(async (tx) => {
    const current = await repo.listRules(tx, actor.orgId);
    const known = new Set(current.map((r) => r.id));
    const given = new Set(ids);
    if (given.size !== ids.length) throw new AppError('bad_request', 'ids: a rule is listed twice');
    const stray = ids.find((id) => !known.has(id));
    if (stray) throw new AppError('bad_request', `ids: no rule ${stray}`);
    if (given.size !== known.size) throw new AppError('bad_request', `ids: list all ${known.size} rules`);
    await repo.setOrder(tx, actor.orgId, ids);
    await recordEvent(tx, actor, 'automation_rule.reorder', 'automation_rule', null, { ids });
    return repo.listRules(tx, actor.orgId);
  });
}

/**
 * The rules an import of a file with `header` runs: the organisation's enabled rules (or
 * `override`, for a preview of rules not saved yet), dates counted from today in the first
 * depot's zone. Null when there are no rules.
 */
export async function intakeEngine(
  db: Db,
  orgId: string,
  header: readonly string[],
  override?: readonly EngineRule[],
  now: Date = new Date(),
): Promise<RuleEngine | null> {
  const rules = override ?? (await repo.listRules(db, orgId, true));
  if (rules.length === 0) return null;
  const { dimensions, timeZone } = await repo.intakeContext(db, orgId);
  return compileRules(rules, { header, dimensions, today: todayIn(timeZone, now) });
}
