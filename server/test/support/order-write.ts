import type { OrderWrite } from '../../src/orders/import/import-columns.ts';
import type { ValidRow } from '../../src/orders/import/validate-row.ts';

/** A row ready to be written (as the import's checks leave it), with `extra` fields changed; its hash follows them. */
export const orderWrite = (ref: string, extra: Partial<ValidRow> = {}): OrderWrite => ({
  geocoded: false,
  hash: `hash-${ref}-${JSON.stringify(extra)}`,
  row: {
    ref,
    name: 'Zoé Ménard',
    phone: null,
    email: null,
    address: '3 rue Mercière, Lyon',
    lon: 4.83,
    lat: 45.76,
    dateFrom: '2027-03-23',
    dateTo: '2027-03-23',
    timeWindows: [{ start: '08:00', end: '11:00' }],
    serviceS: 300,
    demand: [12.5, 0, 1],
    skills: [],
    priority: 0,
    notes: '',
    requireProof: [],
    ...extra,
  } as OrderWrite['row'],
});
