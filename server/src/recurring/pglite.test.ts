import { CreateDepotRequest } from '@tournee/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../audit/audit.ts';
import type { Db } from '../db/db.ts';
import { pgliteOrg } from '../../test/support/pglite-org.ts';
import { createDepot } from '../fleet/service.ts';
import { claimRun, insertSchedule } from '../schedules/repo.ts';
import { generateDue } from './generate.ts';
import { insertTemplate } from './repo.ts';

// Schedules' and templates' SQL on the embedded database (the server's other adapter).
let db: Db;
let orgId: string;
beforeAll(async () => {
  ({ db, orgId } = await pgliteOrg());
}, 120_000);

const silent = { info() {}, error() {}, warn() {} } as unknown as Parameters<typeof generateDue>[0]['log'];

describe('schedules and recurring orders on PGlite', () => {
  it('claims a tick once and generates a template once a day', async () => {
    const depot = await createDepot(
      db,
      systemActor(orgId),
      CreateDepotRequest.parse({ name: 'Lyon', location: { lon: 4.83, lat: 45.73 }, timeZone: 'Europe/Paris' }),
    );
    const scheduleId = await insertSchedule(
      db,
      orgId,
      {
        name: 'Evening',
        enabled: true,
        depotId: depot.id,
        cron: '0 18 * * *',
        startOffsetDays: 1,
        horizonDays: 1,
        options: { balance: false, preferEarliest: false, minimiseVehicles: false },
        timeLimitS: null,
        publish: null,
      },
      new Date('2027-03-01T00:00:00Z'),
      null,
    );
    const tick = new Date('2027-03-01T17:00:00Z');
    const s = { id: scheduleId, orgId };
    expect(await claimRun(db, s, 'plan', tick, tick)).not.toBeNull();
    expect(await claimRun(db, s, 'plan', tick, tick)).toBeNull();

    await insertTemplate(
      db,
      orgId,
      'ROUND',
      {
        depotId: depot.id,
        rrule: 'FREQ=WEEKLY;BYDAY=TU,FR',
        startsOn: '2027-03-01',
        endsOn: null,
        aheadDays: 7,
        paused: false,
        order: {
          name: 'Client',
          address: '',
          lat: 45.76,
          lon: 4.83,
          notes: '',
          timeWindows: [],
          demand: {},
          skills: [],
          priority: 0,
          requireProof: [],
        },
      },
      null,
    );
    const now = new Date('2027-03-01T09:00:00Z');
    await generateDue({ db, geocoder: null, log: silent }, now);
    await generateDue({ db, geocoder: null, log: silent }, now);
    const refs = await db.query<{ ref: string }>(`SELECT ref FROM orders WHERE org_id = $1 ORDER BY ref`, [orgId]);
    expect(refs.rows.map((r) => r.ref)).toEqual(['ROUND-2027-03-02', 'ROUND-2027-03-05']);
  });
});
