/**
 * The intake rule engine: pure, no I/O. Rules are compiled once per import against the file's
 * header, then run on each row's record (canonical field → raw cell) before it is validated:
 * a rule's `then` writes canonical fields (priority, skills, windows, dates…) as cells, so the
 * values it sets are validated like the file's own. What is not a field of the file (depot,
 * hold, tags) comes back as extras.
 *
 * Runs 100,000 times in a big import: conditions are resolved to a column index or a field
 * name up front, values lower-cased once, and nothing is allocated for a row no rule fires on.
 */
import type { RuleChange, RuleCondition, RuleThen, RuleWhen } from '@tournee/shared';
import { addDays, isoWeekday, type LocalDate } from '@tournee/shared';
import { isCanonicalField, normaliseHeader } from '../orders/import/headers.ts';
import { cellText, parseList } from '../orders/import/values.ts';

/** A rule as the engine needs it (disabled rules are left out by the caller). */
export interface EngineRule {
  name: string;
  stop: boolean;
  when: RuleWhen;
  then: RuleThen;
}

/** What rules give a row beyond the file's fields. */
export interface RowExtras {
  depotId: string | null;
  hold: boolean;
  tags: string[];
}

/** The outcome of the rules on one row that at least one rule fired on. */
export interface RuleRun {
  rulesApplied: string[];
  /** Set when some rule gave a depot, a hold or tags. */
  extras: RowExtras | null;
  /** What changed, field by field (only when asked to trace: it costs a little per row). */
  changes: RuleChange[] | null;
}

export interface RuleEngine {
  /** The canonical fields some rule may write (their windows must be known before the first row). */
  writes: string[];
  /** Runs the rules on one row, changing `record` in place; null when none fired. */
  run(record: Record<string, unknown>, cells: readonly unknown[], trace: boolean): RuleRun | null;
}

/** Cells longer than this are cut before a regex runs on them: no pattern runs on a huge cell. */
export const REGEX_INPUT_LIMIT = 1000;

/** A cell's text as conditions compare it (cellText: trimmed, plain spaces). */
type Read = (record: Record<string, unknown>, cells: readonly unknown[]) => string;
type Test = (record: Record<string, unknown>, cells: readonly unknown[]) => boolean;

/**
 * The texts of the raw columns conditions read, computed once per row however many conditions
 * read them (cells never change; canonical fields may, so they are read each time).
 */
class ColumnTexts {
  private readonly texts: string[] = [];
  private readonly seen: number[] = [];
  private rowNo = 0;
  /** Starts a new row: every text cached so far is stale. */
  next(): void {
    this.rowNo++;
  }
  get(cells: readonly unknown[], i: number): string {
    if (this.seen[i] === this.rowNo) return this.texts[i]!;
    const t = cellText(cells[i]);
    this.texts[i] = t;
    this.seen[i] = this.rowNo;
    return t;
  }
}

const WINDOW_KEY = /^tw\d*_(start|end)$/;

/**
 * Where a condition reads: a canonical field (its current value, after earlier rules), else the
 * column whose header is exactly `field`, else one whose header matches it ignoring case and
 * accents. A field the file does not have reads as empty.
 */
function reader(field: string, header: readonly string[], columns: ColumnTexts): Read {
  if (isCanonicalField(field)) return (record) => cellText(record[field]);
  let at = header.indexOf(field);
  if (at < 0) at = header.findIndex((h) => h.trim() === field.trim());
  if (at < 0) {
    const want = normaliseHeader(field);
    at = header.findIndex((h) => normaliseHeader(h) === want);
  }
  if (at < 0) return () => '';
  const i = at;
  return (_record, cells) => columns.get(cells, i);
}

/** True when case cannot matter: the (lower-cased) text has no letter with an upper case. */
const caseless = (lower: string) => lower === lower.toUpperCase();

/** '12,5' and '1 200' as numbers too (French spreadsheets); NaN for anything else. */
function toNumber(s: string): number {
  if (s === '') return Number.NaN;
  let t = s.includes(',') ? s.replace(',', '.') : s;
  if (t.includes(' ')) t = t.replaceAll(' ', '');
  return Number(t);
}

