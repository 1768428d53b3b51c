import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { splitPoints } from './points.ts';

const good = () => ({ id: randomUUID(), deviceAt: new Date().toISOString(), coordinates: [4.83, 45.76] });

describe('splitPoints', () => {
  it('keeps the good points and rejects each bad one alone, naming its field', () => {
    const ok = good();
    const speed = { ...good(), speedMps: 1e39 };
    const heading = { ...good(), headingDeg: 1e9 };
    const lon = { ...good(), coordinates: [null, 45.76] };
    const out = splitPoints([ok, speed, heading, lon]);
    expect(out.valid.map((p) => p.id)).toEqual([ok.id]);
    expect(out.rejected).toEqual([
      { id: speed.id, reason: 'invalid', field: 'speedMps' },
      { id: heading.id, reason: 'invalid', field: 'headingDeg' },
      { id: lon.id, reason: 'invalid', field: 'coordinates' },
    ]);
  });

  it('rejects a point with a malformed id by that id, and ignores one it cannot name', () => {
    const out = splitPoints([{ ...good(), id: 'not-a-uuid' }, { ...good(), id: 'x'.repeat(10_000) }, 42, null]);
    expect(out.valid).toEqual([]);
    expect(out.rejected).toEqual([{ id: 'not-a-uuid', reason: 'invalid', field: 'id' }]);
  });
});
