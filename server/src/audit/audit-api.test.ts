import { randomUUID } from 'node:crypto';
import type { AuditEvent } from '@tournee/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg, readJson, startTestApp, TEST_PASSWORD, type TestApp } from '../../test/harness.ts';

describe('GET /api/audit', () => {
  let t: TestApp;
  let otherOrg: string;
  const subject = randomUUID();

  /** Events at chosen times (several in one microsecond: the cursor must still not skip any). */
  const seed = async (orgId: string, rows: { at: string; action: string; entity?: string; userId?: string }[]) => {
    for (const r of rows) {
      await t.db.query(
        `INSERT INTO events (org_id, user_id, action, entity, entity_id, details, at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [orgId, r.userId ?? null, r.action, r.entity ?? 'order', subject, JSON.stringify({ n: r.action }), r.at],
      );
    }
  };
  const all = async (query: string) => {
    const items: AuditEvent[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await t.api(`/audit?${query}&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.status).toBe(200);
      const body = await readJson(res);
      items.push(...body.items);
      cursor = body.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    return items;
  };

  beforeAll(async () => {
    t = await startTestApp();
    otherOrg = (await createTestOrg(t.db)).id;
    const admin = t.org.users.admin.id;
    const dispatcher = t.org.users.dispatcher.id;
    await seed(t.org.id, [
      { at: '2026-03-01T08:00:00.000001Z', action: 'order.update', userId: dispatcher },
      { at: '2026-03-01T08:00:00.000001Z', action: 'order.cancel', userId: dispatcher },
      { at: '2026-03-01T08:00:00.000001Z', action: 'order.status' },
      { at: '2026-03-02T09:30:00Z', action: 'publish', entity: 'route', userId: admin },
      { at: '2026-03-03T10:00:00Z', action: 'order.update', userId: admin },
      { at: '2026-03-31T23:59:59Z', action: 'order.update', userId: dispatcher },
      { at: '2026-04-01T00:00:00Z', action: '=HYPERLINK("http://evil")', userId: dispatcher },
    ]);
    await seed(otherOrg, [{ at: '2026-03-02T09:00:00Z', action: 'order.update' }]);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("pages the organisation's events newest first without skipping or repeating any", async () => {
    const items = await all(`entityId=${subject}`);
    expect(items.map((e) => e.action)).toEqual([
      '=HYPERLINK("http://evil")',
      'order.update',
      'order.update',
      'publish',
      'order.status',
      'order.cancel',
      'order.update',
    ]);
    expect(new Set(items.map((e) => e.id)).size).toBe(7);
    expect(items[3]).toMatchObject({
      entity: 'route',
      userId: t.org.users.admin.id,
      userEmail: t.org.users.admin.email,
    });
    expect(items[4]!.at).toBe('2026-03-01T08:00:00.000001Z');
  });

  it('filters by entity, action, user and time range (a bare `to` date includes its day)', async () => {
    const ids = async (q: string) => (await all(`entityId=${subject}&${q}`)).map((e) => e.action);
    expect(await ids('entity=route')).toEqual(['publish']);
    expect(await ids('action=order.update')).toEqual(['order.update', 'order.update', 'order.update']);
    expect(await ids(`userId=${t.org.users.admin.id}`)).toEqual(['order.update', 'publish']);
    expect(await ids('from=2026-03-02&to=2026-03-31')).toEqual(['order.update', 'order.update', 'publish']);
    expect(await ids('from=2026-03-02T09:30:00Z&to=2026-03-03T10:00:00Z')).toEqual(['publish']);
  });

  it('names the bad parameter: a forged cursor, a range backwards, a user id that is not one', async () => {
    const bad = async (q: string) => {
      const res = await t.api(`/audit?${q}`);
      expect(res.status).toBe(400);
      return (await readJson(res)).error.message as string;
    };
    expect(await bad('cursor=not-ours')).toMatch(/cursor/);
    expect(await bad(`cursor=${Buffer.from('["x","1"]').toString('base64url')}`)).toMatch(/cursor/);
    expect(await bad('from=2026-03-05&to=2026-03-01')).toMatch(/to/);
    expect(await bad('userId=42')).toMatch(/userId/);
    expect(await bad('from=yesterday')).toMatch(/from/);
  });

  it('is for admins only', async () => {
    expect((await t.api('/audit', { as: 'dispatcher' })).status).toBe(403);
    expect((await t.api('/audit', { as: 'driver' })).status).toBe(403);
    expect((await t.api('/audit', { as: null })).status).toBe(401);
  });

  it('exports every matching event as CSV, formulas defused', async () => {
    const res = await t.api(`/audit?entityId=${subject}&format=csv&limit=2`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="audit-/);
    const bytes = Buffer.from(await res.arrayBuffer());
    // UTF-8 with a BOM, so Excel reads accents right.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe('at,action,entity,entity_id,user_id,user_email,details');
    // `limit` pages the JSON; the export has them all.
    expect(lines).toHaveLength(8);
    expect(lines[1]).toMatch(/^2026-04-01T00:00:00\.000000Z,"'=HYPERLINK\(""http:\/\/evil""\)",order,/);
    expect(lines[4]).toContain(`publish,route,${subject},${t.org.users.admin.id},${t.org.users.admin.email},`);
    expect((await t.api(`/audit?format=csv`, { as: 'dispatcher' })).status).toBe(403);
  });

  it('records sign-ins, sign-outs and failed sign-ins (the email tried and the address, never the password)', async () => {
    const login = (email: string, password: string) =>
      fetch(`${t.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
    const user = t.org.users.dispatcher;
    expect((await login(user.email, 'guess-Hunter2')).status).toBe(401);
    expect((await login('nobody@example.org', 'guess-Hunter3')).status).toBe(401);
    const ok = await login(user.email, TEST_PASSWORD);
    expect(ok.status).toBe(200);
    const { token } = await readJson(ok);
    const out = await fetch(`${t.baseUrl}/api/auth/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(out.status).toBe(204);

    const trail = await all(`entity=user&entityId=${user.id}`);
    expect(trail.map((e) => e.action)).toEqual(['auth.sign_out', 'auth.sign_in', 'auth.sign_in_failed']);
    expect(trail[2]).toMatchObject({
      userId: null,
      details: { email: user.email, ip: expect.stringMatching(/127\.0\.0\.1/), reason: 'wrong_password' },
    });
    expect(trail[1]).toMatchObject({ userId: user.id, details: { email: user.email } });
    expect(trail[0]).toMatchObject({ userId: user.id });
    // An unknown email belongs to no organisation: kept, but shown to no organisation's admin.
    const stranger = await t.db.query<{ org_id: string | null; details: Record<string, unknown> }>(
      `SELECT org_id, details FROM events WHERE action = 'auth.sign_in_failed' AND details->>'email' = $1`,
      ['nobody@example.org'],
    );
    expect(stranger.rows).toEqual([
      { org_id: null, details: { email: 'nobody@example.org', ip: expect.any(String), reason: 'unknown_email' } },
    ]);
    expect(await all('action=auth.sign_in_failed')).toHaveLength(1);
    const everything = await t.db.query<{ d: string }>(`SELECT details::text AS d FROM events`);
    expect(everything.rows.filter((r) => /Hunter|correct horse/.test(r.d))).toEqual([]);
  });
});
