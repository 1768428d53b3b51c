import type { UnassignedFigures } from '@tournee/shared';
import { describe, expect, it } from 'vitest';
import { type TextKey, type TextValues, translate } from '../../i18n/i18n.tsx';
import { en, fr } from '../../i18n/messages.ts';
import { unplannedFiguresText } from './unplanned-figures.ts';

const inEnglish = (key: TextKey, values?: TextValues) => translate(en, 'en-GB', key, values);
const inFrench = (key: TextKey, values?: TextValues) => translate(fr, 'fr-FR', key, values);
const figures = (over: Partial<UnassignedFigures>): UnassignedFigures => ({
  dimensions: ['kg', 'm3', 'parcels'],
  demand: [10, 0, 1],
  largest: [
    { capacity: 800, vehicle: 'Van 3' },
    { capacity: 6, vehicle: 'Van 3' },
    { capacity: 60, vehicle: 'Van 1' },
  ],
  skills: [],
  missingSkills: [],
  timeWindows: [],
  shiftHours: { start: '08:00', end: '17:00' },
  ...over,
});

describe('unplannedFiguresText', () => {
  it('says a demand beside the largest van, in the locale', () => {
    const f = figures({ demand: [1950, 0, 1] });
    expect(unplannedFiguresText('capacity', f, inEnglish, 'en-GB')).toBe('1,950 kg, largest van 800 kg (Van 3)');
    // French groups digits and sets units apart with narrow no-break spaces.
    expect(unplannedFiguresText('capacity', f, inFrench, 'fr-FR')?.replace(/\u202f/g, ' ')).toBe(
      '1 950 kg, plus grand véhicule 800 kg (Van 3)',
    );
  });

  it('counts parcels with the plural of the language', () => {
    const f = figures({ demand: [0, 0, 61] });
    expect(unplannedFiguresText(null, f, inEnglish, 'en-GB')).toBe('61 parcels, largest van 60 parcels (Van 1)');
    expect(unplannedFiguresText(null, f, inFrench, 'fr-FR')).toBe('61 colis, plus grand véhicule 60 colis (Van 1)');
  });

  it('names the skill no vehicle has, whatever the reason the solver gave', () => {
    const f = figures({ skills: ['frigo'], missingSkills: ['frigo'] });
    expect(unplannedFiguresText('skills', f, inEnglish, 'en-GB')).toBe('skill frigo: no vehicle has it');
    expect(unplannedFiguresText('time_window', f, inFrench, 'fr-FR')).toBe('compétence frigo : aucun véhicule ne l’a');
  });

  it('puts a window outside every shift beside the shift hours', () => {
    const f = figures({ timeWindows: [{ start: '05:00', end: '06:00' }] });
    expect(unplannedFiguresText('time_window', f, inEnglish, 'en-GB')).toBe(
      'window 05:00–06:00: outside every shift (08:00–17:00)',
    );
    expect(unplannedFiguresText('no_shift_on_allowed_days', figures({ shiftHours: null }), inEnglish, 'en-GB')).toBe(
      'no shift on any of its days',
    );
  });

  it('gives the figures of a reason that does not rule the order out alone, and nothing when they add nothing', () => {
    expect(unplannedFiguresText('capacity', figures({ demand: [500, 0, 0] }), inEnglish, 'en-GB')).toBe(
      '500 kg: the vans big enough are full (largest 800 kg)',
    );
    expect(unplannedFiguresText('no_room', figures({}), inEnglish, 'en-GB')).toBeNull();
  });
});
