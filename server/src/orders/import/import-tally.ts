/**
 * What one import has found so far: the counts, the row errors and warnings it answers with, and
 * the rejected rows waiting to be stored for the rejected-rows CSV. Every step of the pipeline
 * reports to it; it is the import's only mutable state besides the database.
 */
import type { ImportRowError, ImportWarning } from '@tournee/shared';
import type { ImportCounts, Rejection } from './import-repo.ts';
import type { ImportSetup } from './import-setup.ts';
import type { SourceRow } from './sources.ts';
import type { ValidRow } from './validate-row.ts';
import { cellText } from './values.ts';

/** Errors and warnings listed in the response; the rejected-rows CSV has every error. */
export const MAX_ERRORS_IN_RESPONSE = 1000;

/** A validated row on its way to the database. */
export interface Pending {
  source: SourceRow;
  row: ValidRow;
  hash: string;
  /** True once the geocoder placed it (its warnings then name the address, not lat/lon). */
  geocoded: boolean;
  /** The row has no service_min of its own: it takes the time learned at its address. */
  learnService: boolean;
}

/** A cell as the rejected-rows CSV should show it, so it re-imports as it was meant. */
export function displayCell(v: unknown): string {
  if (v instanceof Date) {
    if (v.getUTCFullYear() <= 1900) return v.toISOString().slice(11, 16); // an XLSX time cell
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  return cellText(v);
}

const NONE: ImportWarning[] = [];

export class ImportTally {
  readonly counts: ImportCounts = { rows: 0, created: 0, updated: 0, unchanged: 0, rejected: 0 };
  readonly errors: ImportRowError[] = [];
  readonly warnings: ImportWarning[] = [];
  /** Rows stored for the rejected-rows CSV (a row rejected twice keeps both errors). */
  readonly kept = new Set<number>();
  /** Rejected rows past the cap: counted and reported, not stored. */
  dropped = 0;
  private rejections: Rejection[] = [];

  constructor(
    private readonly setup: ImportSetup,
    /** Rejected rows stored at most (IMPORT_REJECTIONS_MAX_ROWS). */
    private readonly maxKept: number,
  ) {}

  /** A row the import refuses, with why. */
  reject(source: SourceRow, errs: ImportRowError[]): void {
    this.counts.rejected++;
    for (const e of errs) if (this.errors.length < MAX_ERRORS_IN_RESPONSE + 1) this.errors.push(e);
    if (this.kept.size >= this.maxKept && !this.kept.has(source.row)) {
      this.dropped++;
      return;
    }
    this.kept.add(source.row);
    this.rejections.push({ row: source.row, errors: errs, cells: source.cells.map(displayCell) });
  }

  /** A row (`ref`, read from `source`) whose order is dispatched or later, which the file would change. */
  conflict(ref: string, source: SourceRow, status: string): void {
    const { columnOf, ctx } = this.setup;
    const message = ctx.messages.conflict(ref, status);
    this.reject(source, [{ row: source.row, column: columnOf('ref'), value: ref, message }]);
  }

  /** Lists what the fleet cannot do for a row that is (or, once fixed, would be) imported. */
  warn(p: Pending): void {
    this.addWarnings(this.warningsFor(p));
  }

  /** What the fleet cannot do for a row, to be listed later (addWarnings); none once the answer's list is full. */
  warningsFor(p: Pending): ImportWarning[] {
    const { check, warningColumnOf } = this.setup;
    if (!check || !this.listsWarnings()) return NONE;
    return check(p.row, p.source.row, warningColumnOf, p.geocoded ? 'address' : 'lat');
  }

  /** Whether the answer's list of warnings still takes more (warnings found elsewhere, as warningsFor). */
  listsWarnings(): boolean {
    return this.warnings.length <= MAX_ERRORS_IN_RESPONSE;
  }

  addWarnings(ws: readonly ImportWarning[]): void {
    for (const w of ws) this.warnings.push(w);
  }

  /** Rejected rows not stored yet. */
  get unstored(): number {
    return this.rejections.length;
  }

  /** Hands over the rejected rows not stored yet, to be stored. */
  takeRejections(): Rejection[] {
    const out = this.rejections;
    this.rejections = [];
    return out;
  }
}