function condition(c: RuleCondition, header: readonly string[], columns: ColumnTexts): Test {
  const text = reader(c.field, header, columns);
  switch (c.op) {
    case 'empty': {
      const wantEmpty = c.value !== false;
      return (r, cells) => (text(r, cells) === '') === wantEmpty;
    }
    case 'in': {
      const values = (c.value as string[]).map((v) => v.trim().toLowerCase());
      const set = new Set(values);
      // Values without letters (postcodes, numbers): the cell's case cannot matter, keep it as is.
      if (values.every(caseless)) return (r, cells) => set.has(text(r, cells));
      return (r, cells) => set.has(text(r, cells).toLowerCase());
    }
    case 'eq': {
      if (typeof c.value === 'number') {
        const wantN = c.value;
        return (r, cells) => toNumber(text(r, cells)) === wantN;
      }
      const want = String(c.value).trim().toLowerCase();
      if (caseless(want)) return (r, cells) => text(r, cells) === want;
      return (r, cells) => {
        const t = text(r, cells);
        return t.length === want.length && t.toLowerCase() === want;
      };
    }
    case 'contains': {
      const want = String(c.value).toLowerCase();
      if (caseless(want)) return (r, cells) => text(r, cells).includes(want);
      return (r, cells) => text(r, cells).toLowerCase().includes(want);
    }
    case 'startsWith': {
      const want = String(c.value).trim().toLowerCase();
      if (caseless(want)) return (r, cells) => text(r, cells).startsWith(want);
      return (r, cells) => {
        const t = text(r, cells);
        return t.length >= want.length && t.slice(0, want.length).toLowerCase() === want;
      };
    }
    case 'regex': {
      // Checked safe when saved (regexProblem: no nested quantifiers, no back-references).
      const re = new RegExp(String(c.value), 'iu');
      return (r, cells) => re.test(text(r, cells).slice(0, REGEX_INPUT_LIMIT));
    }
    case 'gt':
    case 'lt': {
      const limit = Number(c.value);
      const gt = c.op === 'gt';
      return (r, cells) => {
        const n = toNumber(text(r, cells));
        return !Number.isNaN(n) && (gt ? n > limit : n < limit);
      };
    }
  }
}

function matcher(when: RuleWhen, header: readonly string[], columns: ColumnTexts): Test {
  if ('all' in when) {
    const tests = when.all.map((c) => condition(c, header, columns));
    return (r, cells) => {
      for (const t of tests) if (!t(r, cells)) return false;
      return true;
    };
  }
  const tests = when.any.map((c) => condition(c, header, columns));
  return (r, cells) => {
    for (const t of tests) if (t(r, cells)) return true;
    return false;
  };
}

/** The local date `n` working days (Monday–Friday) after `day`; 0 is `day` itself. */
export function addWorkingDays(day: LocalDate, n: number): LocalDate {
  let d = day;
  for (let left = n; left > 0; ) {
    d = addDays(d, 1);
    if (isoWeekday(d) <= 5) left--;
  }
  return d;
}

const DATE_FIELDS = new Set(['date', 'date_from', 'date_to']);
/** 'from' or 'from–to' when the range spans days. */
const range = (from: string, to: string) => (to && to !== from ? `${from}–${to}` : from);

const windowKey = (i: number, edge: 'start' | 'end') => (i === 0 ? `tw_${edge}` : `tw${i + 1}_${edge}`);

/** The canonical fields a rule's `then` writes. */
function fieldsWritten(then: RuleThen, dimensions: readonly string[]): string[] {
  const out: string[] = [];
  if (then.priority !== undefined) out.push('priority');
  if (then.addSkills || then.removeSkills) out.push('skills');
  for (let i = 0; i < (then.timeWindows?.length ?? 0); i++) out.push(windowKey(i, 'start'), windowKey(i, 'end'));
  if (then.dateOffsetDays !== undefined) out.push('date', 'date_from', 'date_to');
  if (then.serviceMin !== undefined) out.push('service_min');
  for (const dim of Object.keys(then.demand ?? {})) if (dimensions.includes(dim)) out.push(`demand_${dim}`);
  if (then.requireProof) out.push('require_proof');
  return out;
}

