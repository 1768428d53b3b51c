import type { Order } from '@tournee/shared';
import { describe, expect, it } from 'vitest';
import { formFieldOf, orderPatchOf, pickupCoordinatesMissing, valuesOf } from './order-form-values.ts';

const ORDER: Order = {
  id: 'o1',
  ref: 'A-1',
  name: 'Hélène',
  phone: '+33612345678',
  email: null,
  address: '12 rue Mercière, Lyon',
  location: { type: 'Point', coordinates: [4.8336, 45.7625] },
  geocoded: false,
  dateFrom: '2026-06-02',
  dateTo: '2026-06-02',
  timeWindows: [
    { start: '09:00', end: '12:00' },
    { start: '14:00', end: '16:00' },
  ],
  serviceS: 300,
  demand: [12, 0],
  skills: ['frigo'],
  priority: 0,
  notes: '',
  requireProof: [],
  depotId: null,
  tags: [],
  status: 'imported',
  createdAt: '2026-06-01T08:00:00Z',
  updatedAt: '2026-06-01T08:00:00Z',
  cancelledAt: null,
};

describe('order form values', () => {
  it('shows the phone in national format and one field per dimension', () => {
    const v = valuesOf(ORDER, ['kg', 'parcels'], 'FR');
    expect(v).toMatchObject({ phone: '06 12 34 56 78', demand_kg: '12', demand_parcels: '', service_min: '5' });
  });

  it('keeps the windows the form does not show, and sends no location unless it changed', () => {
    const v = { ...valuesOf(ORDER, ['kg', 'parcels'], 'FR'), tw_end: '13:00', address: '3 place Bellecour, Lyon' };
    const patch = orderPatchOf(v, ORDER, ['kg', 'parcels']);
    expect(patch.timeWindows).toEqual([
      { start: '09:00', end: '13:00' },
      { start: '14:00', end: '16:00' },
    ]);
    expect(patch.location).toBeUndefined();
    expect(patch).toMatchObject({ phone: '06 12 34 56 78', dateTo: '2026-06-02', serviceS: 300, demand: [12, 0] });
    const moved = orderPatchOf({ ...v, lat: '45,70' }, ORDER, ['kg', 'parcels']);
    expect(moved.location).toEqual({ type: 'Point', coordinates: [4.8336, 45.7] });
  });

  it('puts an error on the form field it names, from the import or from PATCH', () => {
    expect(formFieldOf('date', ['kg'])).toBe('date_from');
    expect(formFieldOf('dateTo', ['kg'])).toBe('date_to');
    expect(formFieldOf('timeWindows[0].end', ['kg'])).toBe('tw_end');
    expect(formFieldOf('location', ['kg'])).toBe('lat');
    expect(formFieldOf('demand', ['kg'])).toBe('demand_kg');
    expect(formFieldOf('tw2_start', ['kg'])).toBe('tw_start');
    expect(formFieldOf('email', ['kg'])).toBe('email');
  });

  const WITH_PICKUP: Order = {
    ...ORDER,
    pickup: {
      address: 'Minoterie, Vaise',
      location: { type: 'Point', coordinates: [4.8055, 45.7745] },
      timeWindows: [{ start: '06:30', end: '07:30' }],
    },
  };

  it('shows a pickup, sends it back with its coordinates, and clears it when the form says there is none', () => {
    const v = valuesOf(WITH_PICKUP, ['kg'], 'FR');
    expect(v).toMatchObject({
      pickup_address: 'Minoterie, Vaise',
      pickup_lat: '45.7745',
      pickup_lon: '4.8055',
      pickup_tw_start: '06:30',
      pickup_tw_end: '07:30',
    });
    expect(orderPatchOf(v, WITH_PICKUP, ['kg']).pickup).toEqual(WITH_PICKUP.pickup);
    expect(orderPatchOf(v, WITH_PICKUP, ['kg'], false).pickup).toBeNull();
    // No pickup before, none now: the body says nothing of it.
    expect(orderPatchOf(valuesOf(ORDER, ['kg']), ORDER, ['kg'])).not.toHaveProperty('pickup');
  });

  it('lets the server place a pickup whose address alone changed, and takes typed coordinates with a comma', () => {
    const v = { ...valuesOf(WITH_PICKUP, ['kg']), pickup_address: 'Halles Paul Bocuse, Lyon', pickup_tw_end: '' };
    expect(orderPatchOf(v, WITH_PICKUP, ['kg']).pickup).toEqual({
      address: 'Halles Paul Bocuse, Lyon',
      timeWindows: [{ start: '06:30', end: '' }],
    });
    const typed = { ...valuesOf(ORDER, ['kg']), pickup_address: 'Corbas', pickup_lat: '45,67', pickup_lon: '4,9' };
    expect(orderPatchOf(typed, ORDER, ['kg'], true).pickup).toEqual({
      address: 'Corbas',
      location: { type: 'Point', coordinates: [4.9, 45.67] },
      timeWindows: [],
    });
    expect(pickupCoordinatesMissing({ ...typed, pickup_lon: '' })).toBe('pickup_lon');
    expect(pickupCoordinatesMissing(typed)).toBeNull();
  });

  it('puts a pickup error on the pickup field it names', () => {
    expect(formFieldOf('pickup.timeWindows', ['kg'])).toBe('pickup_tw_end');
    expect(formFieldOf('pickup.location', ['kg'])).toBe('pickup_lat');
    expect(formFieldOf('pickup.address', ['kg'])).toBe('pickup_address');
    expect(formFieldOf('pickup_tw_start', ['kg'])).toBe('pickup_tw_start');
  });
});
