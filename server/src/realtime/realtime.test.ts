import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failInterruptedPlans, insertPlan, markRunning } from '../planning/plan-repo.ts';
import { type PlanningTestApp, startPlanningApp } from '../../test/support/planning-app.ts';

describe('/dispatch socket namespace', () => {
  let t: PlanningTestApp;
  beforeAll(async () => {
    t = await startPlanningApp();
  });
  afterAll(() => t.close());

  const refusal = (auth: Record<string, string>, headers: Record<string, string> = {}) =>
    new Promise<string>((resolve, reject) => {
      const s = connect(`${t.baseUrl}/dispatch`, {
        auth,
        extraHeaders: headers,
        transports: ['polling'],
        forceNew: true,
      });
      s.on('connect', () => {
        s.disconnect();
        reject(new Error('connected'));
      });
      s.on('connect_error', (e) => {
        s.disconnect();
        resolve(e.message);
      });
    });

  it('refuses a socket without a valid session, and drivers', async () => {
    expect(await refusal({})).toMatch(/unauthorized/);
    expect(await refusal({ token: 'nope' })).toMatch(/unauthorized/);
    expect(await refusal({ token: t.org.users.driver.token })).toMatch(/forbidden/);
  });

  it('accepts the session cookie and joins day rooms with an ack', async () => {
    const s = connect(`${t.baseUrl}/dispatch`, {
      extraHeaders: { cookie: `tournee_session=${t.org.users.admin.token}` },
      transports: ['polling'],
      forceNew: true,
    });
    await new Promise<void>((resolve, reject) => {
      s.on('connect', () => resolve());
      s.on('connect_error', reject);
    });
    expect(await s.emitWithAck('day:join', '2027-01-04')).toEqual({
      ok: true,
      data: { room: `org:${t.org.id}:day:2027-01-04` },
    });
    expect(await s.emitWithAck('day:join', 'monday')).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    s.disconnect();
  });
});

describe('server restart', () => {
  it('marks plans left running failed with the reason', async () => {
    const t = await startPlanningApp();
    try {
      const plan = await insertPlan(t.db, t.org.id, {
        from: '2027-01-04',
        to: '2027-01-05',
        depotIds: null,
        orderIds: null,
        options: { balance: false, preferEarliest: false, minimiseVehicles: false },
        timeLimitS: 1,
        createdBy: null,
      });
      await markRunning(t.db, plan.id);
      // Another test app's periodic sweep (same database) may fail it first: either way it ends failed.
      await failInterruptedPlans(t.db, t.org.id);
      const r = await t.call('GET', `/plans/${plan.id}`);
      expect(r.body).toMatchObject({
        status: 'failed',
        error: expect.stringMatching(/server restarted while this plan was running/),
      });
    } finally {
      await t.close();
    }
  });
});
