/**
 * Intake rules on the real app and PostgreSQL: the /api/automation-rules endpoints (audited),
 * and the rules running inside the orders import — in order, with `stop`, on columns the import
 * does not map, as a service mapping — and the test endpoint that writes nothing.
 */
import { todayIn } from '@tournee/shared';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readJson, startTestApp, type TestApp } from '../../test/harness.ts';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked by the assertions
type Json = any;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());
beforeEach(async () => {
  await t.db.query('DELETE FROM automation_rules WHERE org_id = $1', [t.org.id]);
});

const call = async (
  method: string,
  path: string,
  body?: unknown,
  as: 'admin' | 'dispatcher' | 'driver' = 'dispatcher',
) => {
  const res = await t.api(path, { method, as, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: res.status, body: res.status === 204 ? null : ((await readJson(res)) as Json) };
};
const importCsv = async (csv: string, query = '') => {
  const res = await t.api(`/orders/import${query}`, {
    method: 'POST',
    body: csv,
    headers: { 'content-type': 'text/csv' },
    as: 'dispatcher',
  });
  return { status: res.status, body: (await res.json()) as Json };
};
const order = async (ref: string) =>
  (
    await t.db.query<Json>(
      `SELECT priority, skills, to_char(date_from, 'YYYY-MM-DD') AS date_from, tags, status, require_proof
         FROM orders WHERE org_id = $1 AND ref = $2`,
      [t.org.id, ref],
    )
  ).rows[0];

const HEADER = 'ref,name,lat,lon,date,Option de livraison,Canal,Code postal';
const line = (ref: string, option: string, channel: string, postcode = '69002') =>
  `${ref},Client,45.76,4.83,2026-03-05,${option},${channel},${postcode}`;

describe('automation rules API', () => {
  it('creates, lists in order, reorders, changes and deletes rules, each change audited', async () => {
    const a = await call('POST', '/automation-rules', {
      name: 'A',
      when: { all: [] },
      // biome-ignore lint/suspicious/noThenProperty: the rule's public shape
      then: { priority: 10 },
    });
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({ name: 'A', enabled: true, stop: false, position: 1 });
    const b = await call('POST', '/automation-rules', {
      name: 'B',
      when: { any: [{ field: 'Canal', op: 'eq', value: 'web' }] },
      // biome-ignore lint/suspicious/noThenProperty: the rule's public shape
      then: { tags: ['web'] },
    });
    expect(b.body.position).toBe(2);

    const reordered = await call('POST', '/automation-rules/reorder', { ids: [b.body.id, a.body.id] });
    expect(reordered.body.map((r: Json) => r.name)).toEqual(['B', 'A']);
    expect((await call('POST', '/automation-rules/reorder', { ids: [a.body.id] })).status).toBe(400);

    const off = await call('PATCH', `/automation-rules/${a.body.id}`, { enabled: false });
    expect(off.body).toMatchObject({ enabled: false, name: 'A' });
    // A field left out of a PATCH keeps its value: renaming the rule neither switches it back on nor clears `stop`.
    await call('PATCH', `/automation-rules/${a.body.id}`, { stop: true });
    const renamed = await call('PATCH', `/automation-rules/${a.body.id}`, { name: 'A2' });
    expect(renamed.body).toMatchObject({ enabled: false, stop: true, name: 'A2' });
    expect((await call('GET', '/automation-rules')).body.find((r: Json) => r.id === a.body.id)).toMatchObject({
      enabled: false,
      stop: true,
    });
    expect((await call('DELETE', `/automation-rules/${b.body.id}`)).status).toBe(204);
    expect((await call('GET', '/automation-rules')).body.map((r: Json) => r.name)).toEqual(['A2']);

    const events = await t.db.query<{ action: string }>(
      `SELECT action FROM events WHERE org_id = $1 AND entity = 'automation_rule' ORDER BY id`,
      [t.org.id],
    );
    expect(events.rows.map((e) => e.action)).toEqual([
      'automation_rule.create',
      'automation_rule.create',
      'automation_rule.reorder',
      'automation_rule.update',
      'automation_rule.update',
      'automation_rule.update',
      'automation_rule.delete',
    ]);
  });

  it('refuses a catastrophic regex, a delivery code and a driver, naming the field', async () => {
    const regex = await call('POST', '/automation-rules', {
      name: 'Bad',
      when: { all: [{ field: 'Canal', op: 'regex', value: '(a+)+$' }] },
      // biome-ignore lint/suspicious/noThenProperty: the rule's public shape
      then: { priority: 1 },
    });
    expect(regex.status).toBe(400);
    expect(regex.body.error.message).toMatch(/when\.all\[0\]\.value: the pattern repeats a group/);
    const code = await call('POST', '/automation-rules', {
      name: 'Code',
      when: { all: [] },
      // biome-ignore lint/suspicious/noThenProperty: the rule's public shape
      then: { requireProof: ['code'] },
    });
    // Delivery codes are supported: a rule may require one.
    expect(code.status).toBe(201);
    expect((await call('GET', '/automation-rules', undefined, 'driver')).status).toBe(403);
  });
});

describe('intake rules in the orders import', () => {
  it('fires rules in order, a stop rule ending the row, and lists rulesApplied per row', async () => {
    await call('POST', '/automation-rules', {
      name: 'Lyon 2e',
      when: { all: [{ field: 'postcode', op: 'startsWith', value: '6900' }] },
      // biome-ignore lint/suspicious/noThenProperty: the rule's public shape
      then: { priority: 30, addSkills: ['city'] },
      stop: true,
    });
    await call('POST', '/automation-rules', {
      name: 'Everyone else',
      when: { all: [] },
      // biome-ignore lint/suspicious/noThenProperty: the rule's public shape
      then: { priority: 5 },
    });
    const res = await importCsv(
      [
        HEADER.replace('Code postal', 'postcode'),
        line('O1', 'Standard', 'web'),
        line('O2', 'Standard', 'web', '13001'),
      ].join('\n'),
    );
    expect(res.status).toBe(200);
    expect(res.body.rulesApplied).toEqual([
      {
        row: 2,
        ref: 'O1',
        rulesApplied: ['Lyon 2e'],
        changes: [
          { field: 'priority', before: '', after: '30' },
          { field: 'skills', before: '', after: 'city' },
        ],
      },
      { row: 3, ref: 'O2', rulesApplied: ['Everyone else'], changes: [{ field: 'priority', before: '', after: '5' }] },
    ]);
    expect(await order('O1')).toMatchObject({ priority: 30, skills: ['city'] });
    expect(await order('O2')).toMatchObject({ priority: 5, skills: [] });
  });

  it('matches a regex on a column the import does not map (tags and hold)', async () => {
    await call('POST', '/automation-rules', {
      name: 'Marketplace',
      when: { all: [{ field: 'Canal', op: 'regex', value: '^(amazon|cdiscount)-' }] },
      // biome-ignore lint/suspicious/noThenProperty: the rule's public shape
      then: { tags: ['marketplace'], hold: true },
    });
    const res = await importCsv(
      [HEADER, line('M1', 'Standard', 'Amazon-FR'), line('M2', 'Standard', 'web')].join('\n'),
    );
    expect(res.body.ignoredColumns).toContain('Canal');
    expect(res.body.rulesApplied.map((r: Json) => r.ref)).toEqual(['M1']);
    expect(await order('M1')).toMatchObject({ tags: ['marketplace'], status: 'on_hold' });
    expect(await order('M2')).toMatchObject({ tags: [], status: 'imported' });
  });

  it('turns "Option de livraison = Express" into priority, today and a skill, and re-imports unchanged', async () => {
    const mapping = await call('POST', '/automation-rules/service-mapping', {
      column: 'Option de livraison',
      value: 'Express',
      // biome-ignore lint/suspicious/noThenProperty: the rule's public shape
      then: { priority: 90, dateOffsetDays: 0, addSkills: ['express'], requireProof: ['photo'] },
    });
    expect(mapping.status).toBe(201);
    expect(mapping.body).toMatchObject({
      name: 'Option de livraison = Express',
      when: { all: [{ field: 'Option de livraison', op: 'eq', value: 'Express' }] },
    });
    const csv = [HEADER, line('E1', 'Express', 'web'), line('E2', 'Standard', 'web')].join('\n');
    const first = await importCsv(csv);
    expect(first.body).toMatchObject({ created: 2, rejected: 0 });
    expect(await order('E1')).toMatchObject({
      priority: 90,
      skills: ['express'],
      date_from: todayIn('UTC'), // the test organisation has no depot: its zone is UTC
      require_proof: ['photo'],
    });
    expect(await order('E2')).toMatchObject({ priority: 0, date_from: '2026-03-05' });

    const again = await importCsv(csv);
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
  });

  it('runs on orders created through POST /api/orders, which go through the same pipeline', async () => {
    await call('POST', '/automation-rules/service-mapping', {
      column: 'deliveryOption',
      value: 'Express',
      // biome-ignore lint/suspicious/noThenProperty: the rule's public shape
      then: { priority: 90, addSkills: ['express'] },
    });
    const res = await call('POST', '/orders', {
      orders: [{ ref: 'API1', name: 'Client', lat: 45.76, lon: 4.83, date: '2026-03-05', deliveryOption: 'Express' }],
    });
    expect(res.status).toBeLessThan(300);
    expect(await order('API1')).toMatchObject({ priority: 90, skills: ['express'] });
  });

  it('shows the values after the rules in the dry-run preview', async () => {
    await call('POST', '/automation-rules', {
      name: 'Express',
      when: { all: [{ field: 'Option de livraison', op: 'eq', value: 'express' }] },
      // biome-ignore lint/suspicious/noThenProperty: the rule's public shape
      then: { priority: 90 },
    });
    const res = await importCsv(
      ['ref,name,lat,lon,date,priority,Option de livraison', 'D1,Client,45.76,4.83,2026-03-05,1,Express'].join('\n'),
      '?dryRun=true',
    );
    expect(res.body.dryRun).toBe(true);
    expect(res.body.preview[0][5]).toBe('90');
    expect(res.body.rulesApplied[0]).toMatchObject({
      ref: 'D1',
      changes: [{ field: 'priority', before: '1', after: '90' }],
    });
    expect(await order('D1')).toBeUndefined();
  });

  it('tries unsaved rules on a file with /automation-rules/test, writing nothing', async () => {
    const form = new FormData();
    form.set(
      'rules',
      JSON.stringify([
        {
          name: 'Express',
          when: { all: [{ field: 'Option de livraison', op: 'eq', value: 'Express' }] },
          // biome-ignore lint/suspicious/noThenProperty: the rule's public shape
          then: { priority: 90, serviceMin: 200000 },
        },
      ]),
    );
    form.set(
      'file',
      new Blob([[HEADER, line('T1', 'Express', 'web'), line('T2', 'Standard', 'web')].join('\n')]),
      'sample.csv',
    );
    const before = await t.db.query('SELECT count(*)::int AS n FROM orders WHERE org_id = $1', [t.org.id]);
    const res = await t.api('/automation-rules/test', { method: 'POST', body: form, as: 'dispatcher' });
    const body = (await res.json()) as Json;
    expect(res.status).toBe(400); // serviceMin above 24 h is refused by the schema, naming it
    expect(body.error.message).toMatch(/rules: Invalid rules: \[0\]\.then\.serviceMin|serviceMin/);

    form.set(
      'rules',
      JSON.stringify([
        {
          name: 'Express',
          when: { all: [{ field: 'Option de livraison', op: 'eq', value: 'Express' }] },
          // biome-ignore lint/suspicious/noThenProperty: the rule's public shape
          then: { priority: 90 },
        },
      ]),
    );
    const ok = await t.api('/automation-rules/test', { method: 'POST', body: form, as: 'dispatcher' });
    const result = (await ok.json()) as Json;
    expect(ok.status).toBe(200);
    expect(result).toMatchObject({ rows: 2, matched: 1, truncated: false });
    expect(result.results[0]).toMatchObject({
      row: 2,
      ref: 'T1',
      rulesApplied: ['Express'],
      changes: [{ field: 'priority', before: '', after: '90' }],
      errors: [],
    });
    expect(result.results[1]).toMatchObject({ ref: 'T2', rulesApplied: [], changes: [] });
    const after = await t.db.query('SELECT count(*)::int AS n FROM orders WHERE org_id = $1', [t.org.id]);
    expect(after.rows[0]).toEqual(before.rows[0]);
  });
});
