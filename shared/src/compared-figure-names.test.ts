import { describe, expect, it } from 'vitest';
import { COMPARED_FIGURE_NAMES } from './compared-figure-names.ts';
import { LANGUAGES } from './i18n/language.ts';
import { COMPARED_FIGURES } from './savings.ts';

describe('COMPARED_FIGURE_NAMES', () => {
  it('names every compared figure in every language', () => {
    for (const lang of LANGUAGES) {
      expect(Object.keys(COMPARED_FIGURE_NAMES[lang]).sort()).toEqual([...COMPARED_FIGURES].sort());
      for (const name of Object.values(COMPARED_FIGURE_NAMES[lang])) expect(name.trim()).not.toBe('');
    }
  });
});
