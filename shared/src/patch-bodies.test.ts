/**
 * Every PATCH body schema (named Update… or …Patch): a field the client leaves out stays out, so
 * the stored value is kept. zod applies a default even under `.partial()`, which once made a
 * PATCH of a plan schedule reset its options and a PATCH of an intake rule switch it back on.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as shared from './index.ts';

const patchBodies: { name: string; schema: z.ZodType }[] = [];
for (const [name, value] of Object.entries(shared) as [string, unknown][])
  if (value instanceof z.ZodType && /^Update|Patch$/.test(name)) patchBodies.push({ name, schema: value });

describe('PATCH bodies', () => {
  it('are found (the list below is not empty by accident)', () => {
    expect(patchBodies.map((b) => b.name)).toEqual(
      expect.arrayContaining(['AutomationRulePatch', 'UpdatePlanSchedule', 'UpdateVehicleRequest', 'OrderPatch']),
    );
  });

  it.each(patchBodies)('$name adds no field the body left out', ({ schema }) => {
    const empty = schema.safeParse({});
    // A body that must change something (a role or a name) refuses {}: nothing is filled in then.
    if (empty.success) expect(empty.data).toEqual({});
  });
});
