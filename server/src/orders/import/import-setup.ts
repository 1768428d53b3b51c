/**
 * The first step of an import, before any row is read: the organisation's settings, the header
 * checked and planned into fields, the intake rules compiled, the fleet summarised. A bad header
 * is refused here, before anything is written.
 */
import type { Actor } from '../../audit/audit.ts';
import { learnedServiceDefaults } from '../../analytics/learned-service.ts';
import type { RuleEngine } from '../../automation/engine.ts';
import { intakeEngine } from '../../automation/service.ts';
import type { Db } from '../../db/db.ts';
import { columnNamer, warningColumnNamer } from './check-rows.ts';
import { AppError } from '../../errors.ts';
import { type FleetSummary, loadFleetSummary } from '../../fleet/fleet-summary.ts';
import { orgDefaults } from '../../org/repo.ts';
import { type ColumnPlan, planColumns } from './headers.ts';
import { IMPORT_MESSAGES, type ImportMessages } from './messages.ts';
import type { ImportRequest } from './pipeline.ts';
import { type RowCheck, type ServiceabilityOptions, serviceabilityCheck } from './serviceability.ts';
import { type RowContext, windowFields, withoutNul } from './validate-row.ts';

/** Everything an import decided before reading its rows; it does not change while they are read. */
export interface ImportSetup {
  orgId: string;
  header: string[];
  plan: ColumnPlan;
  /** The intake rules (automation/), or null when the organisation has none. */
  rules: RuleEngine | null;
  ctx: RowContext & { messages: ImportMessages };
  /** The column of a field as the file names it (messages name it). */
  columnOf: (field: string) => string;
  /** The column a warning names: `date`, or `date_from` when the file has no `date`. */
  warningColumnOf: (field: string) => string;
  /** What the fleet cannot do for a row; null when there is no fleet to check against. */
  check: RowCheck | null;
  /** What `check` was made from (plain data: the row thread makes the same check from it). */
  checkInput: { fleet: FleetSummary; opts: Omit<ServiceabilityOptions, 'messages'> };
  /** The service times learned at each address (analytics/), loaded on first use. */
  learned: ReturnType<typeof learnedServiceDefaults>;
}

/** Reads what the import needs to know; throws AppError for a header the import cannot use. */
export async function prepareImport(db: Db, actor: Actor, req: ImportRequest): Promise<ImportSetup> {
  const o = await orgDefaults(db, actor.orgId);
  if (!o) throw new AppError('not_found', 'Organisation not found');
  const { header } = req.source;
  const m = req.messages ?? IMPORT_MESSAGES.en;
  refuseNulInHeader(header, m);
  const plan = planColumns(header, o.dimensions, req.mapping, m);
  // Intake rules run on each row before it is validated (automation/): they see every column.
  const rules = await intakeEngine(db, actor.orgId, header, req.rules);
  const ctx = {
    dimensions: o.dimensions,
    defaultCountry: o.defaultCountry,
    defaultServiceS: o.defaultServiceS,
    windows: windowFields(rules ? [...plan.fields, ...rules.writes] : plan.fields),
    messages: m,
  };
  if (plan.errors.length) {
    throw new AppError(
      'unprocessable',
      m.headerProblems(plan.errors.map((e) => `${e.column}: ${e.message}`).join('; ')),
      { details: { errors: plan.errors } },
    );
  }
  const columnOf = columnNamer(header, plan.fields);
  // The fleet is read once; each row is then checked in memory (a few comparisons, no query).
  const checkInput = {
    fleet: await loadFleetSummary(db, actor.orgId),
    opts: {
      dimensions: o.dimensions,
      maxDepotDistanceKm: req.maxDepotDistanceKm,
      today: new Date().toISOString().slice(0, 10),
    },
  };
  return {
    orgId: actor.orgId,
    header,
    plan,
    rules,
    ctx,
    columnOf,
    warningColumnOf: warningColumnNamer(columnOf, plan.fields),
    check: serviceabilityCheck(checkInput.fleet, { ...checkInput.opts, messages: m }),
    checkInput,
    // Rows without service_min take the service time learned at their address (analytics/).
    learned: learnedServiceDefaults(actor.orgId),
  };
}

/** PostgreSQL text cannot hold NUL: a header with one is refused, naming its column. */
function refuseNulInHeader(header: string[], m: ImportMessages): void {
  const nulAt = header.findIndex((h) => h.includes('\0'));
  if (nulAt < 0) return;
  const column = withoutNul(header[nulAt]!);
  const error = { row: 1, column, value: column, message: m.nulInHeader(nulAt + 1) };
  throw new AppError('unprocessable', error.message, { details: { errors: [error] } });
}