/** A rule's actions as one function writing the record (and, when tracing, noting values before). */
function action(then: RuleThen, today: LocalDate, dimensions: readonly string[]) {
  const date = then.dateOffsetDays === undefined ? null : addWorkingDays(today, then.dateOffsetDays);
  const demand = Object.entries(then.demand ?? {}).filter(([dim]) => dimensions.includes(dim));
  const addedSkills = then.addSkills?.length && !then.removeSkills?.length ? then.addSkills.join(',') : null;
  const proofText = then.requireProof ? then.requireProof.join(',') : null;
  return (record: Record<string, unknown>, run: RowState, before: Map<string, string> | null) => {
    const set = (field: string, value: unknown) => {
      if (before && !before.has(field)) before.set(field, cellText(record[field]));
      record[field] = value;
    };
    if (then.priority !== undefined) set('priority', then.priority);
    if (then.addSkills || then.removeSkills) {
      // A row without skills (most rows) takes the added ones as they are: no list to merge.
      if (addedSkills !== null && cellText(record.skills) === '') set('skills', addedSkills);
      else {
        let skills = parseList(record.skills);
        for (const s of then.addSkills ?? []) if (!skills.includes(s)) skills.push(s);
        if (then.removeSkills) skills = skills.filter((s) => !then.removeSkills!.includes(s));
        set('skills', skills.join(','));
      }
    }
    if (then.timeWindows) {
      for (const k in record) if (WINDOW_KEY.test(k) && cellText(record[k]) !== '') set(k, '');
      then.timeWindows.forEach((w, i) => {
        set(windowKey(i, 'start'), w.start);
        set(windowKey(i, 'end'), w.end);
      });
    }
    if (date) {
      if (cellText(record.date) !== '') set('date', '');
      set('date_from', date);
      set('date_to', date);
    }
    if (then.serviceMin !== undefined) set('service_min', then.serviceMin);
    for (const [dim, n] of demand) set(`demand_${dim}`, n);
    if (proofText !== null) {
      if (cellText(record.require_proof) === '') set('require_proof', proofText);
      else {
        const kinds = parseList(record.require_proof);
        for (const k of then.requireProof!) if (!kinds.includes(k)) kinds.push(k);
        set('require_proof', kinds.join(','));
      }
    }
    if (then.depotId !== undefined || then.hold !== undefined || then.tags) {
      run.extras ??= { depotId: null, hold: false, tags: [] };
      const x = run.extras;
      if (then.depotId !== undefined) x.depotId = then.depotId;
      if (then.hold !== undefined) x.hold = then.hold;
      for (const t of then.tags ?? []) if (!x.tags.includes(t)) x.tags.push(t);
    }
  };
}

export interface EngineContext {
  /** The file's headers, as written. */
  header: readonly string[];
  /** The organisation's dimensions (a demand on another dimension is ignored). */
  dimensions: readonly string[];
  /** The import date (the depot's local date): dateOffsetDays counts from it. */
  today: LocalDate;
}

/** What the rules of one row gave so far beyond its fields (reused from row to row). */
interface RowState {
  extras: RowExtras | null;
}

/** Compiles enabled rules, in the order they run; null when there are none. */
export function compileRules(rules: readonly EngineRule[], ctx: EngineContext): RuleEngine | null {
  if (rules.length === 0) return null;
  const columns = new ColumnTexts();
  const compiled = rules.map((r) => ({
    name: r.name,
    stop: r.stop,
    test: matcher(r.when, ctx.header, columns),
    act: action(r.then, ctx.today, ctx.dimensions),
  }));
  const writes = [...new Set(rules.flatMap((r) => fieldsWritten(r.then, ctx.dimensions)))];
  const state: RowState = { extras: null };
  return {
    writes,
    run(record, cells, trace) {
      columns.next();
      state.extras = null;
      let applied: string[] | null = null;
      const before = trace ? new Map<string, string>() : null;
      for (const rule of compiled) {
        if (!rule.test(record, cells)) continue;
        rule.act(record, state, before);
        applied ??= [];
        applied.push(rule.name);
        if (rule.stop) break;
      }
      if (!applied) return null;
      let changes: RuleChange[] | null = null;
      if (before) {
        changes = [];
        const dated = before.has('date_from');
        for (const [field, was] of before) {
          if (dated && DATE_FIELDS.has(field)) continue;
          const now = cellText(record[field]);
          if (now !== was) changes.push({ field, before: was, after: now });
        }
        // The date as one change, as the user thinks of it (the file's date or range → the new one).
        if (dated) {
          const was = range(before.get('date_from') || before.get('date') || '', before.get('date_to') ?? '');
          const now = range(cellText(record.date_from), cellText(record.date_to));
          if (now !== was) changes.push({ field: 'date', before: was, after: now });
        }
        const x = state.extras as RowExtras | null;
        if (x?.depotId) changes.push({ field: 'depotId', before: '', after: x.depotId });
        if (x?.hold) changes.push({ field: 'hold', before: '', after: 'true' });
        if (x?.tags.length) changes.push({ field: 'tags', before: '', after: x.tags.join(',') });
      }
      return { rulesApplied: applied, extras: state.extras, changes };
    },
  };
}
