import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrg, type TestOrg } from '../../test/harness.ts';
import { TEST_DATABASE_URL } from '../../test/test-db.ts';
import type { Db } from '../db/db.ts';
import { createPgDb } from '../db/pg-adapter.ts';
import { ownerGoneHere, type PlanOwner, processStartedAt, thisProcess } from './plan-owner.ts';
import { failInterruptedPlans, findPlan, heartbeatPlans, insertPlan, markRunning } from './plan-repo.ts';

const newPlan = (owner: PlanOwner | null, queueName: string | null = null) => ({
  from: '2027-01-04',
  to: '2027-01-05',
  depotIds: null,
  orderIds: null,
  options: { balance: false, preferEarliest: false, minimiseVehicles: false },
  timeLimitS: 1,
  createdBy: null,
  owner,
  queueName,
});

/** A process that has exited: its pid is free (or reused by another process). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((r) => child.once('exit', r));
  return child.pid!;
}

describe('plan owners', () => {
  it('knows this process is alive and a finished process is gone', async () => {
    const me = thisProcess();
    expect(ownerGoneHere(me)).toBe(false);
    expect(ownerGoneHere({ ...me, pid: await deadPid() })).toBe(true);
    // The same pid started at another time: a previous process whose pid was reused.
    expect(ownerGoneHere({ ...me, startedAt: new Date(me.startedAt.getTime() - 60_000) })).toBe(true);
    // Another host: only its heartbeat can tell.
    expect(ownerGoneHere({ ...me, host: 'elsewhere', pid: await deadPid() })).toBe(false);
  });

  it('reads a process start time that does not change', () => {
    const a = processStartedAt(process.pid);
    expect(a).not.toBeNull();
    expect(processStartedAt(process.pid)?.getTime()).toBe(a!.getTime());
    expect(thisProcess().startedAt.getTime()).toBe(a!.getTime());
  });
});

describe('failing interrupted plans', () => {
  let db: Db;
  let org: TestOrg;
  beforeAll(async () => {
    db = createPgDb(TEST_DATABASE_URL, { max: 2 });
    org = await createTestOrg(db);
  });
  afterAll(() => db.close());

  const running = async (owner: PlanOwner | null) => {
    const plan = await insertPlan(db, org.id, newPlan(owner));
    await markRunning(db, plan.id, owner);
    return plan.id;
  };
  const status = async (id: string) => (await findPlan(db, org.id, id))?.status;

  it('fails only the plans whose process is gone', async () => {
    const me = thisProcess();
    const mine = await running(me);
    const deadHere = await running({ ...me, pid: await deadPid() });
    const liveElsewhere = await running({ host: 'elsewhere', pid: 1, startedAt: new Date() });
    const queuedHere = (await insertPlan(db, org.id, newPlan(me))).id;
    const onQueue = (await insertPlan(db, org.id, newPlan(null, 'tournee-plans'))).id;
    const ownerless = await running(null);

    const failed = await failInterruptedPlans(db, org.id);
    expect(failed.map((p) => p.id).sort()).toEqual([deadHere, ownerless].sort());
    expect(failed[0]!.error).toMatch(/nothing was written, plan again/);
    for (const id of [mine, liveElsewhere, queuedHere]) expect(await status(id)).not.toBe('failed');
    expect(await status(onQueue)).toBe('queued');
  });

  it('fails the plan of another host once its heartbeat is older than the timeout', async () => {
    const owner = { host: 'elsewhere', pid: 4242, startedAt: new Date('2026-01-01T00:00:00Z') };
    const id = await running(owner);
    expect(await failInterruptedPlans(db, org.id, { timeoutMs: 60_000 })).toEqual([]);
    await db.query(`UPDATE plans SET heartbeat_at = now() - interval '2 minutes' WHERE id = $1`, [id]);
    // A beat of its owner keeps it alive…
    expect(await heartbeatPlans(db, owner)).toBe(1);
    expect(await failInterruptedPlans(db, org.id, { timeoutMs: 60_000 })).toEqual([]);
    // …missing beats do not.
    await db.query(`UPDATE plans SET heartbeat_at = now() - interval '2 minutes' WHERE id = $1`, [id]);
    expect((await failInterruptedPlans(db, org.id, { timeoutMs: 60_000 })).map((p) => p.id)).toEqual([id]);
    expect(await status(id)).toBe('failed');
  });
});
