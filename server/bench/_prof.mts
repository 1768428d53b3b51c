import { createReadStream } from 'node:fs';
import { csvSource } from '../src/orders/import/sources.ts';
import { planColumns } from '../src/orders/import/headers.ts';
import { validateRow } from '../src/orders/import/validate-row.ts';
import { hashRow } from '../src/orders/import/pipeline.ts';
const file = process.argv[2]!;
let t0 = performance.now();
const src = await csvSource(createReadStream(file));
let n = 0;
const rows: any[] = [];
for await (const r of src.rows) { n++; if (rows.length < 100000) rows.push(r); }
console.log('parse', n, (performance.now() - t0).toFixed(0), 'ms');
const plan = planColumns(src.header, ['kg','m3','parcels']);
const ctx = { dimensions: ['kg','m3','parcels'], defaultCountry: 'FR', defaultServiceS: 300 };
t0 = performance.now();
const valid: any[] = [];
for (const r of rows) { const rec: any = {}; plan.fields.forEach((f, i) => { if (f) rec[f] = r.cells[i]; }); const v = validateRow(rec, r.row, ctx); if (v.ok) valid.push(v.row); }
console.log('validate', valid.length, (performance.now() - t0).toFixed(0), 'ms');
t0 = performance.now();
for (const v of valid) hashRow(v);
console.log('hash', (performance.now() - t0).toFixed(0), 'ms');
t0 = performance.now();
const { parsePhoneNumberFromString } = await import('libphonenumber-js');
for (let i = 0; i < 100000; i++) parsePhoneNumberFromString('06 12 34 56 78', 'FR')!.isValid();
console.log('phone', (performance.now() - t0).toFixed(0), 'ms');
t0 = performance.now();
JSON.stringify(valid.slice(0, 2000));
console.log('json 2000', (performance.now() - t0).toFixed(1), 'ms');
