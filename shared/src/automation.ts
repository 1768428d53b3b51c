/**
 * Intake rules ("if this, then that") run on every imported order before it is validated, and
 * service mapping (a preset over the same rules). The shape is meant to be scripted by clients:
 * `{ name, enabled, stop, when: { all | any: [{ field, op, value }] }, then: { … } }`.
 */
import { z } from 'zod';

export const RULE_OPS = ['eq', 'in', 'contains', 'startsWith', 'regex', 'gt', 'lt', 'empty'] as const;
export type RuleOp = (typeof RULE_OPS)[number];

/** Proof kinds a rule may ask for; `code` (a delivery code) is refused until the app has one. */
export const RULE_PROOF_KINDS = ['photo', 'signature', 'code'] as const;

/** Patterns past this length are refused (see `regexProblem`). */
export const MAX_REGEX_LENGTH = 200;
/** Rules an organisation may have: each row of a 100,000-row import runs them all. */
export const MAX_RULES = 100;

/**
 * Why a pattern is refused, or null when it is safe to run on every row. JavaScript regexes
 * backtrack, so a pattern like `(a+)+$` can take exponential time on a crafted cell: patterns
 * longer than MAX_REGEX_LENGTH, back-references, and quantified groups that themselves hold a
 * quantifier or an alternation (the shapes behind catastrophic backtracking) are refused.
 */
export function regexProblem(pattern: string): string | null {
  if (pattern.length > MAX_REGEX_LENGTH) return `is longer than ${MAX_REGEX_LENGTH} characters`;
  try {
    new RegExp(pattern, 'iu');
  } catch (err) {
    return `is not a valid regular expression (${(err as Error).message})`;
  }
  if (/\\[1-9]|\\k</.test(pattern)) return 'uses a back-reference, which is not allowed';
  // Walk the groups: a group closed and then quantified must not contain a quantifier or `|`.
  const open: { risky: boolean }[] = [];
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') open.push({ risky: false });
    else if (c === '|' && open.length) open[open.length - 1]!.risky = true;
    else if ('*+?{'.includes(c)) {
      // `(?` opens a special group and `+?`/`*?` is laziness: not quantifiers of their own.
      const prev = pattern[i - 1];
      if (c === '?' && prev !== undefined && '(*+?}'.includes(prev)) continue;
      if (c === '{' && !/^\{\d+(,\d*)?\}/.test(pattern.slice(i))) continue;
      for (const g of open) g.risky = true;
    } else if (c === ')') {
      const g = open.pop();
      const next = pattern[i + 1];
      // `?` after a group repeats it at most once: not a source of backtracking blow-ups.
      const quantified = next !== undefined && '*+{'.includes(next);
      if (g?.risky && quantified)
        return 'repeats a group that itself repeats (nested quantifiers), which is not allowed';
      if (g?.risky && open.length) open[open.length - 1]!.risky = true;
    }
  }
  return null;
}

const text = z.string().trim();

export const RuleCondition = z
  .object({
    /** A canonical field (`postcode`, `demand_kg`) or a column header exactly as written in the file. */
    field: text.min(1).max(200),
    op: z.enum(RULE_OPS),
    /** A string or number; a list for `in`; for `empty`, true (empty) or false (not empty). @default true for empty */
    value: z.union([z.string().max(500), z.number(), z.boolean(), z.array(z.string().max(500)).max(500)]).optional(),
  })
  .superRefine((c, ctx) => {
    const bad = (message: string) => ctx.addIssue({ code: 'custom', path: ['value'], message });
    if (c.op === 'empty') {
      if (c.value !== undefined && typeof c.value !== 'boolean') bad('must be true or false for empty');
      return;
    }
    if (c.op === 'in') {
      if (!Array.isArray(c.value) || c.value.length === 0) bad('must be a non-empty list for in');
      return;
    }
    if (c.value === undefined || Array.isArray(c.value) || typeof c.value === 'boolean') {
      bad(`must be a text or a number for ${c.op}`);
      return;
    }
    if ((c.op === 'gt' || c.op === 'lt') && !Number.isFinite(Number(c.value))) bad(`must be a number for ${c.op}`);
    if (c.op === 'regex') {
      const problem = regexProblem(String(c.value));
      if (problem) bad(`the pattern ${problem}`);
    }
  });
export type RuleCondition = z.infer<typeof RuleCondition>;

export const RuleWhen = z.union([
  z.object({ all: z.array(RuleCondition).max(50) }).strict(),
  z.object({ any: z.array(RuleCondition).min(1).max(50) }).strict(),
]);
export type RuleWhen = z.infer<typeof RuleWhen>;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM');
const skill = text.min(1).max(50);

