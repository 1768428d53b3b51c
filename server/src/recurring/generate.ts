/**
 * Generation of a template's orders: the occurrences from the depot's today to `aheadDays`
 * ahead (within startsOn..endsOn) that were never generated become orders through the import
 * pipeline (validation, geocoding, the organisation's rules, audit), one import per template
 * run. An occurrence is generated once (order_template_occurrences): an order edited,
 * rescheduled or cancelled since is left as it is. When the template itself changes, the
 * occurrences to come that nobody edited (the order still has the content hash the template
 * gave it) are written again from it. A paused template generates nothing.
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

/**
 * Writes the orders of `dates` through the import, then records them as occurrences with the
 * content hash they now have. Answers the dates written and those the validation refused.
 */
async function writeOccurrences(deps: GenerateDeps, actor: Actor, t: repo.TemplateRecord, dates: string[]) {
  const rejected: GenerationResult['rejected'] = [];
  if (dates.length === 0) return { written: [] as string[], rejected };
  const imported = await runImport(deps, actor, {
    source: jsonSource(dates.map((d) => importRecord(t.ref, d, t.order))),
    filename: `template ${t.ref}`,
    partial: true,
    mapping: {},
  });
  const rejectedRows = new Map<number, string>();
  for (const e of imported.errors) {
    if (!rejectedRows.has(e.row)) rejectedRows.set(e.row, `${e.column}: ${e.message}`);
  }
  // jsonSource numbers its rows from 1, in the order given.
  dates.forEach((d, i) => {
    const message = rejectedRows.get(i + 1);
    if (message) rejected.push({ date: d, message });
  });
  const refused = new Set(rejected.map((r) => r.date));
  const orders = await repo.ordersByRef(
    deps.db,
    t.orgId,
    dates.map((d) => occurrenceRef(t.ref, d)),
  );
  const rows = dates.flatMap((d) => {
    const o = orders.get(occurrenceRef(t.ref, d));
    return o && !refused.has(d) ? [{ date: d, orderId: o.id, contentHash: o.contentHash }] : [];
  });
  await repo.recordOccurrences(deps.db, t.id, rows);
  return { written: rows.map((r) => r.date), rejected };
}

export async function generateTemplate(
  deps: GenerateDeps,
  actor: Actor,
  t: repo.TemplateRecord,
  now: Date,
  opts: { templateChanged?: boolean } = {},
): Promise<GenerationResult> {
  const result: GenerationResult = { templateId: t.id, created: [], updated: [], rejected: [] };
  if (t.paused) return result;
  const today = todayIn(t.timeZone, now);
  if (opts.templateChanged) {
    const { written, rejected } = await writeOccurrences(
      deps,
      actor,
      t,
      await repo.uneditedOccurrences(deps.db, t.id, today),
    );
    result.updated = written;
    result.rejected.push(...rejected);
  }
  const dates = dueDates(t, today);
  if (dates.length === 0) return result;
  const done = await repo.generatedDates(deps.db, t.id, dates);
  const todo = dates.filter((d) => !done.has(d));
  if (todo.length === 0) return result;
  // An order already holding an occurrence's ref (imported by hand, say) is adopted, not rewritten.
  const taken = await repo.ordersByRef(
    deps.db,
    t.orgId,
    todo.map((d) => occurrenceRef(t.ref, d)),
  );
  const adopted = todo.flatMap((d) => {
    const o = taken.get(occurrenceRef(t.ref, d));
    return o ? [{ date: d, orderId: o.id, contentHash: o.contentHash }] : [];
  });
  // An adopted order is not the template's writing: an empty hash keeps it from following the template.
  await repo.recordOccurrences(
    deps.db,
    t.id,
    adopted.map((a) => ({ ...a, contentHash: '' })),
    'keep',
  );
  const { written, rejected } = await writeOccurrences(
    deps,
    actor,
    t,
    todo.filter((d) => !taken.has(occurrenceRef(t.ref, d))),
  );
  result.created = written;
  result.rejected.push(...rejected);
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
