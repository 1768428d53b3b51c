import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJson, startTestApp, type TestApp } from '../../test/harness.ts';
import { SCOPE_RULES, scopeFor } from '../api-keys/scopes.ts';
import { OPERATIONS } from './operations.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('OpenAPI document', () => {
  it('is served as OpenAPI 3.1 with the request schemas generated from shared', async () => {
    const res = await fetch(`${t.baseUrl}/api/openapi.json`);
    expect(res.status).toBe(200);
    const doc = await readJson(res);
    expect(doc.openapi).toBe('3.1.0');
    const post = doc.paths['/orders'].post;
    expect(post['x-api-key-scope']).toBe('orders:write');
    expect(post.requestBody.content['application/json'].schema.properties.orders).toMatchObject({
      maxItems: 500,
      minItems: 1,
    });
    const webhook = doc.paths['/webhooks'].post.requestBody.content['application/json'].schema;
    expect(webhook.properties.events.items.enum).toContain('order.delivered');
    expect(webhook.required).toEqual(['url', 'events']);
    const list = doc.paths['/orders'].get.parameters.map((p: { name: string }) => p.name);
    expect(list).toEqual(expect.arrayContaining(['status', 'limit', 'updatedSince', 'cursor']));
    expect(doc.paths['/positions/osmand'].get.security).toEqual([]);
    // Inline schemas only: a `$ref` would point into the wrong document.
    expect(JSON.stringify(doc)).not.toContain('"$ref"');
  });

  it('gives each scoped operation the scope the API key middleware asks for', () => {
    for (const op of OPERATIONS.filter((o) => o.scope)) {
      const path = op.path.split('#')[0]!.replace(/\{\w+\}/g, '00000000-0000-4000-8000-000000000000');
      expect(scopeFor(op.method, path), `${op.method} ${op.path}`).toBe(op.scope);
    }
    expect(SCOPE_RULES.length).toBeGreaterThan(0);
  });

  it('serves a docs page listing the operations', async () => {
    const res = await fetch(`${t.baseUrl}/api/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('<code>/api/webhooks/{id}/replay</code>');
    expect(html).toContain('scope orders:write');
  });

  it('describes the automation endpoints (intake rules, plan schedules, order templates) with their schemas', async () => {
    const doc = await readJson(await fetch(`${t.baseUrl}/api/openapi.json`));
    const ops = (path: string) => Object.keys(doc.paths[path] ?? {}).sort();
    expect(ops('/automation-rules')).toEqual(['get', 'post']);
    expect(ops('/automation-rules/{id}')).toEqual(['delete', 'patch']);
    expect(ops('/automation-rules/service-mapping')).toEqual(['post']);
    expect(ops('/automation-rules/reorder')).toEqual(['post']);
    expect(ops('/automation-rules/test')).toEqual(['post']);
    expect(ops('/plan-schedules')).toEqual(['get', 'post']);
    expect(ops('/plan-schedules/{id}')).toEqual(['delete', 'get', 'patch']);
    expect(ops('/order-templates')).toEqual(['get', 'post']);
    expect(ops('/order-templates/{id}')).toEqual(['delete', 'get', 'patch']);
    expect(ops('/order-templates/{id}/generate')).toEqual(['post']);
    const body = (path: string) => doc.paths[path].post.requestBody.content['application/json'].schema;
    expect(body('/plan-schedules').required).toEqual(expect.arrayContaining(['name', 'depotId', 'cron']));
    expect(body('/order-templates').properties.rrule.type).toBe('string');
    expect(Object.keys(body('/automation-rules').properties)).toEqual(expect.arrayContaining(['name', 'then']));
    expect(doc.paths['/plan-schedules/{id}'].patch.parameters).toContainEqual(
      expect.objectContaining({ name: 'id', in: 'path', required: true }),
    );
    // Sessions only: no API key scope opens them.
    expect(doc.paths['/automation-rules'].post['x-api-key-scope']).toBeUndefined();
    const html = await (await fetch(`${t.baseUrl}/api/docs`)).text();
    expect(html).toContain('<code>/api/order-templates/{id}/generate</code>');
  });
});
