import { describe, expect, it } from 'vitest';
import { OrderInput } from './order-api.ts';
import { PICKUP_FIELDS } from './pickup-fields.ts';

describe('PICKUP_FIELDS', () => {
  it('are the pickup_* fields of an order as posted, in the import order', () => {
    expect(PICKUP_FIELDS).toEqual(Object.keys(OrderInput.shape).filter((k) => k.startsWith('pickup_')));
  });
});
