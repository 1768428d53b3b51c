import { describe, expect, it } from 'vitest';
import { auditQuery, localMidnight, NO_FILTERS } from './audit-query.ts';

describe('the audit filters as a query', () => {
  it('sends only the filters set, the last day included whole', () => {
    const q = new URLSearchParams(
      auditQuery(
        { ...NO_FILTERS, entity: 'order', action: ' order.update ', from: '2026-03-01', to: '2026-03-31' },
        {
          cursor: 'abc',
          limit: 50,
        },
      ),
    );
    expect(Object.fromEntries(q)).toEqual({
      entity: 'order',
      action: 'order.update',
      from: localMidnight('2026-03-01'),
      to: localMidnight('2026-04-01'),
      limit: '50',
      cursor: 'abc',
    });
    expect(auditQuery(NO_FILTERS)).toBe('');
    expect(auditQuery(NO_FILTERS, { format: 'csv' })).toBe('?format=csv');
  });

  it("reads a date as the dispatcher's local midnight", () => {
    const at = new Date(localMidnight('2026-03-29'));
    expect([at.getFullYear(), at.getMonth(), at.getDate(), at.getHours(), at.getMinutes()]).toEqual([
      2026, 2, 29, 0, 0,
    ]);
  });
});
