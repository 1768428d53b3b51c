import { describe, expect, it } from 'vitest';
import { type TextKey, type TextValues, translate } from '../../i18n/i18n.tsx';
import { en } from '../../i18n/messages.ts';
import { progressText } from './plan-progress.ts';

const t = (key: TextKey, values?: TextValues) => translate(en, 'en-GB', key, values);

describe('progressText', () => {
  it('says the solver is searching until it has a solution, then the counts', () => {
    expect(progressText(undefined, t)).toBe('Looking for a first solution…');
    expect(progressText({ bestCost: null, assigned: 0, unassigned: 40, elapsedMs: 500 }, t)).toBe(
      'Looking for a first solution…',
    );
    expect(progressText({ bestCost: 1234, assigned: 38, unassigned: 2, elapsedMs: 900 }, t)).toMatch(
      /^38 assigned, 2 /,
    );
  });
});
