/**
 * Golden files for the import's parsing and validation, in the manner of Turf's test/in and
 * test/out: each file in `in/` (CSV with comma, semicolon or tab, UTF-8 with and without BOM,
 * Windows-1252, French headers and number/date habits, XLSX) is read by the import's own source,
 * column plan and row validation, and what comes out (columns, orders, row errors) must equal
 * `out/<file>.json`. After a deliberate change, `REGEN=1 npx vitest run test/golden` rewrites the
 * outputs: review their diff like code.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { planColumns } from '../../src/orders/import/headers.ts';
import { csvSource, type RowSource, xlsxSource } from '../../src/orders/import/sources.ts';
import { validateRow, windowFields } from '../../src/orders/import/validate-row.ts';

const IN = new URL('./in/', import.meta.url);
const OUT = new URL('./out/', import.meta.url);
const DIMENSIONS = ['kg'];

/** Everything the import decides about a file before writing it, as plain JSON. */
async function readImport(name: string): Promise<unknown> {
  const bytes = readFileSync(new URL(name, IN));
  const input = Readable.from([bytes]);
  const source: RowSource = name.endsWith('.xlsx') ? await xlsxSource(input) : await csvSource(input);
  const plan = planColumns(source.header, DIMENSIONS);
  const columnName = new Map<string, string>();
  plan.fields.forEach((f, i) => {
    if (f && !columnName.has(f)) columnName.set(f, source.header[i]!);
  });
  const ctx = {
    dimensions: DIMENSIONS,
    defaultCountry: 'FR',
    defaultServiceS: 300,
    windows: windowFields(plan.fields),
  };
  const orders: unknown[] = [];
  const errors: unknown[] = [];
  for await (const chunk of source.rows) {
    for (const src of chunk) {
      const record: Record<string, unknown> = {};
      plan.fields.forEach((f, i) => {
        if (f) record[f] = src.cells[i];
      });
      const r = validateRow(record, src.row, ctx, (f) => columnName.get(f) ?? f);
      if (r.ok) orders.push({ row: src.row, ...r.row });
      else errors.push(...r.errors);
    }
  }
  return {
    format: source.format,
    delimiter: source.delimiter ?? null,
    columns: Object.fromEntries(source.header.map((h, i) => [h, plan.fields[i] ?? null])),
    ignored: plan.ignored,
    headerErrors: plan.errors,
    orders,
    errors,
  };
}

/** JSON as the repository's formatter (Biome) writes it: arrays of plain values on one line when they fit. */
function formatJson(value: unknown): string {
  const text = JSON.stringify(value, null, 2).replace(
    /^( *)(.*)\[\n((?:\1 {2}[^\n[\]{}]*\n)+)\1\]/gm,
    (whole, indent: string, head: string, body: string) => {
      const line = `${indent}${head}[${body
        .trim()
        .split(/,?\n\s*/)
        .join(', ')}]`;
      return line.length <= 120 ? line : whole;
    },
  );
  return `${text}\n`;
}

describe('import golden files', () => {
  const files = readdirSync(IN).sort();
  it('has the variants it is meant to cover', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'comma.csv',
        'semicolon-french.csv',
        'tab.csv',
        'utf8-bom.csv',
        'windows-1252.csv',
        'sheet.xlsx',
      ]),
    );
  });

  for (const name of files) {
    it(`reads ${name} as out/${name}.json says`, async () => {
      const actual = formatJson(await readImport(name));
      const out = new URL(`${name}.json`, OUT);
      if (process.env.REGEN) writeFileSync(out, actual);
      expect(JSON.parse(actual)).toEqual(JSON.parse(readFileSync(out, 'utf8')));
    });
  }
});
