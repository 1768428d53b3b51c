import { describe, expect, it } from 'vitest';
import { hrefOf, orderPathOf } from './order-path.ts';

describe('order paths', () => {
  it('reads the list, the new-order form, an order and its edit form from the path', () => {
    expect(orderPathOf('/orders')).toEqual({ kind: 'list' });
    expect(orderPathOf('/')).toEqual({ kind: 'list' });
    expect(orderPathOf('/orders/new')).toEqual({ kind: 'new' });
    expect(orderPathOf('/orders/3f1c')).toEqual({ kind: 'order', id: '3f1c', edit: false });
    expect(orderPathOf('/orders/3f1c/edit')).toEqual({ kind: 'order', id: '3f1c', edit: true });
    expect(orderPathOf('/planner/3f1c')).toEqual({ kind: 'list' });
  });

  it('writes back the path it reads', () => {
    for (const p of ['/orders', '/orders/new', '/orders/3f1c', '/orders/3f1c/edit'])
      expect(hrefOf(orderPathOf(p))).toBe(p);
  });
});
