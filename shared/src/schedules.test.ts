import { describe, expect, it } from 'vitest';
import { CreatePlanSchedule, UpdatePlanSchedule } from './schedules.ts';

const depotId = '00000000-0000-4000-8000-000000000001';

describe('UpdatePlanSchedule', () => {
  it('leaves out what the PATCH leaves out: no default options overwrite the saved ones', () => {
    expect(UpdatePlanSchedule.parse({ enabled: false })).toEqual({ enabled: false });
    expect(UpdatePlanSchedule.parse({})).toEqual({});
  });

  it('fills the options it is given like the creation does', () => {
    const created = CreatePlanSchedule.parse({ name: 'x', depotId, cron: '0 18 * * *', options: { balance: true } });
    expect(UpdatePlanSchedule.parse({ options: { balance: true } })).toEqual({ options: created.options });
  });

  it('takes null to clear the time limit and the auto-publish', () => {
    expect(UpdatePlanSchedule.parse({ timeLimitS: null, publish: null })).toEqual({ timeLimitS: null, publish: null });
  });
});
