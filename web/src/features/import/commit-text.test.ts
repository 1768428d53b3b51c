import { describe, expect, it } from 'vitest';
import { translate } from '../../i18n/i18n.tsx';
import { en, fr } from '../../i18n/messages.ts';
import { commitPlan } from './commit-text.ts';

const tFr = (k: string, v?: Record<string, string | number>) => translate(fr, 'fr-FR', k, v);
const tEn = (k: string, v?: Record<string, string | number>) => translate(en, 'en-GB', k, v);

describe('the import commit button', () => {
  it('says how many rows will be imported and refused', () => {
    expect(commitPlan(tFr, 40, 3, true)).toEqual({ label: '37 lignes seront importées, 3 refusées', enabled: true });
    expect(commitPlan(tEn, 2, 0, false)).toEqual({ label: '2 rows will be imported', enabled: true });
    expect(commitPlan(tEn, 2, 1, true).label).toBe('1 row will be imported, 1 rejected');
  });

  it('writes nothing while bad rows stand and the good rows are not to be imported alone', () => {
    expect(commitPlan(tFr, 40, 3, false)).toEqual({
      label: 'Rien ne sera importé tant que 3 lignes ont des problèmes',
      enabled: false,
    });
    expect(commitPlan(tEn, 4, 4, true)).toEqual({
      label: 'Nothing will be imported: all 4 rows have problems',
      enabled: false,
    });
  });
});

describe('the bad rows of the preview', () => {
  it('marks a previewed row whose refused cell it shows, not one shifted by a blank row', async () => {
    const { badPreviewRows } = await import('./import-preview.tsx');
    const columns = [
      { header: 'ref', field: 'ref' },
      { header: 'lat', field: 'lat' },
    ];
    const preview = [
      ['A', '45.7'],
      ['B', '123'],
    ];
    const errors = [
      { row: 3, column: 'lat', value: '123', message: 'is not a latitude' },
      { row: 9, column: 'lat', value: '999', message: 'is not a latitude' },
    ];
    expect([...badPreviewRows(preview, columns, errors)]).toEqual([[1, 'lat: is not a latitude']]);
    expect(badPreviewRows(preview, columns, [{ ...errors[0]!, row: 2 }]).size).toBe(0);
  });
});
