/**
 * The days of an order template: its RRULE read on local dates of the depot's zone. Dates are
 * computed as midnights UTC standing for local days ("floating" dates): a weekly rule only
 * concerns days, and a zone's DST change must not move a Tuesday to a Monday. Which day is
 * "today" is the only thing the zone decides (todayIn, from the Clock).
 */
import { createRequire } from 'node:module';
import type * as RRuleLib from 'rrule';

// rrule ships CommonJS to Node (its ESM build is for bundlers): Node's ESM loader finds no named
// exports in it, so it is required.
const { RRule, rrulestr } = createRequire(import.meta.url)('rrule') as typeof RRuleLib;

const SUB_DAILY = new Set([RRule.HOURLY, RRule.MINUTELY, RRule.SECONDLY]);
const DAY_MS = 86_400_000;

const utcMidnight = (d: string) => new Date(`${d}T00:00:00Z`);

/** The rule text without any `RRULE:` prefix, upper-cased: how it is stored. */
export function normaliseRrule(text: string): string {
  return text
    .trim()
    .replace(/^RRULE:/i, '')
    .toUpperCase();
}

function parse(rule: string, startsOn: string): RRuleLib.RRule {
  const r = rrulestr(`DTSTART:${startsOn.replaceAll('-', '')}T000000Z\nRRULE:${normaliseRrule(rule)}`);
  if (!(r instanceof RRule)) throw new Error('must be one RRULE');
  return r;
}

/** What is wrong with the rule, or null. */
export function rruleProblem(rule: string, startsOn: string): string | null {
  const text = normaliseRrule(rule);
  if (/DTSTART|RDATE|EXDATE|\n/.test(text)) return 'must be one RRULE line without DTSTART (the template has startsOn)';
  try {
    const r = parse(text, startsOn);
    if (SUB_DAILY.has(r.options.freq)) return 'must repeat by days (FREQ=DAILY, WEEKLY, MONTHLY or YEARLY)';
    if (r.origOptions.byhour !== undefined || r.origOptions.byminute !== undefined)
      return 'must not name hours or minutes';
    return null;
  } catch (err) {
    return `is not a valid RRULE (${err instanceof Error ? err.message : String(err)})`;
  }
}

/** The occurrence days from `from` to `to` inclusive (YYYY-MM-DD), at most `limit`. */
export function occurrencesBetween(rule: string, startsOn: string, from: string, to: string, limit = 1000): string[] {
  if (to < from) return [];
  const r = parse(rule, startsOn);
  const out: string[] = [];
  r.between(utcMidnight(from), new Date(utcMidnight(to).getTime() + DAY_MS - 1), true, (d) => {
    out.push(d.toISOString().slice(0, 10));
    return out.length < limit;
  });
  return out;
}

/** The later of two days (YYYY-MM-DD compares as text). */
export const laterDay = (a: string, b: string): string => [a, b].sort()[1]!;
/** The earlier of two days. */
export const earlierDay = (a: string, b: string): string => [a, b].sort()[0]!;
