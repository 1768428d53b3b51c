import { describe, expect, it } from 'vitest';
import {
  capacityByDimension,
  capacityVector,
  CreateDepotRequest,
  CreateVehicleRequest,
  UpdateVehicleRequest,
} from './fleet.ts';
import { CreateShiftPatternRequest } from './shifts.ts';

const dims = ['kg', 'm3', 'parcels'];

describe('capacityVector', () => {
  it('takes an array in the order of the dimensions', () => {
    expect(capacityVector([800, 6, 40], dims)).toEqual({ ok: true, vector: [800, 6, 40] });
  });

  it('takes an object by dimension name and orders it', () => {
    expect(capacityVector({ parcels: 40, kg: 800, m3: 6 }, dims)).toEqual({ ok: true, vector: [800, 6, 40] });
  });

  it('refuses an array of the wrong length, listing the dimensions', () => {
    const r = capacityVector([800, 6], dims);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/2 value.*3 dimension.*kg, m3, parcels/);
  });

  it('refuses an unknown or a missing dimension, naming it', () => {
    const unknown = capacityVector({ kg: 800, m3: 6, parcels: 1, pallets: 2 }, dims);
    if (!unknown.ok) expect(unknown.message).toMatch(/unknown dimension "pallets"/);
    else throw new Error('accepted pallets');
    const missing = capacityVector({ kg: 800 }, dims);
    if (!missing.ok) expect(missing.message).toMatch(/missing dimension m3, parcels/);
    else throw new Error('accepted a missing dimension');
  });

  it('names the values of a vector', () => {
    expect(capacityByDimension([800, 6, 40], dims)).toEqual({ kg: 800, m3: 6, parcels: 40 });
  });
});

describe('fleet request schemas', () => {
  it('refuses a depot off the Earth or in an unknown zone', () => {
    const r = CreateDepotRequest.safeParse({ name: 'Lyon', location: { lon: 4.8, lat: 123 }, timeZone: 'Europe/Lyon' });
    expect(r.success).toBe(false);
    const paths = r.error?.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['location.lat', 'timeZone']));
  });

  it('needs name, depot and capacity to create a vehicle, but nothing to update one', () => {
    const r = CreateVehicleRequest.safeParse({ name: 'V1' });
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(expect.arrayContaining(['depotId', 'capacity']));
    expect(UpdateVehicleRequest.parse({})).toEqual({});
  });

  it('reads a weekly pattern written for people', () => {
    const p = CreateShiftPatternRequest.parse({
      vehicleId: '6f1c2b4e-8d3a-4c5b-9e7f-0a1b2c3d4e5f',
      weekdays: 'Mon-Fri',
      start: '08:00',
      end: '17:00',
      breaks: [{ start: '12:00', end: '14:00', durationMin: 30 }],
      validFrom: '2027-03-22',
    });
    expect(p.weekdays).toEqual([1, 2, 3, 4, 5]);
  });

  it('names the break field that does not fit the shift', () => {
    const r = CreateShiftPatternRequest.safeParse({
      vehicleId: '6f1c2b4e-8d3a-4c5b-9e7f-0a1b2c3d4e5f',
      weekdays: ['mon'],
      start: '08:00',
      end: '17:00',
      breaks: [{ start: '12:00', end: '12:20', durationMin: 30 }],
      validFrom: '2027-03-22',
      validTo: '2027-03-01',
    });
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(['breaks.0.durationMin', 'validTo']);
  });
});

describe('LonLat', () => {
  it('reads {lon, lat} and GeoJSON points alike', async () => {
    const { LonLat } = await import('./fleet.ts');
    expect(LonLat.parse({ lon: 4.85, lat: 45.75 })).toEqual({ lon: 4.85, lat: 45.75 });
    expect(LonLat.parse({ type: 'Point', coordinates: [4.85, 45.75] })).toEqual({ lon: 4.85, lat: 45.75 });
    expect(LonLat.safeParse({ type: 'Point', coordinates: [4.85, 95] }).error?.issues[0]?.path).toEqual(['lat']);
    expect(LonLat.safeParse({ lon: 0, lat: 0 }).success).toBe(false);
  });
});