export const RuleThen = z
  .object({
    priority: z.number().int().min(0).max(100).optional(),
    addSkills: z.array(skill).max(20).optional(),
    removeSkills: z.array(skill).max(20).optional(),
    /** Replaces the row's windows. */
    timeWindows: z
      .array(z.object({ start: hhmm, end: hhmm }).refine((w) => w.end > w.start, 'end must be after start'))
      .max(4)
      .optional(),
    /** The delivery date: this many working days (Monday–Friday) after the import date; 0 is that day. */
    dateOffsetDays: z.number().int().min(0).max(60).optional(),
    serviceMin: z
      .number()
      .min(0)
      .max(24 * 60)
      .optional(),
    /** Demand per dimension of the organisation: `{ kg: 5 }`. */
    demand: z.record(text.min(1).max(30), z.number().min(0)).optional(),
    depotId: z.uuid().optional(),
    /** Proof the delivered stop must carry (added to what the file asks). */
    requireProof: z.array(z.enum(RULE_PROOF_KINDS)).max(3).optional(),
    /** New orders are put on hold (a dispatcher releases them). */
    hold: z.boolean().optional(),
    tags: z.array(text.min(1).max(50)).max(20).optional(),
  })
  .strict();
export type RuleThen = z.infer<typeof RuleThen>;

/** A rule's fields, without defaults: a PATCH leaves out what it keeps (see AutomationRulePatch). */
const ruleFields = {
  name: text.min(1).max(200),
  enabled: z.boolean(),
  /** When this rule fires, the rules after it are not run for that row. */
  stop: z.boolean(),
  when: RuleWhen,
  // biome-ignore lint/suspicious/noThenProperty: `then` is the rule's public shape (issue 16)
  then: RuleThen,
};

/** What a client sends to create or replace a rule. */
export const AutomationRuleInput = z.object({
  ...ruleFields,
  enabled: ruleFields.enabled.default(true),
  /** @default false */
  stop: ruleFields.stop.default(false),
});
export type AutomationRuleInput = z.infer<typeof AutomationRuleInput>;

/** Rules tried without being saved (`rules` of POST /api/automation-rules/test). */
export const RuleList = z.array(AutomationRuleInput).max(MAX_RULES);

/** PATCH: any of the fields; one left out keeps its value (zod applies defaults even under `.partial()`). */
export const AutomationRulePatch = z.object(ruleFields).partial();
export type AutomationRulePatch = z.infer<typeof AutomationRulePatch>;

/** `POST /api/automation-rules/reorder`: every rule id, in the new order. */
export const ReorderRulesRequest = z.object({ ids: z.array(z.uuid()).min(1).max(MAX_RULES) });
export type ReorderRulesRequest = z.infer<typeof ReorderRulesRequest>;

/** A stored rule. */
export interface AutomationRule extends AutomationRuleInput {
  id: string;
  /** 1-based rank: rules run in this order. */
  position: number;
  createdAt: string;
  updatedAt: string;
}

/**
 * Service mapping: "when column X is V, then …". `POST /api/automation-rules/service-mapping`
 * makes one ordinary rule of it (name, `when: { all: [{ field: column, op: 'eq', value }] }`).
 */
export const ServiceMappingInput = z.object({
  column: text.min(1).max(200),
  value: text.min(1).max(500),
  name: text.min(1).max(200).optional(),
  // biome-ignore lint/suspicious/noThenProperty: `then` is the rule's public shape (issue 16)
  then: RuleThen,
  stop: z.boolean().default(false),
});
export type ServiceMappingInput = z.infer<typeof ServiceMappingInput>;

/** A field a rule changed on a row, as text before and after. */
export interface RuleChange {
  field: string;
  before: string;
  after: string;
}

/** The rules that fired on one row of an import, and what they changed. */
export interface RowRules {
  /** The row as the spreadsheet shows it (the header is row 1). */
  row: number;
  ref: string;
  /** Names of the rules applied, in the order they ran. */
  rulesApplied: string[];
  changes: RuleChange[];
}

/** What an import answer adds about rules (only rows some rule fired on, up to 1,000). */
export interface ImportRulesOutcome {
  rulesApplied?: RowRules[];
  rulesAppliedTruncated?: boolean;
}

/** One row of `POST /api/automation-rules/test`: before/after, and whether it would import. */
export interface RuleTestRow extends RowRules {
  /** Problems validation would report for the row after the rules (empty: it imports). */
  errors: { column: string; value: string; message: string }[];
}

/** The answer of `POST /api/automation-rules/test` (nothing is written). */
export interface RuleTestResult {
  rows: number;
  /** Rows some rule fired on. */
  matched: number;
  /** Every row read, up to `RULE_TEST_MAX_ROWS`. */
  results: RuleTestRow[];
  truncated: boolean;
  columns: { header: string; field: string | null }[];
}

export const RULE_TEST_MAX_ROWS = 200;
