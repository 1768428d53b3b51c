import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJson, startTestApp, type TestApp } from '../../test/harness.ts';

describe('sending a driver their sign-in link', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_URL: 'https://tournee.example' });
  });
  afterAll(() => t.close());

  const newDriver = async (body: Record<string, unknown>) => {
    const res = await t.api('/drivers', { method: 'POST', body: JSON.stringify(body), as: 'dispatcher' });
    expect(res.status).toBe(201);
    return (await readJson(res)).id as string;
  };
  const send = (id: string, body: Record<string, unknown>) =>
    t.api(`/drivers/${id}/access/send`, { method: 'POST', body: JSON.stringify(body), as: 'dispatcher' });
  const outbox = async (recipient: string) =>
    (
      await t.db.query<{ channel: string; trigger: string; body: string; status: string; order_id: string | null }>(
        'SELECT channel, trigger, body, status, order_id FROM notifications WHERE recipient = $1 AND org_id = $2',
        [recipient, t.org.id],
      )
    ).rows;

  it('queues by SMS the very link the dispatcher was shown, once per link', async () => {
    const id = await newDriver({ name: 'Inès Martin', phone: '+33612345678' });
    const access = await readJson(
      await t.api(`/drivers/${id}/access`, { method: 'POST', body: '{}', as: 'dispatcher' }),
    );
    const res = await send(id, { channel: 'sms', token: access.token });
    expect(res.status).toBe(202);
    expect(await readJson(res)).toMatchObject({ channel: 'sms', recipient: '+33612345678', queued: true });
    const rows = await outbox('+33612345678');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ channel: 'sms', trigger: 'driver_access', status: 'pending', order_id: null });
    expect(rows[0]!.body).toContain(access.link);
    // A second click on "Send by SMS" for the same link writes nothing new.
    expect(await readJson(await send(id, { channel: 'sms', token: access.token }))).toMatchObject({ queued: false });
    expect(await outbox('+33612345678')).toHaveLength(1);
  });

  it('issues a new link when none is given, and sends it by email in English', async () => {
    const id = await newDriver({ name: 'Sam Wood', email: 'sam@example.com' });
    const res = await send(id, { channel: 'email', locale: 'en' });
    expect(res.status).toBe(202);
    const out = await readJson(res);
    expect(out.access.link).toMatch(/^https:\/\/tournee\.example\/driver\/#token=/);
    const rows = await outbox('sam@example.com');
    expect(rows[0]!.body).toBe(`Hello Sam Wood, your ${await orgName()} sign-in link: ${out.access.link}`);
  });

  const orgName = async () =>
    (await t.db.query<{ name: string }>('SELECT name FROM organisations WHERE id = $1', [t.org.id])).rows[0]!.name;

  it('answers 422 naming the phone when the driver has none', async () => {
    const id = await newDriver({ name: 'Sans Téléphone', email: 'st@example.com' });
    const res = await send(id, { channel: 'sms' });
    expect(res.status).toBe(422);
    const body = await readJson(res);
    expect(body.error.message).toMatch(/^phone: Sans Téléphone has no phone number/);
    expect(await t.db.query('SELECT 1 FROM driver_access WHERE driver_id = $1', [id])).toMatchObject({ rows: [] });
  });

  it('refuses a revoked link', async () => {
    const id = await newDriver({ name: 'Revoked', phone: '+33698765432' });
    const access = await readJson(
      await t.api(`/drivers/${id}/access`, { method: 'POST', body: '{}', as: 'dispatcher' }),
    );
    expect((await t.api(`/drivers/${id}/access`, { method: 'DELETE', as: 'dispatcher' })).status).toBe(204);
    const res = await send(id, { channel: 'sms', token: access.token });
    expect(res.status).toBe(422);
    expect(await outbox('+33698765432')).toHaveLength(0);
  });
});
