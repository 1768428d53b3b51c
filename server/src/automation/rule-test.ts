/**
 * `POST /api/automation-rules/test`: a file read as an import would read it, each row shown
 * before and after the rules, with what validation would then say. Nothing is written.
 */
import { RULE_TEST_MAX_ROWS, type RuleTestResult, type RuleTestRow } from '@tournee/shared';
import type { Actor } from '../audit/audit.ts';
import type { Db } from '../db/db.ts';
import { AppError, found } from '../errors.ts';
import { planColumns } from '../orders/import/headers.ts';
import { IMPORT_MESSAGES, type ImportMessages } from '../orders/import/messages.ts';
import type { RowSource } from '../orders/import/sources.ts';
import { validateRow, windowFields } from '../orders/import/validate-row.ts';
import { cellText } from '../orders/import/values.ts';
import type { EngineRule } from './engine.ts';
import { orgDefaults } from './repo.ts';
import { intakeEngine } from './service.ts';

export interface RuleTestRequest {
  source: RowSource;
  mapping: Record<string, string>;
  /** Rules to try instead of the organisation's enabled ones. */
  rules?: EngineRule[];
  messages?: ImportMessages;
}

/** Runs the rules on the first RULE_TEST_MAX_ROWS rows of the file; reads no further. */
export async function testRules(db: Db, actor: Actor, req: RuleTestRequest): Promise<RuleTestResult> {
  const org = found(await orgDefaults(db, actor.orgId), 'Organisation');
  const m = req.messages ?? IMPORT_MESSAGES.en;
  const { header } = req.source;
  const plan = planColumns(header, org.dimensions, req.mapping, m);
  if (plan.errors.length) {
    throw new AppError(
      'unprocessable',
      m.headerProblems(plan.errors.map((e) => `${e.column}: ${e.message}`).join('; ')),
      {
        details: { errors: plan.errors },
      },
    );
  }
  const engine = await intakeEngine(db, actor.orgId, header, req.rules);
  const columnName = new Map<string, string>();
  plan.fields.forEach((f, i) => {
    if (f && !columnName.has(f)) columnName.set(f, header[i]!);
  });
  const columnOf = (f: string) => columnName.get(f) ?? f;
  const ctx = {
    ...org,
    windows: windowFields(engine ? [...plan.fields, ...engine.writes] : plan.fields),
    messages: m,
  };
  const results: RuleTestRow[] = [];
  let matched = 0;
  let truncated = false;
  outer: for await (const chunk of req.source.rows) {
    for (const src of chunk) {
      if (results.length >= RULE_TEST_MAX_ROWS) {
        truncated = true;
        break outer;
      }
      const record: Record<string, unknown> = {};
      plan.fields.forEach((f, i) => {
        if (f) record[f] = src.cells[i];
      });
      const ran = engine?.run(record, src.cells, true) ?? null;
      if (ran) matched++;
      const valid = validateRow(record, src.row, ctx, columnOf);
      results.push({
        row: src.row,
        ref: cellText(record.ref),
        rulesApplied: ran?.rulesApplied ?? [],
        changes: ran?.changes ?? [],
        errors: valid.ok ? [] : valid.errors.map(({ column, value, message }) => ({ column, value, message })),
      });
    }
  }
  return {
    rows: results.length,
    matched,
    results,
    truncated,
    columns: header.map((h, i) => ({ header: h, field: plan.fields[i] ?? null })),
  };
}
