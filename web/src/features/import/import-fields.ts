import type { ImportColumn } from '@tournee/shared';

/** The import's canonical columns, for the mapping step (demand columns follow the organisation's dimensions). */
export function importFields(dimensions: string[]): string[] {
  return [
    'ref',
    'name',
    'phone',
    'email',
    'address',
    'postcode',
    'city',
    'country',
    'lat',
    'lon',
    'date',
    'date_from',
    'date_to',
    'tw_start',
    'tw_end',
    'tw2_start',
    'tw2_end',
    'service_min',
    ...dimensions.map((d) => `demand_${d}`),
    'skills',
    'priority',
    'notes',
    'require_proof',
  ];
}

/** The mapping to send: only headers whose field differs from what the server would guess ("" ignores a column). */
export function mappingFrom(columns: ImportColumn[], chosen: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of columns) {
    const f = chosen[c.header];
    if (f !== undefined && f !== (c.field ?? '')) out[c.header] = f;
  }
  return out;
}
