import type { Order } from '@tournee/shared';
import { describe, expect, it } from 'vitest';
import { formFieldOf, orderPatchOf, valuesOf } from './order-form-values.ts';

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
});
