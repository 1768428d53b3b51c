/**
 * Generation of a template's orders: the occurrences from the depot's today to `aheadDays`
 * ahead (within startsOn..endsOn) that were never generated become orders through the import
 * pipeline (validation, geocoding, the organisation's rules, audit), one import per template
 * run. An occurrence is generated once (order_template_occurrences): an order edited,
 * rescheduled or cancelled since is left as it is. A paused template generates nothing.
 */
import { addDays, type GenerationResult, todayIn } from '@tournee/shared';
import { type Actor, systemActor } from '../audit/audit.ts';
import type { Db } from '../db/db.ts';
import type { Geocoder } from '../geocoding/geocoder.ts';
import type { Logger } from '../logger.ts';
import { runImport } from '../orders/import/pipeline.ts';
import { jsonSource } from '../orders/import/sources.ts';
import { earlierDay, laterDay, occurrencesBetween } from './occurrences.ts';
import { importRecord, occurrenceRef } from './order-record.ts';
import * as repo from './repo.ts';

export interface GenerateDeps {
  db: Db;
  geocoder: Geocoder | null;
}

/** The dates a template covers from `today`: today … today + aheadDays, within its own range. */
export function dueDates(t: repo.TemplateRecord, today: string): string[] {
  const horizon = addDays(today, t.aheadDays);
  const to = t.endsOn === null ? horizon : earlierDay(t.endsOn, horizon);
  return occurrencesBetween(t.rrule, t.startsOn, laterDay(t.startsOn, today), to);
}

export async function generateTemplate(
  deps: GenerateDeps,
  actor: Actor,
  t: repo.TemplateRecord,
  now: Date,
): Promise<GenerationResult> {
  const result: GenerationResult = { templateId: t.id, created: [], rejected: [] };
  if (t.paused) return result;
  const dates = dueDates(t, todayIn(t.timeZone, now));
  if (dates.length === 0) return result;
  const done = await repo.generatedDates(deps.db, t.id, dates);
  const todo = dates.filter((d) => !done.has(d));
  if (todo.length === 0) return result;
  // An order already holding an occurrence's ref (imported by hand, say) is adopted, not rewritten.
  const taken = await repo.orderIdsByRef(
    deps.db,
    t.orgId,
    todo.map((d) => occurrenceRef(t.ref, d)),
  );
  const fresh = todo.filter((d) => !taken.has(occurrenceRef(t.ref, d)));
  if (fresh.length > 0) {
    const imported = await runImport(deps, actor, {
      source: jsonSource(fresh.map((d) => importRecord(t.ref, d, t.order))),
      filename: `template ${t.ref}`,
      partial: true,
      mapping: {},
    });
    const rejectedRows = new Map<number, string>();
    for (const e of imported.errors) {
      if (!rejectedRows.has(e.row)) rejectedRows.set(e.row, `${e.column}: ${e.message}`);
    }
    // jsonSource numbers its rows from 1, in the order given.
    fresh.forEach((d, i) => {
      const message = rejectedRows.get(i + 1);
      if (message) result.rejected.push({ date: d, message });
    });
  }
  const ids = await repo.orderIdsByRef(
    deps.db,
    t.orgId,
    todo.map((d) => occurrenceRef(t.ref, d)),
  );
  const rows = todo.flatMap((d) => {
    const orderId = ids.get(occurrenceRef(t.ref, d));
    return orderId ? [{ date: d, orderId }] : [];
  });
  await repo.recordOccurrences(deps.db, t.id, rows);
  result.created = rows.filter((r) => !taken.has(occurrenceRef(t.ref, r.date))).map((r) => r.date);
  return result;
}

/**
 * The daily generation (on the scheduler's loop): each active template once per local day of
 * its depot, by the one process whose claim of (template, day) succeeds.
 */
export async function generateDue(deps: GenerateDeps & { log: Logger }, now: Date): Promise<void> {
  for (const t of await repo.activeTemplates(deps.db)) {
    try {
      if (!(await repo.claimDailyRun(deps.db, t.id, todayIn(t.timeZone, now), now))) continue;
      const r = await generateTemplate(deps, systemActor(t.orgId), t, now);
      if (r.created.length || r.rejected.length) {
        deps.log.info(
          { templateId: t.id, created: r.created.length, rejected: r.rejected },
          'recurring orders generated',
        );
      }
    } catch (err) {
      deps.log.error({ err, templateId: t.id }, 'recurring orders: generation failed');
    }
  }
}
