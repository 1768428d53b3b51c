import { CreateDepotRequest } from '@tournee/shared';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import { parse } from './validate.ts';

/** The 400 that parse throws, as the client reads it. */
function refusal(schema: z.ZodType, input: unknown): { message: string; details: unknown } {
  try {
    parse(schema, input);
  } catch (e) {
    if (e instanceof AppError) return { message: e.message, details: e.details };
    throw e;
  }
  throw new Error('accepted');
}

describe('parse', () => {
  it('names a missing field as required, not with zod’s "expected nonoptional, received undefined"', () => {
    const r = refusal(CreateDepotRequest, { name: 'Lyon' });
    expect(r.message).toBe('Invalid body: location: is required; timeZone: is required');
    expect(r.details).toEqual([
      { field: 'location', message: 'is required' },
      { field: 'timeZone', message: 'is required' },
    ]);
  });

  it('keeps the schema’s own message for a value that is there but wrong', () => {
    const schema = z.object({ items: z.array(z.object({ qty: z.number() })) });
    expect(refusal(schema, { items: [{ qty: 'two' }] }).details).toEqual([
      { field: 'items[0].qty', message: 'Invalid input: expected number, received string' },
    ]);
    expect(refusal(schema, { items: [{}] }).details).toEqual([{ field: 'items[0].qty', message: 'is required' }]);
    expect(refusal(schema, undefined).details).toEqual([{ field: 'body', message: 'is required' }]);
  });
});
