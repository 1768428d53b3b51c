/**
 * Order templates: create, change, pause, delete (admin and dispatcher, audited). A template is
 * checked like an import row (the import validation, on its first date) before it is saved,
 * and generates its due occurrences as soon as it is saved.
 */
import {
  type CreateOrderTemplate,
  type GenerationResult,
  type OrderTemplate,
  todayIn,
  type UpdateOrderTemplate,
} from '@tournee/shared';
import { type Actor, insertRecorded, recordEvent } from '../audit/audit.ts';
import type { Db } from '../db/db.ts';
import { AppError, found, notFound } from '../errors.ts';
import { findDepot } from '../fleet/depot-repo.ts';
import { windowFields, validateRow } from '../orders/import/validate-row.ts';
import { findOrganisation } from '../org/repo.ts';
import type { Clock } from '../schedules/clock.ts';
import { type GenerateDeps, generateTemplate } from './generate.ts';
import { laterDay, normaliseRrule, occurrencesBetween, rruleProblem } from './occurrences.ts';
import { importRecord, templateField } from './order-record.ts';
import * as repo from './repo.ts';

export interface TemplateDeps extends GenerateDeps {
  clock: Clock;
}

const bad = (field: string, message: string) =>
  new AppError('bad_request', `${field}: ${message}`, { details: [{ field, message }] });

function toPublic(t: repo.TemplateRecord, now: Date): OrderTemplate {
  const today = todayIn(t.timeZone, now);
  const from = laterDay(t.startsOn, today);
  const to = t.endsOn ?? '9999-12-31';
  return {
    id: t.id,
    ref: t.ref,
    depotId: t.depotId,
    rrule: t.rrule,
    startsOn: t.startsOn,
    endsOn: t.endsOn,
    aheadDays: t.aheadDays,
    paused: t.paused,
    order: t.order,
    nextDates: occurrencesBetween(t.rrule, t.startsOn, from, to, 5),
    generated: t.generated,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
  };
}

/** The checks of a save: the rule, the depot, and the order as an import row would be checked. */
async function check(db: Db, actor: Actor, ref: string, v: repo.TemplateValues) {
  const problem = rruleProblem(v.rrule, v.startsOn);
  if (problem) throw bad('rrule', problem);
  if (v.endsOn !== null && v.endsOn < v.startsOn) throw bad('endsOn', `must not be before startsOn ${v.startsOn}`);
  if (!(await findDepot(db, actor.orgId, v.depotId))) throw bad('depotId', `no depot ${v.depotId}`);
  const org = found(await findOrganisation(db, actor.orgId), 'Organisation');
  const unknownDim = Object.keys(v.order.demand).find((d) => !org.dimensions.includes(d));
  if (unknownDim) throw bad(`order.demand.${unknownDim}`, `is not a dimension (${org.dimensions.join(', ')})`);
  const record = importRecord(ref, v.startsOn, v.order);
  const r = validateRow(
    record,
    1,
    {
      dimensions: org.dimensions,
      defaultCountry: org.defaultCountry.trim().toUpperCase(),
      defaultServiceS: org.defaultServiceS,
      windows: windowFields(Object.keys(record)),
    },
    templateField,
  );
  if (!r.ok) {
    const details = r.errors.map((e) => ({ field: e.column, message: e.message }));
    throw new AppError('bad_request', details.map((d) => `${d.field}: ${d.message}`).join('; '), { details });
  }
}

export async function listTemplates(deps: TemplateDeps, actor: Actor): Promise<OrderTemplate[]> {
  const now = deps.clock.now();
  return (await repo.listTemplates(deps.db, actor.orgId)).map((t) => toPublic(t, now));
}

export async function getTemplate(deps: TemplateDeps, actor: Actor, id: string): Promise<OrderTemplate> {
  const t = found(await repo.findTemplate(deps.db, actor.orgId, id), 'Order template');
  return toPublic(t, deps.clock.now());
}

type Saved = OrderTemplate & { generation: GenerationResult };

async function saveAndGenerate(deps: TemplateDeps, actor: Actor, id: string, templateChanged = false): Promise<Saved> {
  const t = found(await repo.findTemplate(deps.db, actor.orgId, id), 'Order template');
  const generation = await generateTemplate(deps, actor, t, deps.clock.now(), { templateChanged });
  return { ...(await getTemplate(deps, actor, id)), generation };
}

export async function createTemplate(deps: TemplateDeps, actor: Actor, req: CreateOrderTemplate): Promise<Saved> {
  const v: repo.TemplateValues = { ...req, rrule: normaliseRrule(req.rrule) };
  await check(deps.db, actor, req.ref, v);
  const id = await insertRecorded(deps.db, actor, 'order_template', { ...req }, async (tx) => {
    const id = await repo.insertTemplate(tx, actor.orgId, req.ref, v, actor.userId);
    if (!id) throw new AppError('conflict', `ref: a template ${req.ref} exists already`);
    return id;
  });
  return saveAndGenerate(deps, actor, id);
}

export async function updateTemplate(
  deps: TemplateDeps,
  actor: Actor,
  id: string,
  patch: UpdateOrderTemplate,
): Promise<Saved> {
  const changed = await deps.db.transaction(async (tx) => {
    const before = found(await repo.findTemplate(tx, actor.orgId, id, true), 'Order template');
    const v: repo.TemplateValues = {
      depotId: patch.depotId ?? before.depotId,
      rrule: patch.rrule === undefined ? before.rrule : normaliseRrule(patch.rrule),
      startsOn: patch.startsOn ?? before.startsOn,
      endsOn: patch.endsOn === undefined ? before.endsOn : patch.endsOn,
      aheadDays: patch.aheadDays ?? before.aheadDays,
      paused: patch.paused ?? before.paused,
      order: patch.order ?? before.order,
    };
    await check(tx, actor, before.ref, v);
    await repo.updateTemplate(tx, id, v);
    await recordEvent(tx, actor, patch.paused === true && !before.paused ? 'pause' : 'update', 'order_template', id, {
      changed: patch,
    });
    // What the orders are made of: the occurrences nobody edited follow it.
    return JSON.stringify(v.order) !== JSON.stringify(before.order);
  });
  return saveAndGenerate(deps, actor, id, changed);
}

/** Deletes the template; the orders it generated stay. */
export async function deleteTemplate(deps: TemplateDeps, actor: Actor, id: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    if (!(await repo.deleteTemplate(tx, actor.orgId, id))) throw notFound('Order template');
    await recordEvent(tx, actor, 'delete', 'order_template', id);
  });
}

/** Generates now what is due (the same as the daily run), answering what was created. */
export async function generateNow(deps: TemplateDeps, actor: Actor, id: string): Promise<GenerationResult> {
  const t = found(await repo.findTemplate(deps.db, actor.orgId, id), 'Order template');
  return generateTemplate(deps, actor, t, deps.clock.now());
}
