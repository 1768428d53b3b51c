import type { DriverRoute } from '@tournee/shared';
import { describe, expect, it } from 'vitest';
import { diffRoutes } from './route-diff.ts';

const route = (version: number, ids: string[]) =>
  ({ id: 'r', version, stops: ids.map((id) => ({ id })) }) as unknown as DriverRoute;

describe('route diff', () => {
  it('counts added and removed stops and notices a new order', () => {
    expect(diffRoutes(route(2, ['a', 'b', 'c']), route(3, ['c', 'b', 'd']))).toEqual({
      version: 3,
      added: 1,
      removed: 1,
      reordered: true,
    });
  });
  it('says nothing for the same version', () => {
    expect(diffRoutes(route(2, ['a']), route(2, ['a', 'b']))).toBeNull();
  });
});
